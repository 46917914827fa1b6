package dev.crossmodal.index.flat;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.VectorNorms;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact cosine search by brute force: every stored vector is scored against the query with a SIMD
 * kernel ({@link VectorKernels}) at the speed memory delivers it. No training, no recall loss.
 *
 * <p>Vectors are normalised when they are added, into an in-heap write buffer. A file-backed index
 * ({@link Builder#file(Path)}) flushes the buffer into immutable, memory-mapped segment files and
 * {@link #commit()} makes them durable by rewriting a small manifest (see FORMAT.md), so a commit
 * costs what changed and opening costs one mapping per segment. Segments also hold int8 codes of
 * their vectors: searches read those first and re-score in float every vector whose error bound
 * leaves it a chance of the top k ({@link Quantization}), which returns exactly the float scan's
 * hits. Writers serialise on a lock; searches take no lock and see the snapshot published by the
 * last completed write. A search is split across {@link Builder#threads(int)} threads; several
 * queries searched together are scored in register tiles, reading memory once per block.
 *
 * <p>{@link #close()} stops the search threads and does not commit.
 *
 * <pre>{@code
 * try (FlatIndex index = FlatIndex.builder(512).file(dir.resolve("images.cmx")).build()) {
 *   index.upsert("img-1", vector);
 *   List<SearchHit> best = index.search(query, 10);
 *   index.commit();
 * }
 * }</pre>
 */
public final class FlatIndex implements VectorIndex {
  private static final Logger LOG = LoggerFactory.getLogger(FlatIndex.class);
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
  private static final long DEFAULT_FLUSH_BYTES = 64L << 20;

  private final int dimension;
  private final Path file;
  private final VectorKernel kernel;
  private final int threads;
  private final ExecutorService pool;
  private final SnapshotSearcher searcher;
  private final SegmentSearcher segmentSearcher;
  private final boolean int8;
  private final Object writeLock = new Object();
  /** Guarded by {@link #writeLock}. */
  private final SegmentedStore store;
  private volatile IndexSnapshot current;
  private volatile boolean closed;

  private FlatIndex(Builder builder, SegmentedStore store) {
    this.dimension = builder.dimension;
    this.file = builder.file;
    this.kernel = builder.kernel != null ? builder.kernel : VectorKernels.get();
    this.threads = builder.threads;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, daemonThreads()) : null;
    this.searcher = new SnapshotSearcher(kernel, threads, pool);
    this.segmentSearcher = new SegmentSearcher(kernel, threads, pool);
    this.int8 = builder.quantization == Quantization.INT8;
    this.store = store;
    this.current = store.publish();
  }

  /**
   * {@return a builder for an index of vectors of {@code dimension} components}
   *
   * @param dimension the number of components of every vector
   */
  public static Builder builder(int dimension) {
    return new Builder(dimension);
  }

  /**
   * {@return the factory workspaces use: file-backed indexes with default settings, named {@code
   * flat}}
   */
  public static VectorIndexFactory factory() {
    return new FlatIndexFactory(Runtime.getRuntime().availableProcessors());
  }

  /**
   * As {@link #factory()}, with {@code threads} threads per single-query search.
   *
   * @param threads threads per single-query search
   * @return a factory of file-backed indexes named {@code flat}
   */
  public static VectorIndexFactory factory(int threads) {
    return new FlatIndexFactory(threads);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public long size() {
    return current.live();
  }

  /** {@return the kernel this index scores with, {@code panama} or {@code scalar}} */
  public String kernelName() {
    return kernel.name();
  }

  /** {@return the number of threads a single query is split across} */
  public int threads() {
    return threads;
  }

  /** {@return the file this index loads from and commits to, if any} */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** {@return how the first pass of a search over committed segments reads the vectors} */
  public Quantization quantization() {
    return int8 ? Quantization.INT8 : Quantization.NONE;
  }

  /** {@return the number of segment files the index currently spans (0 for an in-memory index)} */
  public int segmentCount() {
    return current.segments().length;
  }

  /**
   * {@return an estimate of the heap this index holds: the write buffer's vector chunks, slot tables and id
   * table, plus its id strings at 40 bytes plus their length each, and the segments' delete
   * tables} Segment vectors and ids are memory-mapped and not counted.
   */
  public long memoryBytes() {
    synchronized (writeLock) {
      long bytes = store.memoryBytes();
      Snapshot buffer = current.buffer();
      for (int slot = 0; slot < buffer.count; slot++) {
        bytes += 40 + buffer.id(slot).length();
      }
      return bytes;
    }
  }

  /**
   * {@return what this index has written to disk since it was opened} An in-memory index writes
   * nothing.
   */
  public WriteStats writeStats() {
    synchronized (writeLock) {
      return store.writeStats();
    }
  }

  /**
   * Checks the checksums of every segment's vectors, which opening an index does not read.
   *
   * @throws dev.crossmodal.core.InvalidWorkspaceException naming the damaged segment file
   */
  public void verify() {
    synchronized (writeLock) {
      store.verify();
    }
  }

  @Override
  public void upsert(String id, float[] vector) {
    checkId(id);
    // The caller may change its array once this returns, not before: it is copied under the lock.
    double scale = VectorNorms.checkedInverseNorm("vector for id '" + id + "'", vector, dimension);
    synchronized (writeLock) {
      checkOpen();
      store.upsert(id, vector, scale);
      store.flushIfFull();
      publish();
    }
  }

  /** Adds or replaces several vectors as one change: a search sees all of them or none. */
  @Override
  public void upsertAll(List<String> ids, float[][] vectors) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(vectors, "vectors");
    if (ids.size() != vectors.length) {
      throw new IllegalArgumentException(ids.size() + " ids but " + vectors.length + " vectors");
    }
    // Everything is checked before anything is stored, so a bad vector leaves the index as it was.
    double[] scales = new double[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      String id = ids.get(i);
      checkId(id);
      scales[i] = VectorNorms.checkedInverseNorm("vector for id '" + id + "'", vectors[i], dimension);
    }
    synchronized (writeLock) {
      checkOpen();
      for (int i = 0; i < vectors.length; i++) {
        store.upsert(ids.get(i), vectors[i], scales[i]);
      }
      store.flushIfFull();
      publish();
    }
  }

  @Override
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id");
    synchronized (writeLock) {
      checkOpen();
      if (!store.delete(id)) {
        return false;
      }
      publish();
      return true;
    }
  }

  @Override
  public boolean contains(String id) {
    Objects.requireNonNull(id, "id");
    synchronized (writeLock) {
      return store.contains(id);
    }
  }

  /**
   * Rewrites the live vectors into fresh storage now, dropping deleted ones: for a file-backed
   * index, the write buffer and every segment become one new segment (made durable by the next
   * {@link #commit()}).
   */
  public void compact() {
    synchronized (writeLock) {
      checkOpen();
      store.compact();
      current = store.publish();
    }
  }

  @Override
  public List<SearchHit> search(float[] query, int k, IdFilter filter) {
    checkK(k);
    Objects.requireNonNull(filter, "filter");
    float[] unit = VectorNorms.checkedUnit("query vector", query, dimension);
    checkOpen();
    return search(current, unit, 1, k, filter).get(0);
  }

  /** Scores all queries in one pass over memory per block of queries; see the class comment. */
  @Override
  public List<List<SearchHit>> search(float[][] queries, int k, IdFilter filter) {
    Objects.requireNonNull(queries, "queries");
    checkK(k);
    Objects.requireNonNull(filter, "filter");
    float[] units = new float[queries.length * dimension];
    for (int q = 0; q < queries.length; q++) {
      VectorNorms.checkedUnitInto("query vector " + q, queries[q], dimension, units, q * dimension);
    }
    checkOpen();
    return search(current, units, queries.length, k, filter);
  }

  /** Exact top-k of the buffer and of the segments, merged; each part's ties are by id too. */
  private List<List<SearchHit>> search(
      IndexSnapshot snapshot, float[] units, int queryCount, int k, IdFilter filter) {
    List<List<SearchHit>> buffered = searcher.search(snapshot.buffer(), units, queryCount, k, filter);
    if (snapshot.segments().length == 0) {
      return buffered;
    }
    List<List<SearchHit>> segmented = segmentSearcher.search(
        snapshot.segments(), snapshot.version(), units, queryCount, k, filter, int8);
    List<List<SearchHit>> results = new ArrayList<>(queryCount);
    for (int q = 0; q < queryCount; q++) {
      List<SearchHit> a = buffered.get(q);
      List<SearchHit> b = segmented.get(q);
      if (a.isEmpty() || b.isEmpty()) {
        results.add(a.isEmpty() ? b : a);
        continue;
      }
      List<SearchHit> all = new ArrayList<>(a.size() + b.size());
      all.addAll(a);
      all.addAll(b);
      all.sort(SearchHit.BEST_FIRST);
      results.add(List.copyOf(all.subList(0, Math.min(k, all.size()))));
    }
    return results;
  }

  @Override
  public List<String> ids() {
    return current.liveIds();
  }

  /**
   * Makes every change since the last commit durable, writing only what changed: the write buffer
   * becomes a new segment file, forced to disk, and the small manifest (segment list and deletes)
   * is rewritten atomically. Does nothing for an in-memory index or when nothing changed. Writers
   * wait while it runs; searches do not.
   */
  @Override
  public void commit() {
    if (file == null) {
      return;
    }
    synchronized (writeLock) {
      checkOpen();
      long start = System.nanoTime();
      store.commit();
      current = store.publish();
      LOG.debug(
          "Committed {} vectors in {} segments to {} in {} ms", current.live(),
          current.segments().length, file, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** Stops the search threads. Uncommitted changes are not written. */
  @Override
  public void close() {
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (pool != null) {
      pool.shutdown();
    }
  }

  /** Publishes the store's changes. */
  private void publish() {
    current = store.publish();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("index is closed");
    }
  }

  private static void checkId(String id) {
    if (id == null) {
      throw new InvalidInputException("id is null");
    }
  }

  private static void checkK(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative, got " + k);
    }
  }

  private static ThreadFactory daemonThreads() {
    int pool = POOL_NUMBER.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    return runnable -> {
      String name = "crossmodal-flat-" + pool + "-search-" + thread.incrementAndGet();
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Configures a {@link FlatIndex}.
   *
   * <pre>{@code
   * FlatIndex index = FlatIndex.builder(512).threads(4).file(path).build();
   * }</pre>
   */
  public static final class Builder {
    private final int dimension;
    private int threads = Runtime.getRuntime().availableProcessors();
    private VectorKernel kernel;
    private Path file;
    private Quantization quantization = Quantization.INT8;
    private int flushVectors;

    private Builder(int dimension) {
      if (dimension <= 0) {
        throw new IllegalArgumentException("dimension must be positive, got " + dimension);
      }
      this.dimension = dimension;
    }

    /**
     * Threads per single-query search (default: available processors).
     *
     * @param threads threads per single-query search (default: available processors)
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * The kernel to score with (default: {@link VectorKernels#get()}).
     *
     * @param kernel the kernel to score with (default: {@link VectorKernels#get()})
     * @return this builder
     */
    public Builder kernel(VectorKernel kernel) {
      this.kernel = Objects.requireNonNull(kernel, "kernel");
      return this;
    }

    /**
     * How searches over committed segments read the vectors first (default {@link
     * Quantization#INT8}); results are the exact float results either way.
     *
     * @param quantization how searches over committed segments read the vectors first (default
     *     {@link Quantization#INT8}); results are the exact float results either way
     * @return this builder
     */
    public Builder quantization(Quantization quantization) {
      this.quantization = Objects.requireNonNull(quantization, "quantization");
      return this;
    }

    /**
     * Vectors the write buffer of a file-backed index holds before it is flushed into a segment
     * file (default: 64 MB worth of floats).
     *
     * @param flushVectors vectors the write buffer of a file-backed index holds before it is
     *     flushed into a segment file (default: 64 MB worth of floats)
     * @return this builder
     */
    public Builder flushVectors(int flushVectors) {
      if (flushVectors < 1) {
        throw new IllegalArgumentException("flushVectors must be positive, got " + flushVectors);
      }
      this.flushVectors = flushVectors;
      return this;
    }

    /**
     * Backs the index with {@code file}, its manifest: {@link #build()} opens it if it exists, and
     * {@link FlatIndex#commit()} writes it. Segment files are written beside it, named after it.
     *
     * @param file backs the index with {@code file}, its manifest: {@link #build()} opens it if it
     *     exists, and {@link FlatIndex#commit()} writes it
     * @return this builder
     */
    public Builder file(Path file) {
      this.file = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Builds the index, opening its file if one is set and exists: one mapping per segment, nothing
     * read per vector.
     *
     * @return the index
     * @throws dev.crossmodal.core.InvalidWorkspaceException naming the file if it is damaged, of
     *     another format version or of another dimension
     */
    public FlatIndex build() {
      if (file == null) {
        return new FlatIndex(this, SegmentedStore.inMemory(dimension));
      }
      long start = System.nanoTime();
      int flush = flushVectors > 0
          ? flushVectors
          : (int) Math.max(1024, DEFAULT_FLUSH_BYTES / ((long) dimension * Float.BYTES));
      SegmentedStore store = SegmentedStore.open(file, dimension, flush);
      LOG.debug(
          "Opened {} ({} vectors in {} segments) in {} ms", file, store.live(),
          store.segmentCount(), (System.nanoTime() - start) / 1_000_000);
      return new FlatIndex(this, store);
    }
  }

  /** How the first pass of a search over segments reads the stored vectors. */
  public enum Quantization {
    /**
     * Int8 codes, a quarter of the bytes, with a per-vector error bound; the candidates that can
     * still be in the top k are re-scored in float, so results equal the float scan's.
     */
    INT8,
    /** The float vectors. */
    NONE
  }
}
