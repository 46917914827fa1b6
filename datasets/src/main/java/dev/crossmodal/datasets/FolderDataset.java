package dev.crossmodal.datasets;

import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A plain folder of images without captions, such as a photo collection: every file with a common
 * image extension, in sub-folders down to {@link #DEFAULT_MAX_DEPTH} levels, sorted by path.
 * Hidden files and folders (names starting with a dot) are left out.
 *
 * <p>Links are followed while they stay inside the folder (photo folders are often assembled from
 * links); a link leading outside it (to {@code /proc}, say) is reported and not followed unless
 * {@link #followingLinksOutside()} asks for it. FIFOs, devices and sockets are never opened;
 * they, dangling links, links to themselves, loops and folders too deep are reported. The scan
 * runs when the stream is first used and stops within moments of the stream being closed from
 * another thread (an indexer's cancel), so Ctrl-C or SIGTERM interrupts even a huge tree.
 *
 * <pre>{@code
 * Dataset photos = FolderDataset.of(Path.of("~/Pictures/holiday"));
 * }</pre>
 */
public final class FolderDataset implements Dataset {
  /** File extensions read as images (lower case, compared case-insensitively). */
  public static final Set<String> IMAGE_EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff");

  /** How many levels of sub-folders are scanned by default. */
  public static final int DEFAULT_MAX_DEPTH = 32;

  private final Path dir;
  private final int maxDepth;
  private final boolean followLinksOutside;

  private FolderDataset(Path dir, int maxDepth, boolean followLinksOutside) {
    this.dir = dir;
    this.maxDepth = maxDepth;
    this.followLinksOutside = followLinksOutside;
  }

  /**
   * {@return a dataset of the images under {@code dir}}
   *
   * @param dir the folder whose images are read, recursively
   * @throws InvalidInputException if {@code dir} is not a folder
   */
  public static FolderDataset of(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(
          "image folder " + dir + " does not exist or is not a folder; expected a folder of image files ("
              + String.join(", ", IMAGE_EXTENSIONS.stream().sorted().toList()) + ")");
    }
    return new FolderDataset(dir, DEFAULT_MAX_DEPTH, false);
  }

  /**
   * {@return this dataset scanning at most {@code depth} levels of sub-folders (0: only the folder itself)}
   *
   * @param depth how many levels of sub-folders are scanned
   */
  public FolderDataset withMaxDepth(int depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("depth must be 0 or more, got " + depth);
    }
    return new FolderDataset(dir, depth, followLinksOutside);
  }

  /**
   * {@return this dataset following links that lead outside its folder too (still never into a
   * loop)}
   */
  public FolderDataset followingLinksOutside() {
    return new FolderDataset(dir, maxDepth, true);
  }

  @Override
  public String name() {
    return "folder (" + dir + ")";
  }

  @Override
  public Stream<DatasetEntry> entries() {
    AtomicBoolean stop = new AtomicBoolean();
    return StreamSupport.stream(() -> scan(stop).spliterator(), Spliterator.ORDERED, false)
        .onClose(() -> stop.set(true));
  }

  private Stream<DatasetEntry> scan(AtomicBoolean stop) {
    Scan scan = new Scan(stop);
    Path root;
    try {
      root = dir.toRealPath();
    } catch (IOException e) {
      throw new InvalidInputException("cannot read image folder " + dir + ": " + e.getMessage(), e);
    }
    scan.visitFolder(dir, root, 0);
    if (stop.get()) {
      scan.problems.add(new SkippedItem(".", "folder scan interrupted; the images found so far are kept"));
    }
    // Sorted by the '/'-joined relative path, so the order is the same on every OS and file system.
    scan.files.sort(Comparator.comparing(f -> slashed(dir.relativize(f))));
    CaptionTable table = new CaptionTable();
    for (Path file : scan.files) {
      table.addImage(slashed(dir.relativize(file)), file);
    }
    scan.problems.forEach(table::addProblem);
    return new CaptionedImages(dir).entries(table);
  }

  /** One walk over the folder: what it found and what it skipped. */
  private final class Scan {
    private final AtomicBoolean stop;
    private final List<Path> files = new ArrayList<>();
    private final List<SkippedItem> problems = new ArrayList<>();
    private final Set<Path> foldersSeen = new HashSet<>();
    private Path realRoot;

    Scan(AtomicBoolean stop) {
      this.stop = stop;
    }

    void visitFolder(Path folder, Path real, int depth) {
      if (realRoot == null) {
        realRoot = real;
      }
      if (!foldersSeen.add(real)) {
        report(folder, "link loops back to a folder already scanned; not followed");
        return;
      }
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> list = Files.newDirectoryStream(folder)) {
        for (Path child : list) {
          if (stop.get()) {
            return;
          }
          children.add(child);
        }
      } catch (IOException | RuntimeException e) {
        report(folder, "cannot list folder: " + e.getMessage());
        return;
      }
      children.sort(Comparator.naturalOrder());
      for (Path child : children) {
        if (stop.get()) {
          return;
        }
        if (isHidden(child)) {
          continue;
        }
        visit(child, depth);
      }
    }

    private void visit(Path path, int depth) {
      BasicFileAttributes own;
      try {
        own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        report(path, "cannot read: " + e.getMessage());
        return;
      }
      Path target = path;
      BasicFileAttributes attributes = own;
      if (own.isSymbolicLink()) {
        try {
          target = path.toRealPath();
        } catch (NoSuchFileException e) {
          report(path, "dangling link (its target does not exist); skipped");
          return;
        } catch (FileSystemException e) {
          report(path, "link that loops (to itself or through other links); skipped");
          return;
        } catch (IOException e) {
          report(path, "cannot follow link: " + e.getMessage());
          return;
        }
        if (!target.startsWith(realRoot) && !followLinksOutside) {
          report(path, "link leads outside the dataset folder (to " + target + "); not followed"
              + " (--follow-links follows it)");
          return;
        }
        try {
          attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          report(path, "cannot read link target " + target + ": " + e.getMessage());
          return;
        }
      }
      if (attributes.isDirectory()) {
        if (depth >= maxDepth) {
          report(path, "folder deeper than " + maxDepth + " levels; not scanned");
          return;
        }
        visitFolder(path, own.isSymbolicLink() ? target : realOf(path), depth + 1);
      } else if (attributes.isRegularFile()) {
        if (isImageName(path)) {
          files.add(path);
        }
      } else {
        report(path, "not a regular file (a FIFO, device or socket); never opened, skipped");
      }
    }

    private Path realOf(Path folder) {
      try {
        return folder.toRealPath();
      } catch (IOException e) {
        return folder.toAbsolutePath().normalize();
      }
    }

    private void report(Path path, String reason) {
      problems.add(new SkippedItem(slashed(dir.relativize(path)), reason));
    }
  }

  private static boolean isHidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  static boolean isImageName(Path file) {
    return isImageName(file.getFileName().toString());
  }

  /** Whether a file name ends with one of {@link #IMAGE_EXTENSIONS}. */
  static boolean isImageName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String slashed(Path relative) {
    String separator = relative.getFileSystem().getSeparator();
    String text = relative.toString();
    return text.isEmpty() ? "." : separator.equals("/") ? text : text.replace(separator, "/");
  }
}
