package dev.crossmodal.datasets;

import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A plain folder of images without captions, such as a photo collection: every file with a common
 * image extension, in all sub-folders, sorted by path. Hidden files and folders (names starting
 * with a dot) are left out. Links are followed; sub-folders that cannot be listed (or loop back
 * through a link) are reported, not fatal.
 *
 * <pre>{@code
 * Dataset photos = FolderDataset.of(Path.of("~/Pictures/holiday"));
 * }</pre>
 */
public final class FolderDataset implements Dataset {
  /** File extensions read as images (lower case, compared case-insensitively). */
  public static final Set<String> IMAGE_EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff");

  private final Path dir;

  private FolderDataset(Path dir) {
    this.dir = dir;
  }

  /**
   * A dataset of the images under {@code dir}.
   *
   * @throws InvalidInputException if {@code dir} is not a folder
   */
  public static FolderDataset of(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(
          "image folder " + dir + " does not exist or is not a folder; expected a folder of image files ("
              + String.join(", ", IMAGE_EXTENSIONS.stream().sorted().toList()) + ")");
    }
    return new FolderDataset(dir);
  }

  @Override
  public String name() {
    return "folder (" + dir + ")";
  }

  @Override
  public Stream<DatasetEntry> entries() {
    List<Path> files = new ArrayList<>();
    List<SkippedItem> problems = new ArrayList<>();
    try {
      // Links are followed: photo folders are often assembled from links to files kept elsewhere.
      Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          return !d.equals(dir) && isHidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && !isHidden(file) && isImageName(file)) {
            files.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          String reason = e instanceof FileSystemLoopException
              ? "link loops back to a folder that contains it; not followed"
              : "cannot read: " + e;
          problems.add(new SkippedItem(slashed(dir.relativize(file)), reason));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new InvalidInputException("cannot list image folder " + dir + ": " + e.getMessage(), e);
    }
    // Sorted by the '/'-joined relative path, so the order is the same on every OS and file system.
    files.sort(Comparator.comparing(f -> slashed(dir.relativize(f))));
    CaptionTable table = new CaptionTable();
    for (Path file : files) {
      table.addImage(slashed(dir.relativize(file)), file);
    }
    problems.forEach(table::addProblem);
    return new CaptionedImages(dir).entries(table);
  }

  private static boolean isHidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  static boolean isImageName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String slashed(Path relative) {
    String separator = relative.getFileSystem().getSeparator();
    return separator.equals("/") ? relative.toString() : relative.toString().replace(separator, "/");
  }
}
