package dev.crossmodal.examples.server;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.datasets.DocumentIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * Reads the file of an indexed image for {@code GET /images/{id}}, only if it is still the file
 * that was indexed: after resolving links, a regular file (never a FIFO or device, which could
 * block or never end) inside the dataset folder it was indexed from, whose content hash is still
 * its id. A link re-pointed at {@code /etc/passwd}, or a file replaced since, is refused (410).
 */
final class IndexedImageFile {
  /** Ids made by {@link DocumentIds#imageId}: their content can be checked. */
  private static final Pattern CONTENT_ID = Pattern.compile("[0-9a-f]{" + DocumentIds.IMAGE_ID_LENGTH + "}");
  private static final long MAX_BYTES = 64L << 20;

  private IndexedImageFile() {}

  /**
   * The bytes of an image document's file.
   *
   * @throws HttpError 410 if the file is gone, outside its dataset folder, not a regular file, too
   *     large, or no longer holds the indexed content
   */
  static byte[] read(Document document, ImageSource.FileImage source) throws IOException {
    String id = document.id();
    Path path = source.path().toAbsolutePath().normalize();
    Path realFile;
    Path realRoot;
    try {
      realFile = path.toRealPath();
      realRoot = datasetRoot(document, path).toRealPath();
    } catch (NoSuchFileException e) {
      throw gone(id, "its file " + path + " is gone");
    }
    if (!realFile.startsWith(realRoot)) {
      throw gone(id, "its file now leads outside the dataset folder " + realRoot);
    }
    BasicFileAttributes attributes =
        Files.readAttributes(realFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      throw gone(id, "its file is no longer a regular file");
    }
    if (attributes.size() > MAX_BYTES) {
      throw gone(id, "its file has grown to " + attributes.size() + " bytes");
    }
    byte[] bytes = readAtMost(realFile, (int) attributes.size());
    if (CONTENT_ID.matcher(id).matches() && !DocumentIds.imageId(bytes).equals(id)) {
      throw gone(id, "its file was changed since it was indexed");
    }
    return bytes;
  }

  /**
   * The folder the image was indexed from: its path less the dataset-relative name recorded at
   * indexing, or its own folder for an image added without one.
   */
  private static Path datasetRoot(Document document, Path path) {
    String name = document.tags().get(Document.TAG_SOURCE_NAME);
    if (name != null && !name.isBlank()) {
      Path relative = Path.of(name).normalize();
      if (!relative.isAbsolute() && path.endsWith(relative)
          && path.getNameCount() > relative.getNameCount()) {
        Path root = path.getRoot();
        Path folder = path.subpath(0, path.getNameCount() - relative.getNameCount());
        return root == null ? folder : root.resolve(folder);
      }
    }
    Path parent = path.getParent();
    return parent == null ? path : parent;
  }

  private static byte[] readAtMost(Path file, int expected) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buffer = ByteBuffer.allocate(expected);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // A file that shrank meanwhile ends early; its hash then fails the check.
      }
      return buffer.flip().remaining() == expected ? buffer.array() : java.util.Arrays.copyOf(buffer.array(), buffer.limit());
    }
  }

  private static HttpError gone(String id, String why) {
    return new HttpError(410, "image '" + id + "' is no longer served: " + why);
  }
}
