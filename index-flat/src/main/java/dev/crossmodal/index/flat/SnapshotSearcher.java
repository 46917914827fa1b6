package dev.crossmodal.index.flat;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact top-k over a {@link Snapshot}. The slots are cut into morsels of about a megabyte that the
 * calling thread and up to {@code threads - 1} pool threads claim one at a time, each keeping its
 * own small heaps, merged at the end. Claiming morsels rather than splitting the slots into one
 * range per thread keeps every thread busy to the end even when the machine is shared and one of
 * them is descheduled for a while.
 *
 * <p>Queries are scored in blocks: a block of queries against a block of stored vectors small
 * enough to stay in the core's L2 cache, so that memory is read once per block of queries rather
 * than once per query. A score is only checked against deletes and the {@link IdFilter} when it
 * would enter the heap, which keeps the filter off the hot path.
 */
final class SnapshotSearcher {
  /** Floats per morsel: enough work to amortise claiming it, small enough to balance threads. */
  private static final int MORSEL_FLOATS = 1 << 18;
  /** Queries per block: their floats should stay in L2 together with a block of stored vectors. */
  private static final int QUERY_BLOCK_BYTES = 1 << 17;
  private static final int VECTOR_BLOCK_BYTES = 1 << 16;
  private static final int SINGLE_QUERY_BLOCK_VECTORS = 256;

  private final VectorKernel kernel;
  private final int threads;
  private final ExecutorService pool;

  /**
   * @param pool runs the helpers of the calling thread; null when {@code threads} is 1
   */
  SnapshotSearcher(VectorKernel kernel, int threads, ExecutorService pool) {
    this.kernel = kernel;
    this.threads = threads;
    this.pool = pool;
  }

  /**
   * The top {@code k} hits of each query.
   *
   * @param queries {@code queryCount} unit vectors back to back
   */
  List<List<SearchHit>> search(
      Snapshot snapshot, float[] queries, int queryCount, int k, IdFilter filter) {
    int capacity = (int) Math.min(k, snapshot.live);
    if (capacity == 0 || queryCount == 0) {
      List<List<SearchHit>> empty = new ArrayList<>(queryCount);
      for (int q = 0; q < queryCount; q++) {
        empty.add(List.of());
      }
      return empty;
    }
    int morselVectors = Math.max(1, MORSEL_FLOATS / snapshot.dimension);
    Morsels morsels = new Morsels(snapshot.count, morselVectors);
    int workers = (int) Math.min(threads, morsels.count());
    TopK[][] tops = new TopK[workers][];
    List<Future<TopK[]>> futures = new ArrayList<>(workers - 1);
    for (int w = 1; w < workers; w++) {
      futures.add(
          pool.submit(() -> scan(snapshot, queries, queryCount, morsels, capacity, filter)));
    }
    tops[0] = scan(snapshot, queries, queryCount, morsels, capacity, filter);
    for (int w = 1; w < workers; w++) {
      tops[w] = ScanTasks.join(futures.get(w - 1));
    }
    List<List<SearchHit>> results = new ArrayList<>(queryCount);
    TopK[] perQuery = new TopK[workers];
    for (int q = 0; q < queryCount; q++) {
      for (int w = 0; w < workers; w++) {
        perQuery[w] = tops[w][q];
      }
      results.add(TopK.merge(perQuery, k));
    }
    return results;
  }

  /** Consecutive ranges of slots handed out to whichever thread asks next. */
  private static final class Morsels {
    private final int slots;
    private final int size;
    private final AtomicInteger next = new AtomicInteger();

    Morsels(int slots, int size) {
      this.slots = slots;
      this.size = size;
    }

    long count() {
      return ((long) slots + size - 1) / size;
    }

    /** The first slot of the next unclaimed morsel, or -1 when all are claimed. */
    int claim() {
      long first = (long) next.getAndIncrement() * size;
      return first < slots ? (int) first : -1;
    }

    int end(int first) {
      return (int) Math.min(slots, (long) first + size);
    }
  }

  /** Scans morsels until none are left, for every query; returns one heap per query. */
  private TopK[] scan(
      Snapshot snapshot, float[] queries, int queryCount, Morsels morsels, int capacity,
      IdFilter filter) {
    int dim = snapshot.dimension;
    TopK[] tops = new TopK[queryCount];
    for (int q = 0; q < queryCount; q++) {
      tops[q] = new TopK(snapshot, capacity);
    }
    int vectorBlock;
    int queryBlock;
    if (queryCount == 1) {
      vectorBlock = SINGLE_QUERY_BLOCK_VECTORS;
      queryBlock = 1;
    } else {
      vectorBlock = clamp(VECTOR_BLOCK_BYTES / (dim * Float.BYTES), 2, 512);
      queryBlock = Math.min(queryCount, clamp(QUERY_BLOCK_BYTES / (dim * Float.BYTES), 8, 64));
    }
    float[] blockQueries = queryBlock == queryCount ? queries : new float[queryBlock * dim];
    float[] scores = new float[queryBlock * vectorBlock];
    boolean everyId = filter == IdFilter.ALL;
    int chunkVectors = snapshot.chunkVectors;
    for (int from = morsels.claim(); from >= 0; from = morsels.claim()) {
      int to = morsels.end(from);
      for (int q0 = 0; q0 < queryCount; q0 += queryBlock) {
        int nq = Math.min(queryBlock, queryCount - q0);
        if (blockQueries != queries) {
          System.arraycopy(queries, q0 * dim, blockQueries, 0, nq * dim);
        }
        for (int start = from; start < to; ) {
          int chunk = start / chunkVectors;
          int offset = start - chunk * chunkVectors;
          int n = Math.min(vectorBlock, Math.min(to - start, chunkVectors - offset));
          kernel.dotBlock(blockQueries, nq, snapshot.vectors[chunk], offset, n, dim, scores);
          for (int q = 0; q < nq; q++) {
            select(snapshot, tops[q0 + q], scores, q * n, n, start, everyId, filter);
          }
          start += n;
        }
      }
    }
    return tops;
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }

  private static void select(
      Snapshot snapshot, TopK top, float[] scores, int row, int n, int firstSlot, boolean everyId,
      IdFilter filter) {
    float threshold = top.threshold();
    for (int v = 0; v < n; v++) {
      float score = scores[row + v];
      if (score >= threshold) {
        int slot = firstSlot + v;
        if (snapshot.isLive(slot) && (everyId || filter.accept(snapshot.id(slot)))) {
          // Rounding can take the cosine of two unit vectors a hair past 1; hits promise [-1, 1].
          top.offer(Math.max(-1f, Math.min(1f, score)), slot);
          threshold = top.threshold();
        }
      }
    }
  }
}
