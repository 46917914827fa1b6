package dev.crossmodal.core.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a crash at any moment leaves either the old or the new content: write a
 * temporary file in the same folder, fsync it, rename it over the target, fsync the folder.
 *
 * <pre>{@code
 * AtomicFiles.write(dir.resolve("manifest.json"), out -> mapper.writeValue(out, manifest));
 * }</pre>
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes a file's content through an output stream. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Writes the file's content.
     *
     * @param out the temporary file's stream; not to be closed by the writer
     * @throws IOException if writing fails, which abandons the replacement
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Atomically replaces {@code target} with what {@code writer} writes.
   *
   * @param target the file to replace; its folder must exist
   * @param writer writes the new content to a temporary file beside {@code target}
   * @throws IOException if the content cannot be written, synced or moved into place; {@code
   *     target} is then untouched
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        writer.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Atomically replaces {@code target} with {@code bytes}.
   *
   * @param target the file to replace; its folder must exist
   * @param bytes the new content
   * @throws IOException if the content cannot be written, synced or moved into place; {@code
   *     target} is then untouched
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /** Makes a rename durable; silently skipped where the platform cannot open folders. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory as a channel; the rename itself is still atomic there.
    }
  }
}
