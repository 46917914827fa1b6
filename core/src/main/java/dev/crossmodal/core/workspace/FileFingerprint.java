package dev.crossmodal.core.workspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A cheap identity of an index file (or of a folder of segment files): its length and the CRC32C
 * of its first and last 64 KiB. Index files end with a checksum of their whole content (index-flat
 * writes a CRC32C trailer), so the tail identifies the content without reading gigabytes on every
 * open; a truncated, replaced or swapped file gives another fingerprint.
 *
 * @param bytes the file's length (the sum of the files' lengths for a folder)
 * @param crc32c the CRC32C of the sampled bytes, as 8 hex digits
 */
record FileFingerprint(long bytes, String crc32c) {
  private static final int SAMPLE = 64 << 10;

  /**
   * Fingerprints a regular file, or every regular file of a folder in name order.
   *
   * @throws IOException if it cannot be read, or is neither a regular file nor a folder
   */
  static FileFingerprint of(Path path) throws IOException {
    CRC32C crc = new CRC32C();
    long total;
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      List<Path> files;
      try (Stream<Path> list = Files.list(path)) {
        files = list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
      }
      total = 0;
      for (Path file : files) {
        crc.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        total += sample(file, crc);
      }
    } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      total = sample(path, crc);
    } else {
      throw new IOException(path + " is not a regular file");
    }
    return new FileFingerprint(total, HexFormat.of().toHexDigits((int) crc.getValue()));
  }

  private static long sample(Path file, CRC32C crc) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer length = ByteBuffer.allocate(Long.BYTES).putLong(size).flip();
      crc.update(length);
      read(channel, 0, (int) Math.min(SAMPLE, size), crc);
      if (size > SAMPLE) {
        long from = Math.max(SAMPLE, size - SAMPLE);
        read(channel, from, (int) (size - from), crc);
      }
      return size;
    }
  }

  private static void read(FileChannel channel, long position, int length, CRC32C crc)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("file shrank while it was read");
      }
      at += n;
    }
    crc.update(buffer.flip());
  }
}
