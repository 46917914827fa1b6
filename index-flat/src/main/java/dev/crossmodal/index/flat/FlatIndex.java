package dev.crossmodal.index.flat;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.VectorNorms;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * kernel ({@link VectorKernels}) at the speed memory delivers it. No training, no recall loss; a
 * million 512-dimensional vectors take about 2 GB, and a single query scans them in about 0.13 s
 * on two cores of a small cloud machine (32 queries searched together: about 0.02 s per query).
 *
 * <p>Vectors are normalised when they are added. Vectors live in large contiguous float chunks;
 * upserts append and deletes leave tombstones that are compacted away once they make up a quarter
 * of the slots. Writers serialise on a lock; searches take no lock and see the snapshot published
 * by the last completed write. A single query is split across {@link Builder#threads(int)} threads;
 * several queries searched together are scored in blocks, reading memory once per block.
 *
 * <p>A file-backed index ({@link Builder#file(Path)}) loads its file when built, and {@link
 * #commit()} rewrites that file atomically. {@link #close()} stops the search threads and does not
 * commit.
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

  private final int dimension;
  private final Path file;
  private final VectorKernel kernel;
  private final int threads;
  private final ExecutorService pool;
  private final SnapshotSearcher searcher;
  private final Object writeLock = new Object();
  private final Object commitLock = new Object();
  /** Guarded by {@link #writeLock}. */
  private final SlotStore store;
  private volatile Snapshot current;
  /** The last snapshot written to {@link #file}; guarded by {@link #commitLock}. */
  private Snapshot committed;
  private volatile boolean closed;

  private FlatIndex(Builder builder, SlotStore store, boolean onDisk) {
    this.dimension = builder.dimension;
    this.file = builder.file;
    this.kernel = builder.kernel != null ? builder.kernel : VectorKernels.get();
    this.threads = builder.threads;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, daemonThreads()) : null;
    this.searcher = new SnapshotSearcher(kernel, threads, pool);
    this.store = store;
    this.current = store.publish();
    this.committed = onDisk ? current : null;
  }

  /** A builder for an index of vectors of {@code dimension} components. */
  public static Builder builder(int dimension) {
    return new Builder(dimension);
  }

  /** The factory workspaces use: file-backed indexes with default settings, named {@code flat}. */
  public static VectorIndexFactory factory() {
    return new FlatIndexFactory(Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #factory()}, with {@code threads} threads per single-query search. */
  public static VectorIndexFactory factory(int threads) {
    return new FlatIndexFactory(threads);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public long size() {
    return current.live;
  }

  /** The kernel this index scores with, {@code panama} or {@code scalar}. */
  public String kernelName() {
    return kernel.name();
  }

  /** The number of threads a single query is split across. */
  public int threads() {
    return threads;
  }

  /** The file this index loads from and commits to, if any. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * An estimate of the heap this index holds: vector chunks, slot tables and the id table, plus
   * the id strings at 40 bytes plus their length each.
   */
  public long memoryBytes() {
    synchronized (writeLock) {
      long bytes = store.memoryBytes();
      Snapshot snapshot = current;
      for (int slot = 0; slot < snapshot.count; slot++) {
        String id = snapshot.id(slot);
        bytes += 40 + id.length();
      }
      return bytes;
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

  /** Copies the live vectors into fresh storage now, dropping deleted ones. */
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
    return searcher.search(current, unit, 1, k, filter).get(0);
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
    return searcher.search(current, units, queries.length, k, filter);
  }

  @Override
  public List<String> ids() {
    return current.liveIds();
  }

  /**
   * Writes the current snapshot to the index file, atomically; does nothing for an in-memory index
   * or when nothing changed since the last commit.
   */
  @Override
  public void commit() {
    if (file == null) {
      return;
    }
    synchronized (commitLock) {
      checkOpen();
      Snapshot snapshot = current;
      if (snapshot == committed) {
        return;
      }
      long start = System.nanoTime();
      FlatIndexFile.write(file, snapshot);
      committed = snapshot;
      LOG.debug(
          "Wrote {} vectors to {} in {} ms", snapshot.live, file,
          (System.nanoTime() - start) / 1_000_000);
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

  /** Publishes the store's changes, compacting first when tombstones take too much room. */
  private void publish() {
    if (store.needsCompaction()) {
      store.compact();
    }
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

    private Builder(int dimension) {
      if (dimension <= 0) {
        throw new IllegalArgumentException("dimension must be positive, got " + dimension);
      }
      this.dimension = dimension;
    }

    /** Threads per single-query search (default: available processors). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The kernel to score with (default: {@link VectorKernels#get()}). */
    public Builder kernel(VectorKernel kernel) {
      this.kernel = Objects.requireNonNull(kernel, "kernel");
      return this;
    }

    /**
     * Backs the index with {@code file}: {@link #build()} loads it if it exists, and {@link
     * FlatIndex#commit()} writes it.
     */
    public Builder file(Path file) {
      this.file = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Builds the index, loading its file if one is set and exists.
     *
     * @throws dev.crossmodal.core.InvalidWorkspaceException naming the file if it is damaged, of
     *     another format version or of another dimension
     */
    public FlatIndex build() {
      if (file == null || !Files.exists(file)) {
        return new FlatIndex(this, new SlotStore(dimension), false);
      }
      long start = System.nanoTime();
      FlatIndexFile.Loaded<SlotStore> loaded =
          FlatIndexFile.read(file, dimension, ids -> {
            try {
              return SlotStore.withIds(dimension, ids);
            } catch (IllegalArgumentException e) {
              throw FlatIndexFile.damaged(file, "is corrupted: " + e.getMessage());
            }
          });
      SlotStore store = loaded.fromIds();
      store.attachVectors(loaded.chunks());
      LOG.debug(
          "Loaded {} vectors from {} in {} ms", store.live(), file,
          (System.nanoTime() - start) / 1_000_000);
      return new FlatIndex(this, store, true);
    }
  }
}
