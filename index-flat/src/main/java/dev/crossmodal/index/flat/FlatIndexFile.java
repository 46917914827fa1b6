package dev.crossmodal.index.flat;

import dev.crossmodal.core.InvalidWorkspaceException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Reads the version-1 flat index file format described in {@code index-flat/FORMAT.md} (one file:
 * a header (magic, version, dimension, count), the ids, the vectors as little-endian floats, and a
 * CRC32C of everything before it), so that indexes written before segments open and are rewritten
 * as segments by their next commit.
 *
 * <p>Reading parses the header and ids through one small direct buffer while a pool of threads
 * reads the vectors with positional reads straight into the index's float chunks, each thread
 * checksumming its own chunks; the parts' CRC32Cs are joined with {@link Crc32cCombine}. A 1M x
 * 512 file (2 GB) loads in about 2 s on a busy two-core machine, most of it the kernel mapping
 * fresh heap pages.
 */
final class FlatIndexFile {
  static final byte[] MAGIC = "CMFLATIX".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 24;
  static final int TRAILER_BYTES = 4;
  /** Fits in L2 between the read, the checksum and the copy: measured twice as fast as 8 MB. */
  private static final int BUFFER_BYTES = 256 << 10;

  private FlatIndexFile() {}

  /**
   * What {@link #read} made of the ids while the vectors loaded, and the vectors, already laid out
   * in the index's chunks.
   */
  record Loaded<T>(T fromIds, float[][] chunks) {}

  /**
   * Checks the magic bytes and returns the format version of an index file's contents: 1 (one file
   * with every vector) or 2 (a manifest of segments).
   *
   * @throws InvalidWorkspaceException naming the file if it is not an index file or of a version
   *     this crossmodal does not read
   */
  static int checkMagicAndVersion(Path file, byte[] bytes) {
    if (bytes.length < HEADER_BYTES + TRAILER_BYTES) {
      throw damaged(file, "is truncated: " + bytes.length + " bytes, shorter than the header");
    }
    if (!java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw damaged(file, "is not a crossmodal flat index file (wrong magic bytes)");
    }
    int version = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(MAGIC.length);
    if (version != VERSION && version != Manifest.VERSION) {
      throw new InvalidWorkspaceException(
          "Index file " + file + " has format version " + version + " but this crossmodal reads"
              + " versions " + VERSION + " and " + Manifest.VERSION
              + "; rebuild the index with this version");
    }
    return version;
  }

  /** Loads a version-1 file into a write buffer. */
  static SlotStore readVersion1(Path file, int dimension) {
    Loaded<SlotStore> loaded = read(file, dimension, ids -> {
      try {
        return SlotStore.withIds(dimension, ids);
      } catch (IllegalArgumentException e) {
        throw damaged(file, "is corrupted: " + e.getMessage());
      }
    });
    SlotStore store = loaded.fromIds();
    store.attachVectors(loaded.chunks());
    return store;
  }

  /**
   * Reads and checks {@code file}. The vectors are read by a pool of threads while the calling
   * thread parses the ids and then runs {@code whileVectorsLoad} on them (to build the id table
   * in the meantime); nothing is returned before the checksum of the whole file has been verified.
   *
   * @param expectedDimension the dimension the caller needs
   * @throws InvalidWorkspaceException naming the file if it is truncated, corrupted, of another
   *     format version or of another dimension
   */
  static <T> Loaded<T> read(
      Path file, int expectedDimension, Function<String[], T> whileVectorsLoad) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(file, channel, expectedDimension, whileVectorsLoad);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new InvalidWorkspaceException("Cannot open index file " + file + ": " + e, e);
    } catch (IOException e) {
      throw new InvalidWorkspaceException("Cannot read index file " + file + ": " + e, e);
    }
  }

  private static <T> Loaded<T> read(
      Path file, FileChannel channel, int expectedDimension,
      Function<String[], T> whileVectorsLoad) throws IOException {
    long size = channel.size();
    if (size < HEADER_BYTES + TRAILER_BYTES) {
      throw damaged(file, "is truncated: " + size + " bytes, shorter than the header");
    }
    Input in = new Input(file, channel, size);
    byte[] magic = in.bytes(MAGIC.length);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw damaged(file, "is not a crossmodal flat index file (wrong magic bytes)");
    }
    int version = in.int32();
    if (version != VERSION) {
      throw new InvalidWorkspaceException(
          "Index file " + file + " has format version " + version + " but this crossmodal reads"
              + " version " + VERSION + "; rebuild the index with this version");
    }
    int dimension = in.int32();
    if (dimension <= 0) {
      throw damaged(file, "is corrupted: dimension " + dimension);
    }
    if (expectedDimension > 0 && dimension != expectedDimension) {
      throw new InvalidWorkspaceException(
          "Index file " + file + " holds vectors of dimension " + dimension + " but dimension "
              + expectedDimension + " was expected (was it built with another model?)");
    }
    long count = in.int64();
    long vectorBytes = (long) dimension * Float.BYTES;
    long minimum = HEADER_BYTES + TRAILER_BYTES + count * (Integer.BYTES + vectorBytes);
    if (count < 0 || count > Integer.MAX_VALUE || count * (Integer.BYTES + vectorBytes) < 0
        || minimum > size) {
      throw damaged(
          file, "is truncated or corrupted: its header announces " + count
              + " vectors of dimension " + dimension + " but the file has only " + size + " bytes");
    }
    // The vectors fill the end of the file, so their reading can start before the ids are parsed.
    long vectorsStart = size - TRAILER_BYTES - count * vectorBytes;
    int chunkVectors = SlotStore.chunkVectorsFor(dimension);
    int chunkCount = (int) ((count + chunkVectors - 1) / chunkVectors);
    float[][] chunks = new float[chunkCount][];
    int[] chunkChecksums = new int[chunkCount];
    int threads = Math.max(1, Math.min(chunkCount, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, FlatIndexFile::loaderThread);
    try {
      List<Future<?>> loads = new ArrayList<>(chunkCount);
      for (int c = 0; c < chunkCount; c++) {
        int chunk = c;
        loads.add(pool.submit(() -> {
          long first = (long) chunk * chunkVectors;
          chunks[chunk] = new float[(int) Math.min(chunkVectors, count - first) * dimension];
          chunkChecksums[chunk] =
              readFloats(file, channel, vectorsStart + first * vectorBytes, chunks[chunk]);
          return null;
        }));
      }
      int n = (int) count;
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        int length = in.int32();
        if (length < 0 || length > vectorsStart - in.position()) {
          throw damaged(
              file, "is truncated or corrupted: id " + i + " claims " + length + " bytes");
        }
        ids[i] = new String(in.bytes(length), StandardCharsets.UTF_8);
      }
      if (in.position() != vectorsStart) {
        throw damaged(
            file, "is truncated or corrupted: its ids end at byte " + in.position() + " but "
                + count + " vectors of dimension " + dimension + " need the vectors to start at "
                + vectorsStart);
      }
      int checksum = in.checksumOfConsumed();
      T fromIds = whileVectorsLoad.apply(ids);
      for (Future<?> load : loads) {
        await(load);
      }
      for (int c = 0; c < chunkCount; c++) {
        checksum = Crc32cCombine.combine(checksum, chunkChecksums[c], (long) chunks[c].length * 4);
      }
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      readFully(file, channel, trailer, size - TRAILER_BYTES);
      int stored = trailer.getInt(0);
      if (checksum != stored) {
        throw damaged(
            file, "is corrupted: its CRC32C checksum is " + Integer.toHexString(stored)
                + " but its contents give " + Integer.toHexString(checksum));
      }
      return new Loaded<>(fromIds, chunks);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Thread loaderThread(Runnable runnable) {
    Thread thread = new Thread(runnable, "crossmodal-flat-load");
    thread.setDaemon(true);
    return thread;
  }

  private static void await(Future<?> load) throws IOException {
    try {
      load.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while loading an index");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Fills {@code target} from little-endian floats at {@code position}; returns their CRC32C. */
  private static int readFloats(Path file, FileChannel channel, long position, float[] target) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    CRC32C crc = new CRC32C();
    int done = 0;
    try {
      while (done < target.length) {
        int floats = Math.min(BUFFER_BYTES / Float.BYTES, target.length - done);
        buffer.clear().limit(floats * Float.BYTES);
        readFully(file, channel, buffer, position + (long) done * Float.BYTES);
        buffer.flip();
        crc.update(buffer.duplicate());
        buffer.asFloatBuffer().get(target, done, floats);
        done += floats;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) crc.getValue();
  }

  private static void readFully(Path file, FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw damaged(file, "is truncated: it ends at byte " + at);
      }
      at += read;
    }
  }

  static InvalidWorkspaceException damaged(Path file, String problem) {
    return new InvalidWorkspaceException(
        "Index file " + file + " " + problem + "; restore it from a backup or rebuild the index");
  }

  /**
   * Buffered little-endian reads of the header and ids, checksumming exactly the bytes consumed
   * (the buffer may have read ahead into the vectors, which are checksummed separately).
   */
  private static final class Input {
    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final CRC32C crc = new CRC32C();
    /** File offset just past the last byte read into the buffer. */
    private long filled;

    Input(Path file, FileChannel channel, long size) {
      this.file = file;
      this.channel = channel;
      this.buffer =
          ByteBuffer.allocateDirect((int) Math.min(BUFFER_BYTES, Math.max(size, 64)))
              .order(ByteOrder.LITTLE_ENDIAN);
      buffer.limit(0);
    }

    long position() {
      return filled - buffer.remaining();
    }

    /** The CRC32C of every byte consumed so far; call once, at the end. */
    int checksumOfConsumed() {
      checksumConsumed();
      return (int) crc.getValue();
    }

    private void checksumConsumed() {
      ByteBuffer consumed = buffer.duplicate();
      consumed.limit(consumed.position()).position(0);
      crc.update(consumed);
    }

    int int32() throws IOException {
      need(Integer.BYTES);
      return buffer.getInt();
    }

    long int64() throws IOException {
      need(Long.BYTES);
      return buffer.getLong();
    }

    byte[] bytes(int length) throws IOException {
      byte[] result = new byte[length];
      int done = 0;
      while (done < length) {
        need(1);
        int n = Math.min(length - done, buffer.remaining());
        buffer.get(result, done, n);
        done += n;
      }
      return result;
    }

    /** Makes at least {@code bytes} bytes available, reading as much as fits. */
    private void need(int bytes) throws IOException {
      if (buffer.remaining() >= bytes) {
        return;
      }
      checksumConsumed();
      buffer.compact();
      while (buffer.position() < bytes) {
        int read = channel.read(buffer);
        if (read < 0) {
          throw damaged(file, "is truncated: it ends at byte " + filled);
        }
        filled += read;
      }
      buffer.flip();
    }
  }
}
