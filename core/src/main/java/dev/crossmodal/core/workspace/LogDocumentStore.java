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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DocumentStore} kept in memory and made durable as an append-only log of checksummed
 * records.
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

  private final Path file;
  private final ObjectMapper mapper = new ObjectMapper();
  private final DocumentCodec codec = new DocumentCodec(mapper);
  private final Map<String, Document> documents = new LinkedHashMap<>();
  private final Map<Modality, Long> counts = new HashMap<>();
  private final List<byte[]> pending = new ArrayList<>();
  private long records;
  /** The length of the log as of the last commit, and the CRC32C of those bytes. */
  private long committedBytes;
  private CRC32C committedCrc = new CRC32C();

  private LogDocumentStore(Path file) {
    this.file = file;
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
    LogDocumentStore store = new LogDocumentStore(file);
    try {
      if (Files.exists(file)) {
        store.load(covered, pending, writer);
      } else if (writer) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(VERSION);
        AtomicFiles.write(file, header.array());
        store.committedBytes = HEADER_BYTES;
        store.committedCrc.update(header.array());
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
    byte[] bytes = Files.readAllBytes(file);
    if (covered != null && !pending && bytes.length < covered.bytes()) {
      throw new InvalidWorkspaceException(
          file + " has " + bytes.length + " bytes but the workspace's last commit wrote "
              + covered.bytes() + ": it was truncated or replaced, and " + "documents would be lost;"
              + " restore it from a backup or re-index into a new workspace");
    }
    boolean strict = covered != null && bytes.length >= covered.bytes() && prefixMatches(bytes, covered);
    if (covered != null && !pending && !strict) {
      throw new InvalidWorkspaceException(
          file + " differs from what the workspace's last commit wrote (its first "
              + covered.bytes() + " bytes do not have the committed checksum " + covered.crc32c()
              + "): it was damaged or replaced; restore it from a backup or re-index into a new"
              + " workspace");
    }
    int limit = strict ? (int) covered.bytes() : bytes.length;
    long goodEnd = parse(bytes, limit, !strict);
    if (strict && records != covered.records()) {
      throw new InvalidWorkspaceException(
          file + " holds " + records + " records where the workspace's last commit wrote "
              + covered.records() + ": it is damaged; restore it from a backup or re-index into a new"
              + " workspace");
    }
    committedBytes = goodEnd;
    committedCrc.update(bytes, 0, (int) goodEnd);
    if (goodEnd < bytes.length) {
      if (writer) {
        LOG.warn(
            "{}: dropping {} bytes after the last commit (an interrupted write)",
            file,
            bytes.length - goodEnd);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.truncate(goodEnd);
          channel.force(true);
        }
      } else {
        LOG.debug("{}: ignoring {} bytes after the last commit", file, bytes.length - goodEnd);
      }
    }
  }

  private static boolean prefixMatches(byte[] bytes, CommitCoverage.LogCoverage covered) {
    if (covered.bytes() < HEADER_BYTES) {
      return false;
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, (int) covered.bytes());
    return java.util.HexFormat.of().toHexDigits((int) crc.getValue()).equals(covered.crc32c());
  }

  /**
   * Applies the records in the first {@code limit} bytes; returns where the last good one ends.
   *
   * @param tornTailAllowed whether the last record may be cut short (a crash during a commit not
   *     recorded in the manifest); otherwise every record up to {@code limit} must be whole
   */
  private long parse(byte[] bytes, int limit, boolean tornTailAllowed) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes, 0, limit);
    if (bytes.length < HEADER_BYTES || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new InvalidWorkspaceException(
          file + " is not a crossmodal document store (bad magic number); the workspace is damaged:"
              + " re-index into a new workspace");
    }
    buf.position(MAGIC.length);
    int version = buf.getInt();
    if (version != VERSION) {
      throw new InvalidWorkspaceException(
          file + " has document store format version " + version + ", this library reads "
              + VERSION + ": use a matching crossmodal version or re-index");
    }
    long goodEnd = HEADER_BYTES;
    while (buf.remaining() > 0) {
      long start = buf.position();
      if (buf.remaining() < 9) {
        if (!tornTailAllowed) {
          throw damaged(start, "a record cut short inside the committed part");
        }
        break; // torn header of the last record
      }
      int length = buf.getInt();
      int crc = buf.getInt();
      if (length < 0 || length > MAX_RECORD_BYTES || buf.remaining() < length + 1) {
        if (tornTailAllowed && length >= 0 && length <= MAX_RECORD_BYTES) {
          break; // the last record was cut short by a crash
        }
        throw damaged(start, "impossible record length " + length);
      }
      byte op = buf.get();
      byte[] payload = new byte[length];
      buf.get(payload);
      if (crc(op, payload) != crc) {
        if (tornTailAllowed && buf.remaining() == 0) {
          break; // last record partly written
        }
        throw damaged(start, "checksum mismatch");
      }
      apply(op, payload, start);
      records++;
      goodEnd = buf.position();
    }
    return goodEnd;
  }

  private InvalidWorkspaceException damaged(long offset, String what) {
    return new InvalidWorkspaceException(
        file + " is damaged at byte " + offset + " (" + what + "); re-index into a new workspace");
  }

  private void apply(byte op, byte[] payload, long offset) throws IOException {
    switch (op) {
      case OP_PUT -> putInMemory(codec.fromJson(mapper.readTree(payload)));
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

  private void putInMemory(Document document) {
    Document previous = documents.put(document.id(), document);
    if (previous != null) {
      counts.merge(previous.modality(), -1L, Long::sum);
    }
    counts.merge(document.modality(), 1L, Long::sum);
  }

  private boolean deleteInMemory(String id) {
    Document previous = documents.remove(id);
    if (previous != null) {
      counts.merge(previous.modality(), -1L, Long::sum);
    }
    return previous != null;
  }

  @Override
  public synchronized void putAll(Collection<Document> batch) {
    for (Document document : batch) {
      try {
        pending.add(record(OP_PUT, mapper.writeValueAsBytes(codec.toJson(document))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      putInMemory(document);
    }
  }

  @Override
  public synchronized Optional<Document> get(String id) {
    return Optional.ofNullable(documents.get(id));
  }

  @Override
  public synchronized boolean contains(String id) {
    return documents.containsKey(id);
  }

  @Override
  public synchronized boolean delete(String id) {
    boolean existed = deleteInMemory(id);
    if (existed) {
      pending.add(record(OP_DELETE, id.getBytes(StandardCharsets.UTF_8)));
    }
    return existed;
  }

  @Override
  public synchronized long count(Modality modality) {
    return counts.getOrDefault(modality, 0L);
  }

  @Override
  public void forEach(Consumer<Document> action) {
    List<Document> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(documents.values());
    }
    snapshot.forEach(action);
  }

  /** {@return the number of live documents} */
  public synchronized int size() {
    return documents.size();
  }

  @Override
  public synchronized void commit() {
    if (pending.isEmpty()) {
      return;
    }
    try {
      if (records + pending.size() > 2L * documents.size() + 1024) {
        rewrite();
      } else {
        append();
      }
      records += pending.size();
      pending.clear();
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
    committedBytes += appended.length;
    committedCrc.update(appended);
  }

  /** Replaces the log with one record per live document, dropping superseded ones. */
  private void rewrite() throws IOException {
    CRC32C crc = new CRC32C();
    long[] length = new long[1];
    AtomicFiles.write(
        file,
        out -> {
          java.util.zip.CheckedOutputStream checked = new java.util.zip.CheckedOutputStream(out, crc);
          DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(checked, 1 << 16));
          data.write(MAGIC);
          data.writeInt(VERSION);
          for (Document document : documents.values()) {
            data.write(record(OP_PUT, mapper.writeValueAsBytes(codec.toJson(document))));
          }
          data.flush();
          length[0] = data.size();
        });
    committedBytes = length[0];
    committedCrc = crc;
    records = documents.size() - pending.size();
  }

  @Override
  public synchronized void close() {
    // Uncommitted changes are dropped on purpose: the caller decides what is durable.
    pending.clear();
  }
}
