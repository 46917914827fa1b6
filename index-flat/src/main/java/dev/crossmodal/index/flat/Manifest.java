package dev.crossmodal.index.flat;

import dev.crossmodal.core.InvalidWorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The commit point of a segmented flat index (format version 2, see FORMAT.md): the dimension, the
 * segment files in use and, per segment, the slots deleted since it was written. It is the small
 * file a commit rewrites, atomically; segments themselves are never rewritten.
 */
record Manifest(int dimension, long nextSegment, List<Entry> segments) {
  static final int VERSION = 2;

  /** One segment: its file name (a sibling of the manifest), vector count and deleted slots. */
  record Entry(String name, int count, int[] deleted) {}

  /** Writes the manifest atomically: temporary file, fsync, rename, fsync of the directory. */
  void write(Path file) {
    ByteArrayOutput out = new ByteArrayOutput();
    out.bytes(FlatIndexFile.MAGIC);
    out.int32(VERSION);
    out.int32(dimension);
    out.int64(nextSegment);
    out.int32(segments.size());
    for (Entry entry : segments) {
      byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
      out.int32(name.length);
      out.bytes(name);
      out.int32(entry.count());
      out.int32(entry.deleted().length);
      for (int slot : entry.deleted()) {
        out.int32(slot);
      }
    }
    CRC32C crc = new CRC32C();
    crc.update(out.buffer.array(), 0, out.buffer.position());
    out.int32((int) crc.getValue());
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, absolute.getFileName() + ".", ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = out.buffer.flip();
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(
          temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      forceDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write index file " + absolute + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The write already failed; a stray temporary file is removed at the next open.
        }
      }
    }
  }

  static void forceDirectory(Path dir) {
    // Makes the rename itself durable on Linux; other systems may not open directories.
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // See above.
    }
  }

  /**
   * Reads a version-2 manifest whose magic and version the caller has checked.
   *
   * @throws InvalidWorkspaceException naming the file if it is truncated or corrupted, or of
   *     another dimension
   */
  static Manifest read(Path file, byte[] bytes, int expectedDimension) {
    if (bytes.length < 32) {
      throw FlatIndexFile.damaged(file, "is truncated: " + bytes.length + " bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
      throw FlatIndexFile.damaged(file, "is corrupted: its CRC32C checksum does not match");
    }
    in.position(FlatIndexFile.MAGIC.length + 4);
    int dimension = in.getInt();
    if (dimension != expectedDimension) {
      throw new InvalidWorkspaceException(
          "Index file " + file + " holds vectors of dimension " + dimension + " but dimension "
              + expectedDimension + " was expected (was it built with another model?)");
    }
    try {
      long nextSegment = in.getLong();
      int count = in.getInt();
      List<Entry> entries = new ArrayList<>();
      for (int s = 0; s < count; s++) {
        byte[] name = new byte[in.getInt()];
        in.get(name);
        int vectors = in.getInt();
        int[] deleted = new int[in.getInt()];
        for (int i = 0; i < deleted.length; i++) {
          deleted[i] = in.getInt();
          if (deleted[i] < 0 || deleted[i] >= vectors) {
            throw FlatIndexFile.damaged(file, "is corrupted: a deleted slot is out of range");
          }
        }
        entries.add(new Entry(new String(name, StandardCharsets.UTF_8), vectors, deleted));
      }
      if (in.position() != bytes.length - 4) {
        throw FlatIndexFile.damaged(file, "is corrupted: trailing bytes");
      }
      return new Manifest(dimension, nextSegment, List.copyOf(entries));
    } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
      throw FlatIndexFile.damaged(file, "is truncated or corrupted");
    }
  }

  /** The whole file, or null if there is none. */
  static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new InvalidWorkspaceException("Cannot read index file " + file + ": " + e, e);
    }
  }

  /** Little-endian writes into a growing heap buffer. */
  private static final class ByteArrayOutput {
    ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

    void int32(int v) {
      room(4);
      buffer.putInt(v);
    }

    void int64(long v) {
      room(8);
      buffer.putLong(v);
    }

    void bytes(byte[] b) {
      room(b.length);
      buffer.put(b);
    }

    private void room(int n) {
      if (buffer.remaining() < n) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + n))
            .order(ByteOrder.LITTLE_ENDIAN);
        bigger.put(buffer.flip());
        buffer = bigger;
      }
    }
  }

  @Override
  public String toString() {
    return "Manifest" + Arrays.asList(dimension, nextSegment, segments.size());
  }
}
