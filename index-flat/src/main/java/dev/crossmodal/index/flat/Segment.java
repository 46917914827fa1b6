package dev.crossmodal.index.flat;

import dev.crossmodal.core.InvalidWorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One immutable segment file of a flat index, memory-mapped: the unit vectors as floats, their
 * int8 codes with per-vector scales and error margins, the ids and an open-addressing id table,
 * laid out as {@code FORMAT.md} describes. Opening maps the file and checks its header and the
 * checksum of its small sections (ids, table, scales, margins); the vector sections are checked by
 * {@link #verify()}, so that opening costs nothing per vector but a few bytes of checksumming.
 *
 * <p>The mapping belongs to an automatic arena: it is unmapped once no search holds the segment,
 * so a merged-away segment can be dropped while older snapshots still read it.
 */
final class Segment {
  static final byte[] MAGIC = "CMFLATSG".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 64;
  static final int ALIGN = 64;
  private static final ValueLayout.OfFloat FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt INT =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final int WRITE_BUFFER_BYTES = 1 << 20;

  final Path file;
  final String name;
  final int dimension;
  final int count;
  /** Bytes of the segment file. */
  final long size;
  /** count x dimension little-endian floats. */
  final MemorySegment floats;
  /** count x dimension signed bytes. */
  final MemorySegment codes;
  private final MemorySegment scales;
  private final MemorySegment margins;
  private final MemorySegment idEnds;
  private final MemorySegment table;
  private final MemorySegment idBytes;
  /** Floats and codes with their padding: what the data checksum covers. */
  private final MemorySegment dataRegion;
  private final int dataChecksum;

  private Segment(Path file, MemorySegment mapped, Layout layout, int dataChecksum) {
    this.file = file;
    this.name = file.getFileName().toString();
    this.dimension = layout.dimension;
    this.count = layout.count;
    this.size = layout.size;
    this.floats = mapped.asSlice(layout.floats, layout.floatsBytes());
    this.codes = mapped.asSlice(layout.codes, layout.codesBytes());
    this.scales = mapped.asSlice(layout.scales, 4L * count);
    this.margins = mapped.asSlice(layout.margins, 4L * count);
    this.idEnds = mapped.asSlice(layout.idEnds, 8L * count);
    this.table = mapped.asSlice(layout.table, 4L * layout.buckets);
    this.idBytes = mapped.asSlice(layout.idBytes, layout.idBytesLength);
    this.dataRegion = mapped.asSlice(HEADER_BYTES, layout.scales - HEADER_BYTES);
    this.dataChecksum = dataChecksum;
  }

  float scale(int slot) {
    return scales.getAtIndex(FLOAT, slot);
  }

  float margin(int slot) {
    return margins.getAtIndex(FLOAT, slot);
  }

  String id(int slot) {
    long start = slot == 0 ? 0 : idEnds.getAtIndex(LONG, slot - 1);
    long end = idEnds.getAtIndex(LONG, slot);
    return new String(
        idBytes.asSlice(start, end - start).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
  }

  /** The slot holding {@code id} (alive or not), or -1. */
  int find(String id) {
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    int mask = (int) (table.byteSize() / 4) - 1;
    for (int i = hash(id) & mask; ; i = (i + 1) & mask) {
      int entry = table.getAtIndex(INT, i);
      if (entry == 0) {
        return -1;
      }
      int slot = entry - 1;
      long start = slot == 0 ? 0 : idEnds.getAtIndex(LONG, slot - 1);
      long end = idEnds.getAtIndex(LONG, slot);
      if (end - start == utf8.length
          && MemorySegment.mismatch(
                  idBytes, start, end, MemorySegment.ofArray(utf8), 0, utf8.length)
              == -1) {
        return slot;
      }
    }
  }

  /** The hash the id table is built with; part of the file format, see FORMAT.md. */
  static int hash(String id) {
    int h = id.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /**
   * Checks the vector sections against their checksum.
   *
   * @throws InvalidWorkspaceException naming the file when they do not match
   */
  void verify() {
    if (crc32c(dataRegion) != dataChecksum) {
      throw FlatIndexFile.damaged(
          file, "is corrupted: the checksum of its vectors does not match");
    }
  }

  /** The CRC32C of a region of any size (a ByteBuffer holds at most 2 GB). */
  private static int crc32c(MemorySegment region) {
    CRC32C crc = new CRC32C();
    for (long at = 0; at < region.byteSize(); at += 1 << 30) {
      crc.update(region.asSlice(at, Math.min(1 << 30, region.byteSize() - at)).asByteBuffer());
    }
    return (int) crc.getValue();
  }

  /** Where each section starts, computed from the header alone. */
  private static final class Layout {
    final int dimension;
    final int count;
    final long idBytesLength;
    final int buckets;
    final long floats = HEADER_BYTES;
    final long codes;
    final long scales;
    final long margins;
    final long idEnds;
    final long table;
    final long idBytes;
    final long size;

    Layout(int dimension, int count, long idBytesLength, int buckets) {
      this.dimension = dimension;
      this.count = count;
      this.idBytesLength = idBytesLength;
      this.buckets = buckets;
      this.codes = align(floats + floatsBytes());
      this.scales = align(codes + codesBytes());
      this.margins = scales + 4L * count;
      this.idEnds = align(margins + 4L * count);
      this.table = idEnds + 8L * count;
      this.idBytes = table + 4L * buckets;
      this.size = idBytes + idBytesLength;
    }

    long floatsBytes() {
      return (long) count * dimension * Float.BYTES;
    }

    long codesBytes() {
      return (long) count * dimension;
    }

    private static long align(long offset) {
      return (offset + ALIGN - 1) / ALIGN * ALIGN;
    }
  }

  /** Table size for {@code count} ids: a power of two at least 1.5 times the count. */
  static int bucketsFor(int count) {
    long wanted = Math.max(16L, count * 3L / 2 + 1);
    return (int) Math.min(1L << 30, Long.highestOneBit(wanted - 1) << 1);
  }

  /**
   * Opens and maps a segment file.
   *
   * @throws InvalidWorkspaceException naming the file if it is missing, truncated, corrupted, of
   *     another version or of another dimension
   */
  static Segment open(Path file, int expectedDimension) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < HEADER_BYTES) {
        throw FlatIndexFile.damaged(file, "is truncated: " + size + " bytes, shorter than a header");
      }
      MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, Arena.ofAuto());
      byte[] magic = mapped.asSlice(0, MAGIC.length).toArray(ValueLayout.JAVA_BYTE);
      if (!Arrays.equals(magic, MAGIC)) {
        throw FlatIndexFile.damaged(file, "is not a crossmodal flat index segment (wrong magic)");
      }
      CRC32C headerCrc = new CRC32C();
      headerCrc.update(mapped.asSlice(0, 48).asByteBuffer());
      if ((int) headerCrc.getValue() != mapped.get(INT, 48)) {
        throw FlatIndexFile.damaged(file, "is corrupted: its header checksum does not match");
      }
      int version = mapped.get(INT, 8);
      if (version != VERSION) {
        throw new InvalidWorkspaceException(
            "Index segment " + file + " has format version " + version + " but this crossmodal"
                + " reads version " + VERSION + "; rebuild the index with this version");
      }
      int dimension = mapped.get(INT, 12);
      if (dimension != expectedDimension) {
        throw new InvalidWorkspaceException(
            "Index segment " + file + " holds vectors of dimension " + dimension
                + " but dimension " + expectedDimension + " was expected");
      }
      long count = mapped.get(LONG, 16);
      long idBytesLength = mapped.get(LONG, 24);
      int buckets = mapped.get(INT, 32);
      if (count < 0 || count > Integer.MAX_VALUE || idBytesLength < 0
          || buckets != bucketsFor((int) count)) {
        throw FlatIndexFile.damaged(file, "is corrupted: impossible header values");
      }
      Layout layout = new Layout(dimension, (int) count, idBytesLength, buckets);
      if (layout.size != size) {
        throw FlatIndexFile.damaged(
            file, "is truncated or corrupted: its header needs " + layout.size + " bytes but it has "
                + size);
      }
      if (crc32c(mapped.asSlice(layout.scales, size - layout.scales)) != mapped.get(INT, 40)) {
        throw FlatIndexFile.damaged(
            file, "is corrupted: the checksum of its ids, id table and scales does not match");
      }
      // The id ends and table are covered by the meta checksum just verified; they are not
      // walked here, so that opening costs nothing per vector beyond that checksum.
      Segment segment = new Segment(file, mapped, layout, mapped.get(INT, 44));
      return segment;
    } catch (NoSuchFileException e) {
      throw new InvalidWorkspaceException(
          "Index segment " + file + " is missing: the index was damaged; restore it from a backup"
              + " or rebuild it", e);
    } catch (IOException e) {
      throw new InvalidWorkspaceException("Cannot read index segment " + file + ": " + e, e);
    }
  }

  /** What a new segment is written from: {@code count} unit vectors and their ids. */
  interface Source {
    int count();

    String id(int i);

    /** Copies vector {@code i} into {@code target}. */
    void vector(int i, float[] target);
  }

  /**
   * Writes {@code source} as a segment file: to a temporary file first, renamed to {@code file}
   * once complete, so a crash never leaves a partial file under a segment's name. Not forced to
   * disk: the commit that first lists the segment does that.
   */
  static Segment write(Path file, int dimension, Source source) {
    int count = source.count();
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    byte[][] ids = new byte[count][];
    long idBytesLength = 0;
    for (int i = 0; i < count; i++) {
      ids[i] = source.id(i).getBytes(StandardCharsets.UTF_8);
      idBytesLength += ids[i].length;
    }
    int buckets = bucketsFor(count);
    Layout layout = new Layout(dimension, count, idBytesLength, buckets);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write index segment " + file + ": " + e, e);
    }
    try (FileChannel channel = FileChannel.open(
        temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      Output out = new Output(channel, HEADER_BYTES);
      float[] vector = new float[dimension];
      float[] scales = new float[count];
      float[] margins = new float[count];
      byte[] code = new byte[dimension];
      float[] scaleAndMargin = new float[2];
      CRC32C data = new CRC32C();
      out.crc = data;
      for (int i = 0; i < count; i++) {
        source.vector(i, vector);
        out.floats(vector);
      }
      out.padTo(layout.codes);
      for (int i = 0; i < count; i++) {
        source.vector(i, vector);
        Int8Quantizer.quantize(vector, 0, dimension, code, 0, scaleAndMargin);
        scales[i] = scaleAndMargin[0];
        margins[i] = scaleAndMargin[1];
        out.bytes(code);
      }
      out.padTo(layout.scales);
      out.flush();
      CRC32C meta = new CRC32C();
      out.crc = meta;
      out.floats(scales);
      out.floats(margins);
      out.padTo(layout.idEnds);
      long end = 0;
      for (int i = 0; i < count; i++) {
        end += ids[i].length;
        out.int64(end);
      }
      int[] table = new int[buckets];
      int mask = buckets - 1;
      for (int i = 0; i < count; i++) {
        int b = hash(source.id(i)) & mask;
        while (table[b] != 0) {
          b = (b + 1) & mask;
        }
        table[b] = i + 1;
      }
      for (int entry : table) {
        out.int32(entry);
      }
      for (byte[] id : ids) {
        out.bytes(id);
      }
      out.flush();
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      header.put(MAGIC).putInt(VERSION).putInt(dimension).putLong(count).putLong(idBytesLength)
          .putInt(buckets).putInt(0).putInt((int) meta.getValue()).putInt((int) data.getValue());
      CRC32C headerCrc = new CRC32C();
      headerCrc.update(header.array(), 0, 48);
      header.putInt((int) headerCrc.getValue());
      header.clear();
      while (header.hasRemaining()) {
        channel.write(header, header.position());
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("Cannot write index segment " + file + ": " + e, e);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("Cannot write index segment " + file + ": " + e, e);
    }
    return open(file, dimension);
  }

  /** Forces the segment file to disk. */
  void force() {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot sync index segment " + file + ": " + e, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // The write already failed; a stray temporary file is removed when the index next opens.
    }
  }

  /** Sequential little-endian writes from a position, through one buffer, with a checksum. */
  private static final class Output {
    private final FileChannel channel;
    private final ByteBuffer buffer =
        ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long position;
    CRC32C crc;

    Output(FileChannel channel, long position) {
      this.channel = channel;
      this.position = position;
    }

    void floats(float[] values) throws IOException {
      int done = 0;
      while (done < values.length) {
        room(Float.BYTES);
        int n = Math.min(values.length - done, buffer.remaining() / Float.BYTES);
        buffer.asFloatBuffer().put(values, done, n);
        buffer.position(buffer.position() + n * Float.BYTES);
        done += n;
      }
    }

    void bytes(byte[] values) throws IOException {
      int done = 0;
      while (done < values.length) {
        room(1);
        int n = Math.min(values.length - done, buffer.remaining());
        buffer.put(values, done, n);
        done += n;
      }
    }

    void int32(int value) throws IOException {
      room(4);
      buffer.putInt(value);
    }

    void int64(long value) throws IOException {
      room(8);
      buffer.putLong(value);
    }

    void padTo(long offset) throws IOException {
      while (position + buffer.position() < offset) {
        room(1);
        buffer.put((byte) 0);
      }
    }

    private void room(int bytes) throws IOException {
      if (buffer.remaining() < bytes) {
        flush();
      }
    }

    void flush() throws IOException {
      buffer.flip();
      if (crc != null) {
        crc.update(buffer.duplicate());
      }
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      buffer.clear();
    }
  }
}
