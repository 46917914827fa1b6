package dev.crossmodal.core.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.DocumentStore;
import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.Modality;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DocumentStore} kept as an append-only log of checksummed records. The heap holds, per
 * committed document, only its id and where its record lies in the log (about 100 bytes for a
 * short id); {@link #get} and {@link #forEach} read documents back from the file. Documents put
 * since the last commit are held in memory until the commit writes them.
 *
 * <p>File format ({@code documents.log}): the 8 ASCII bytes {@code CMDOCLOG}, a big-endian int
 * format version (1), then records of {@code [int length][int crc32c][byte op][length bytes]},
 * where op 1 puts a document (UTF-8 JSON) and op 2 deletes one (UTF-8 id), and the CRC covers the
 * op byte and the payload.
 *
 * <p>Changes reach the file only at {@link #commit()}, so a workspace can make its indexes
 * durable first and its documents second: a document in the log always has its vector. A crash
 * during a commit leaves a torn last record, which the next open drops; a bad record anywhere else
 * means damage, and the store refuses to open.
 *
 * <pre>{@code
 * try (LogDocumentStore store = LogDocumentStore.open(dir.resolve("documents.log"))) {
 *   store.putAll(List.of(doc));
 *   store.commit();
 * }
 * }</pre>
 */
public final class LogDocumentStore implements DocumentStore {
  private static final Logger LOG = LoggerFactory.getLogger(LogDocumentStore.class);
  private static final byte[] MAGIC = "CMDOCLOG".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = MAGIC.length + 4;
  private static final byte OP_PUT = 1;
  private static final byte OP_DELETE = 2;
  private static final int MAX_RECORD_BYTES = 64 << 20;
  /** Bits of a packed place that hold a record's offset; the bits above hold the modality. */
  private static final int OFFSET_BITS = 48;
  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
  /** The offset of a document not yet written to the log. */
  private static final long UNWRITTEN = OFFSET_MASK;
  /** How many documents {@link #forEach} reads under the lock at a time. */
  private static final int FOR_EACH_BATCH = 1024;

  private final Path file;
  private final ObjectMapper mapper = new ObjectMapper();
  private final DocumentCodec codec = new DocumentCodec(mapper);
  /**
   * Every live document's id, in insertion order, with its place packed in a long: the index of
   * its modality in {@link #modalities} in the bits above the low 48, and in those the offset of its
   * record in the log, or {@link #UNWRITTEN} for one put since the last commit (then it is in
   * {@link #unwritten}). Committed documents are read back from the log when asked for, so the
   * heap holds about 100 bytes per document rather than the document.
   */
  private final DocumentOffsets places = new DocumentOffsets();
  private final List<Modality> modalities = new ArrayList<>();
  private final Map<String, Document> unwritten = new HashMap<>();
  private final Map<Modality, Long> counts = new HashMap<>();
  /** Records to append at the next commit, and for each the id it puts (null for a delete). */
  private final List<byte[]> pending = new ArrayList<>();
  private final List<String> pendingPuts = new ArrayList<>();
  /** Reads committed records; open on the file the offsets in {@link #places} point into. */
  private FileChannel reader;
  private long records;
  /** The length of the log as of the last commit, and the CRC32C of those bytes. */
  private long committedBytes;
  private CRC32C committedCrc = new CRC32C();

  /** How many bytes of the log one read brings in while loading it. */
  static final int READ_BUFFER_BYTES = 1 << 16;

  private final int readBufferBytes;

  private LogDocumentStore(Path file, int readBufferBytes) {
    this.file = file;
    this.readBufferBytes = readBufferBytes;
  }

  /**
   * Opens the log at {@code file} for writing, creating it if absent; a torn last record (a crash
   * during a commit) is cut off.
   *
   * @param file the log file
   * @return the store, open for reading and writing
   * @throws InvalidWorkspaceException if the file is not a document log, of an unknown version, or
   *     damaged before its last record
   */
  public static LogDocumentStore open(Path file) {
    return open(file, null, false, true);
  }

  /**
   * Opens the log of a workspace.
   *
   * @param covered what the workspace's last commit covered of it, or null if not recorded
   * @param pending whether that commit may not have finished (the log may have been rewritten)
   * @param writer whether the caller holds the workspace's writer lock: only then is a tail that
   *     the last commit does not cover cut off; a reader ignores it and writes nothing
   * @throws InvalidWorkspaceException if the file is shorter than the commit, or its committed
   *     part is damaged or differs from what was committed
   */
  static LogDocumentStore open(
      Path file, CommitCoverage.LogCoverage covered, boolean pending, boolean writer) {
    return open(file, covered, pending, writer, READ_BUFFER_BYTES);
  }

  /** As {@link #open(Path, CommitCoverage.LogCoverage, boolean, boolean)}, reading through a buffer of the given size. */
  static LogDocumentStore open(
      Path file,
      CommitCoverage.LogCoverage covered,
      boolean pending,
      boolean writer,
      int readBufferBytes) {
    LogDocumentStore store = new LogDocumentStore(file, readBufferBytes);
    try {
      if (Files.exists(file)) {
        store.load(covered, pending, writer);
      } else if (writer) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(VERSION);
        AtomicFiles.write(file, header.array());
        store.committedBytes = HEADER_BYTES;
        store.committedCrc.update(header.array());
        store.reader = FileChannel.open(file, StandardOpenOption.READ);
      }
    } catch (IOException e) {
      throw new InvalidWorkspaceException("cannot read document store " + file + ": " + e.getMessage(), e);
    }
    return store;
  }

  /** What the last commit (or the load) made durable: for the workspace manifest. */
  synchronized CommitCoverage.LogCoverage coverage() {
    return new CommitCoverage.LogCoverage(
        records, committedBytes, java.util.HexFormat.of().toHexDigits((int) committedCrc.getValue()));
  }

  private void load(CommitCoverage.LogCoverage covered, boolean pending, boolean writer)
      throws IOException {
    long size;
    long goodEnd;
    // Streamed through one small buffer: a log of any length opens with bounded transient heap.
    // The channel stays open for reading documents: offsets refer to this file even if a writer
    // later replaces it.
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      size = channel.size();
      if (covered != null && !pending && size < covered.bytes()) {
        throw new InvalidWorkspaceException(
            file + " has " + size + " bytes but the workspace's last commit wrote "
                + covered.bytes() + ": it was truncated or replaced, and " + "documents would be lost;"
                + " restore it from a backup or re-index into a new workspace");
      }
      boolean strict =
          covered != null && size >= covered.bytes() && prefixMatches(channel, covered);
      if (covered != null && !pending && !strict) {
        throw new InvalidWorkspaceException(
            file + " differs from what the workspace's last commit wrote (its first "
                + covered.bytes() + " bytes do not have the committed checksum " + covered.crc32c()
                + "): it was damaged or replaced; restore it from a backup or re-index into a new"
                + " workspace");
      }
      long limit = strict ? covered.bytes() : size;
      goodEnd = parse(new LogInput(channel, limit, readBufferBytes), size, !strict);
      if (strict && records != covered.records()) {
        throw new InvalidWorkspaceException(
            file + " holds " + records + " records where the workspace's last commit wrote "
                + covered.records() + ": it is damaged; restore it from a backup or re-index into a"
                + " new workspace");
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    reader = channel;
    committedBytes = goodEnd;
    if (goodEnd < size) {
      if (writer) {
        LOG.warn(
            "{}: dropping {} bytes after the last commit (an interrupted write)",
            file,
            size - goodEnd);
        try (FileChannel writable = FileChannel.open(file, StandardOpenOption.WRITE)) {
          writable.truncate(goodEnd);
          writable.force(true);
        }
      } else {
        LOG.debug("{}: ignoring {} bytes after the last commit", file, size - goodEnd);
      }
    }
  }

  private boolean prefixMatches(FileChannel channel, CommitCoverage.LogCoverage covered)
      throws IOException {
    if (covered.bytes() < HEADER_BYTES) {
      return false;
    }
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocate(readBufferBytes);
    long at = 0;
    while (at < covered.bytes()) {
      buf.clear().limit((int) Math.min(buf.capacity(), covered.bytes() - at));
      int n = channel.read(buf, at);
      if (n < 0) {
        return false;
      }
      at += n;
      crc.update(buf.flip());
    }
    return java.util.HexFormat.of().toHexDigits((int) crc.getValue()).equals(covered.crc32c());
  }

  /**
   * Applies the records before {@code in}'s limit; returns where the last good one ends, and
   * leaves the CRC32C of the bytes up to there in {@link #committedCrc}.
   *
   * @param fileSize the length of the whole file, which the header check is made against
   * @param tornTailAllowed whether the last record may be cut short (a crash during a commit not
   *     recorded in the manifest); otherwise every record up to the limit must be whole
   */
  private long parse(LogInput in, long fileSize, boolean tornTailAllowed) throws IOException {
    byte[] header = fileSize < HEADER_BYTES ? null : in.bytes(HEADER_BYTES);
    if (header == null || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
      throw new InvalidWorkspaceException(
          file + " is not a crossmodal document store (bad magic number); the workspace is damaged:"
              + " re-index into a new workspace");
    }
    int version = ByteBuffer.wrap(header, MAGIC.length, 4).getInt();
    if (version != VERSION) {
      throw new InvalidWorkspaceException(
          file + " has document store format version " + version + ", this library reads "
              + VERSION + ": use a matching crossmodal version or re-index");
    }
    CRC32C crcSoFar = new CRC32C();
    crcSoFar.update(header);
    long goodEnd = HEADER_BYTES;
    while (in.remaining() > 0) {
      long start = in.position();
      if (in.remaining() < 9) {
        if (!tornTailAllowed) {
          throw damaged(start, "a record cut short inside the committed part");
        }
        break; // torn header of the last record
      }
      byte[] head = in.bytes(9);
      ByteBuffer headBuf = ByteBuffer.wrap(head);
      int length = headBuf.getInt();
      int crc = headBuf.getInt();
      byte op = headBuf.get();
      if (length < 0 || length > MAX_RECORD_BYTES || in.remaining() < length) {
        if (tornTailAllowed && length >= 0 && length <= MAX_RECORD_BYTES) {
          break; // the last record was cut short by a crash
        }
        throw damaged(start, "impossible record length " + length);
      }
      byte[] payload = in.bytes(length);
      if (crc(op, payload) != crc) {
        if (tornTailAllowed && in.remaining() == 0) {
          break; // last record partly written
        }
        throw damaged(start, "checksum mismatch");
      }
      apply(op, payload, start);
      records++;
      crcSoFar.update(head);
      crcSoFar.update(payload);
      goodEnd = in.position();
    }
    committedCrc = crcSoFar;
    return goodEnd;
  }

  /**
   * Sequential reads of a log file up to a limit through one reusable buffer, with {@code long}
   * positions: logs over 2 GB are read like any other.
   */
  private static final class LogInput {
    private final FileChannel channel;
    private final long limit;
    private final ByteBuffer buffer;
    /** The file position of {@code buffer}'s first byte. */
    private long bufferStart;

    LogInput(FileChannel channel, long limit, int bufferBytes) {
      this.channel = channel;
      this.limit = limit;
      this.buffer = ByteBuffer.allocate(bufferBytes).limit(0);
    }

    long position() {
      return bufferStart + buffer.position();
    }

    long remaining() {
      return limit - position();
    }

    /** Reads the next {@code n} bytes, which the caller has checked lie before the limit. */
    byte[] bytes(int n) throws IOException {
      byte[] out = new byte[n];
      int filled = 0;
      while (filled < n) {
        if (!buffer.hasRemaining()) {
          refill();
        }
        int chunk = Math.min(n - filled, buffer.remaining());
        buffer.get(out, filled, chunk);
        filled += chunk;
      }
      return out;
    }

    private void refill() throws IOException {
      bufferStart += buffer.limit();
      if (bufferStart >= limit) {
        throw new IOException("read past byte " + limit);
      }
      buffer.clear().limit((int) Math.min(buffer.capacity(), limit - bufferStart));
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, bufferStart + buffer.position()) < 0) {
          throw new IOException("unexpected end of file at byte " + (bufferStart + buffer.position()));
        }
      }
      buffer.flip();
    }
  }

  private InvalidWorkspaceException damaged(long offset, String what) {
    return new InvalidWorkspaceException(
        file + " is damaged at byte " + offset + " (" + what + "); re-index into a new workspace");
  }

  private void apply(byte op, byte[] payload, long offset) throws IOException {
    switch (op) {
      case OP_PUT -> {
        DocumentCodec.Identity identity = codec.identity(payload);
        place(identity.id(), identity.modality(), offset);
      }
      case OP_DELETE -> deleteInMemory(new String(payload, StandardCharsets.UTF_8));
      default -> throw damaged(offset, "unknown record type " + op);
    }
  }

  private static int crc(byte op, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(op);
    crc.update(payload);
    return (int) crc.getValue();
  }

  private static byte[] record(byte op, byte[] payload) {
    ByteBuffer buf = ByteBuffer.allocate(9 + payload.length);
    buf.putInt(payload.length).putInt(crc(op, payload)).put(op).put(payload);
    return buf.array();
  }

  private static long offsetOf(long place) {
    return place & OFFSET_MASK;
  }

  private Modality modalityOf(long place) {
    return modalities.get((int) (place >>> OFFSET_BITS));
  }

  /** Records that {@code id} is at {@code offset} (or {@link #UNWRITTEN}), counting its modality. */
  private void place(String id, Modality modality, long offset) {
    int index = modalities.indexOf(modality);
    if (index < 0) {
      if (modalities.size() == 1 << (63 - OFFSET_BITS)) {
        throw new IllegalStateException(file + ": too many modalities");
      }
      modalities.add(modality);
      index = modalities.size() - 1;
    }
    long previous = places.put(id, ((long) index << OFFSET_BITS) | offset);
    if (previous != DocumentOffsets.ABSENT) {
      counts.merge(modalityOf(previous), -1L, Long::sum);
    }
    counts.merge(modality, 1L, Long::sum);
  }

  private boolean deleteInMemory(String id) {
    long previous = places.remove(id);
    if (previous == DocumentOffsets.ABSENT) {
      return false;
    }
    counts.merge(modalityOf(previous), -1L, Long::sum);
    unwritten.remove(id);
    return true;
  }

  /** {@return the whole record at {@code offset} of the log, its checksum checked} */
  private byte[] readRecord(long offset) throws IOException {
    if (reader == null) {
      reader = FileChannel.open(file, StandardOpenOption.READ);
    }
    ByteBuffer head = ByteBuffer.allocate(9);
    readFully(head, offset);
    int length = head.getInt(0);
    if (length < 0 || length > MAX_RECORD_BYTES || offset + 9 + length > committedBytes) {
      throw damaged(offset, "impossible record length " + length);
    }
    ByteBuffer whole = ByteBuffer.allocate(9 + length).put(head.flip());
    readFully(whole, offset + 9);
    byte[] bytes = whole.array();
    byte op = bytes[8];
    byte[] payload = Arrays.copyOfRange(bytes, 9, bytes.length);
    if (crc(op, payload) != head.getInt(4)) {
      throw damaged(offset, "checksum mismatch");
    }
    if (op != OP_PUT) {
      throw damaged(offset, "a record of type " + op + " where a document was put");
    }
    return bytes;
  }

  private void readFully(ByteBuffer buf, long at) throws IOException {
    long from = at - buf.position();
    while (buf.hasRemaining()) {
      if (reader.read(buf, from + buf.position()) < 0) {
        throw damaged(at, "a record cut short inside the committed part");
      }
    }
  }

  private Document read(String id, long place) {
    if (offsetOf(place) == UNWRITTEN) {
      return unwritten.get(id);
    }
    try {
      byte[] record = readRecord(offsetOf(place));
      Document document = codec.fromJson(mapper.readTree(record, 9, record.length - 9));
      if (!document.id().equals(id)) {
        // Only an uncommitted tail is ever overwritten in place: this store was opened on a log
        // whose last commit had not finished, and a writer has since replaced that tail.
        throw new InvalidWorkspaceException(
            file + " changed under this reader at byte " + offsetOf(place) + " (document "
                + document.id() + " where " + id + " was): open the workspace again");
      }
      return document;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read document store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void putAll(Collection<Document> batch) {
    for (Document document : batch) {
      try {
        pending.add(record(OP_PUT, mapper.writeValueAsBytes(codec.toJson(document))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      pendingPuts.add(document.id());
      place(document.id(), document.modality(), UNWRITTEN);
      unwritten.put(document.id(), document);
    }
  }

  @Override
  public synchronized Optional<Document> get(String id) {
    long place = places.get(id);
    return place == DocumentOffsets.ABSENT ? Optional.empty() : Optional.of(read(id, place));
  }

  @Override
  public synchronized boolean contains(String id) {
    return places.get(id) != DocumentOffsets.ABSENT;
  }

  @Override
  public synchronized boolean delete(String id) {
    boolean existed = deleteInMemory(id);
    if (existed) {
      pending.add(record(OP_DELETE, id.getBytes(StandardCharsets.UTF_8)));
      pendingPuts.add(null);
    }
    return existed;
  }

  @Override
  public synchronized long count(Modality modality) {
    return counts.getOrDefault(modality, 0L);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Documents are read from the log in batches, the action running outside the store's lock; a
   * document deleted meanwhile is skipped, one replaced meanwhile is seen as replaced.
   */
  @Override
  public void forEach(Consumer<Document> action) {
    String[] ids;
    synchronized (this) {
      ids = places.ids();
    }
    List<Document> batch = new ArrayList<>(FOR_EACH_BATCH);
    for (int from = 0; from < ids.length; from += FOR_EACH_BATCH) {
      batch.clear();
      synchronized (this) {
        for (int i = from; i < Math.min(ids.length, from + FOR_EACH_BATCH); i++) {
          long place = places.get(ids[i]);
          if (place != DocumentOffsets.ABSENT) {
            batch.add(read(ids[i], place));
          }
        }
      }
      batch.forEach(action);
    }
  }

  /** Reads nothing from the log: ids and modalities are kept on the heap. */
  @Override
  public synchronized List<String> ids(Modality modality) {
    int index = modalities.indexOf(modality);
    List<String> ids = new ArrayList<>();
    for (int at = 0; index >= 0 && at < places.end(); at++) {
      String id = places.idAt(at);
      if (id != null && (places.valueAt(at) >>> OFFSET_BITS) == index) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** {@return the number of live documents} */
  public synchronized int size() {
    return places.size();
  }

  @Override
  public synchronized void commit() {
    if (pending.isEmpty()) {
      return;
    }
    try {
      if (records + pending.size() > 2L * places.size() + 1024) {
        rewrite();
      } else {
        append();
      }
      records += pending.size();
      pending.clear();
      pendingPuts.clear();
      unwritten.clear();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write document store " + file + ": " + e.getMessage(), e);
    }
  }

  private void append() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] rec : pending) {
      bytes.write(rec);
    }
    byte[] appended = bytes.toByteArray();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      // Write at the committed end, not the file's end: a torn append of a failed commit (disk
      // full) is overwritten instead of being followed by this one.
      ByteBuffer buf = ByteBuffer.wrap(appended);
      long at = committedBytes;
      while (buf.hasRemaining()) {
        at += channel.write(buf, at);
      }
      channel.truncate(at);
      channel.force(true);
    }
    // The last put of an id that is still live is the record it now lives in.
    long offset = committedBytes;
    for (int i = 0; i < pending.size(); i++) {
      String id = pendingPuts.get(i);
      long place = id == null ? DocumentOffsets.ABSENT : places.get(id);
      if (place != DocumentOffsets.ABSENT) {
        places.put(id, (place & ~OFFSET_MASK) | offset);
      }
      offset += pending.get(i).length;
    }
    committedBytes += appended.length;
    committedCrc.update(appended);
  }

  /** Replaces the log with one record per live document, dropping superseded ones. */
  private void rewrite() throws IOException {
    CRC32C crc = new CRC32C();
    long[] length = new long[1];
    long[] newOffsets = new long[places.end()];
    AtomicFiles.write(
        file,
        out -> {
          java.util.zip.CheckedOutputStream checked = new java.util.zip.CheckedOutputStream(out, crc);
          DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(checked, 1 << 16));
          data.write(MAGIC);
          data.writeInt(VERSION);
          long written = HEADER_BYTES; // DataOutputStream.size() stops at 2 GB
          for (int at = 0; at < places.end(); at++) {
            String id = places.idAt(at);
            if (id == null) {
              continue;
            }
            long place = places.valueAt(at);
            // A committed record is copied as it is (checksum checked), not decoded and encoded.
            byte[] rec =
                offsetOf(place) == UNWRITTEN
                    ? record(OP_PUT, mapper.writeValueAsBytes(codec.toJson(unwritten.get(id))))
                    : readRecord(offsetOf(place));
            newOffsets[at] = written;
            data.write(rec);
            written += rec.length;
          }
          data.flush();
          length[0] = written;
        });
    for (int at = 0; at < places.end(); at++) {
      if (places.idAt(at) != null) {
        places.setValueAt(at, (places.valueAt(at) & ~OFFSET_MASK) | newOffsets[at]);
      }
    }
    reopenReader();
    committedBytes = length[0];
    committedCrc = crc;
    records = places.size() - pending.size();
  }

  private void reopenReader() throws IOException {
    if (reader != null) {
      reader.close();
      reader = null;
    }
    reader = FileChannel.open(file, StandardOpenOption.READ);
  }

  @Override
  public synchronized void close() {
    // Uncommitted changes are dropped on purpose: the caller decides what is durable.
    pending.clear();
    pendingPuts.clear();
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        LOG.debug("{}: closing: {}", file, e.toString());
      }
    }
  }
}
