package dev.crossmodal.index.flat;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact top-k over memory-mapped segments in two passes. The first pass computes an approximate
 * score {@code a} for every stored vector (from its int8 codes, or from its floats summed in a
 * faster order) together with a bound {@code b} such that the vector's exact float score lies in
 * {@code [a - b, a + b]} ({@link Int8Quantizer#bound}). Whatever the k-th largest lower bound
 * {@code tau} is, at least k vectors score at least {@code tau}, so a vector whose upper bound is
 * below {@code tau} cannot be in the top k; every other vector is a candidate. The second pass
 * re-scores the candidates with the exact float kernel and keeps the best k, ties broken by id:
 * the result is the float scan's, bit for bit, while the first pass reads a quarter of the bytes.
 *
 * <p>Segments are cut into morsels that the calling thread and the pool's threads claim one at a
 * time, each keeping its own lower-bound heaps and candidate lists per query, joined at the end.
 */
final class SegmentSearcher {
  private static final int MORSEL_BYTES = 1 << 20;
  private static final int SINGLE_BLOCK_VECTORS = 256;
  private static final int BATCH_BLOCK_VECTORS = 64;

  private final VectorKernel kernel;
  private final int threads;
  private final ExecutorService pool;

  SegmentSearcher(VectorKernel kernel, int threads, ExecutorService pool) {
    this.kernel = kernel;
    this.threads = threads;
    this.pool = pool;
  }

  /**
   * The top {@code k} hits of each query among the live vectors of {@code segments}.
   *
   * @param queries {@code queryCount} unit vectors back to back
   * @param int8 whether the first pass reads the int8 codes (else the floats)
   */
  List<List<SearchHit>> search(
      SegmentView[] segments, int version, float[] queries, int queryCount, int k, IdFilter filter,
      boolean int8) {
    List<List<SearchHit>> results = new ArrayList<>(queryCount);
    if (segments.length == 0 || k == 0) {
      for (int q = 0; q < queryCount; q++) {
        results.add(List.of());
      }
      return results;
    }
    int dim = segments[0].segment().dimension;
    Morsels morsels = new Morsels(segments, Math.max(64, MORSEL_BYTES / (int8 ? dim : 4 * dim)));
    int workers = Math.min(threads, morsels.count());
    Pass pass = new Pass(segments, version, queries, queryCount, k, filter, int8, dim);
    List<Future<Worker>> futures = new ArrayList<>();
    for (int w = 1; w < workers; w++) {
      futures.add(pool.submit(() -> pass.run(morsels)));
    }
    Worker[] done = new Worker[Math.max(1, workers)];
    done[0] = pass.run(morsels);
    for (int w = 1; w < workers; w++) {
      done[w] = ScanTasks.join(futures.get(w - 1));
    }
    for (int q = 0; q < queryCount; q++) {
      results.add(rescore(pass, done, q, k));
    }
    return results;
  }

  /** The second pass for query {@code q}: exact scores of the candidates that can still win. */
  private List<SearchHit> rescore(Pass pass, Worker[] workers, int q, int k) {
    float[] lowers = new float[0];
    for (Worker w : workers) {
      float[] heap = w.lowerHeaps[q].values();
      int at = lowers.length;
      lowers = Arrays.copyOf(lowers, at + heap.length);
      System.arraycopy(heap, 0, lowers, at, heap.length);
    }
    float tau = Float.NEGATIVE_INFINITY;
    if (lowers.length >= k) {
      Arrays.sort(lowers);
      tau = lowers[lowers.length - k];
    }
    float cut = cut(tau);
    List<SearchHit> hits = new ArrayList<>();
    int queryOffset = q * pass.dim;
    for (Worker w : workers) {
      Candidates c = w.candidates[q];
      for (int i = 0; i < c.size; i++) {
        if (c.uppers[i] >= cut) {
          Segment segment = pass.segments[c.segments[i]].segment();
          float score =
              kernel.dot(pass.queries, queryOffset, segment.floats, c.slots[i], pass.dim);
          // Rounding can take the cosine of two unit vectors a hair past 1; hits promise [-1, 1].
          hits.add(new SearchHit(segment.id(c.slots[i]), Math.max(-1f, Math.min(1f, score))));
        }
      }
    }
    hits.sort(SearchHit.BEST_FIRST);
    return hits.size() > k ? List.copyOf(hits.subList(0, k)) : List.copyOf(hits);
  }

  /**
   * The value an upper bound must reach to stay a candidate when the k-th lower bound is {@code
   * tau}. Hits are clamped to [-1, 1], so a vector ties the k-th once both clamp to the same end:
   * below -1 everything may tie, above 1 everything reaching 1 may.
   */
  static float cut(float tau) {
    return tau <= -1f ? Float.NEGATIVE_INFINITY : Math.min(tau, 1f);
  }

  /** The shared inputs of one search. */
  private final class Pass {
    final SegmentView[] segments;
    final int version;
    final float[] queries;
    final int queryCount;
    final int k;
    final IdFilter filter;
    final boolean int8;
    final int dim;
    final float slack;

    Pass(
        SegmentView[] segments, int version, float[] queries, int queryCount, int k,
        IdFilter filter, boolean int8, int dim) {
      this.segments = segments;
      this.version = version;
      this.queries = queries;
      this.queryCount = queryCount;
      this.k = k;
      this.filter = filter;
      this.int8 = int8;
      this.dim = dim;
      this.slack = Int8Quantizer.slack(dim);
    }

    Worker run(Morsels morsels) {
      Worker worker = new Worker(queryCount, k);
      int block = queryCount == 1 ? SINGLE_BLOCK_VECTORS : BATCH_BLOCK_VECTORS;
      float[] scores = new float[queryCount * block];
      float[] scratch = new float[kernel.scratchFloats(dim)];
      float[] scales = new float[block];
      float[] bounds = new float[block];
      float[] cuts = new float[queryCount];
      Arrays.fill(cuts, Float.NEGATIVE_INFINITY);
      boolean everyId = filter == IdFilter.ALL;
      for (int m = morsels.claim(); m >= 0; m = morsels.claim()) {
        int s = morsels.segment(m);
        SegmentView view = segments[s];
        Segment segment = view.segment();
        MemorySegment data = int8 ? segment.codes : segment.floats;
        int end = morsels.end(m);
        for (int from = morsels.start(m); from < end; from += block) {
          int n = Math.min(block, end - from);
          kernel.approximateBlock(queries, queryCount, data, int8, from, n, dim, scratch, scores);
          for (int v = 0; v < n; v++) {
            float margin = int8 ? segment.margin(from + v) : 0f;
            scales[v] = int8 ? segment.scale(from + v) : 1f;
            bounds[v] = Int8Quantizer.bound(margin, slack);
          }
          for (int q = 0; q < queryCount; q++) {
            int row = q * n;
            float cutQ = cuts[q];
            for (int v = 0; v < n; v++) {
              float approximate = scales[v] * scores[row + v];
              if (approximate + bounds[v] >= cutQ) {
                int slot = from + v;
                if (view.isLive(slot, version)
                    && (everyId || filter.accept(segment.id(slot)))) {
                  worker.candidates[q].add(s, slot, approximate + bounds[v], cutQ);
                  LowerHeap heap = worker.lowerHeaps[q];
                  heap.offer(approximate - bounds[v]);
                  cutQ = cut(heap.threshold());
                }
              }
            }
            cuts[q] = cutQ;
          }
        }
      }
      return worker;
    }
  }

  /** One thread's state: per query, a heap of the k best lower bounds and the candidates. */
  private static final class Worker {
    final LowerHeap[] lowerHeaps;
    final Candidates[] candidates;

    Worker(int queryCount, int k) {
      lowerHeaps = new LowerHeap[queryCount];
      candidates = new Candidates[queryCount];
      for (int q = 0; q < queryCount; q++) {
        lowerHeaps[q] = new LowerHeap(k);
        candidates[q] = new Candidates(k);
      }
    }
  }

  /** The k largest floats seen, in a min-heap. */
  static final class LowerHeap {
    private final float[] heap;
    private int size;

    LowerHeap(int k) {
      heap = new float[k];
    }

    float threshold() {
      return size < heap.length ? Float.NEGATIVE_INFINITY : heap[0];
    }

    void offer(float value) {
      if (size < heap.length) {
        int i = size++;
        heap[i] = value;
        while (i > 0 && heap[(i - 1) >>> 1] > heap[i]) {
          int parent = (i - 1) >>> 1;
          float t = heap[parent];
          heap[parent] = heap[i];
          heap[i] = t;
          i = parent;
        }
      } else if (value > heap[0]) {
        heap[0] = value;
        int i = 0;
        while (true) {
          int left = 2 * i + 1;
          if (left >= size) {
            break;
          }
          int smallest = left + 1 < size && heap[left + 1] < heap[left] ? left + 1 : left;
          if (heap[smallest] >= heap[i]) {
            break;
          }
          float t = heap[smallest];
          heap[smallest] = heap[i];
          heap[i] = t;
          i = smallest;
        }
      }
    }

    float[] values() {
      return Arrays.copyOf(heap, size);
    }
  }

  /** Vectors whose upper bound reached the cut when seen; pruned as the cut rises. */
  private static final class Candidates {
    private final int pruneAbove;
    int[] segments = new int[16];
    int[] slots = new int[16];
    float[] uppers = new float[16];
    int size;

    Candidates(int k) {
      pruneAbove = Math.max(1024, 4 * k);
    }

    void add(int segment, int slot, float upper, float cut) {
      if (size == slots.length) {
        if (size >= pruneAbove) {
          prune(cut);
        }
        if (size == slots.length) {
          segments = Arrays.copyOf(segments, size * 2);
          slots = Arrays.copyOf(slots, size * 2);
          uppers = Arrays.copyOf(uppers, size * 2);
        }
      }
      segments[size] = segment;
      slots[size] = slot;
      uppers[size] = upper;
      size++;
    }

    private void prune(float cut) {
      int kept = 0;
      for (int i = 0; i < size; i++) {
        if (uppers[i] >= cut) {
          segments[kept] = segments[i];
          slots[kept] = slots[i];
          uppers[kept] = uppers[i];
          kept++;
        }
      }
      size = kept;
    }
  }

  /** Ranges of slots within segments, handed out to whichever thread asks next. */
  private static final class Morsels {
    private final int[] segment;
    private final int[] start;
    private final int[] end;
    private final AtomicInteger next = new AtomicInteger();

    Morsels(SegmentView[] segments, int size) {
      List<int[]> list = new ArrayList<>();
      for (int s = 0; s < segments.length; s++) {
        int count = segments[s].segment().count;
        for (int from = 0; from < count; from += size) {
          list.add(new int[] {s, from, Math.min(count, from + size)});
        }
      }
      segment = new int[list.size()];
      start = new int[list.size()];
      end = new int[list.size()];
      for (int i = 0; i < list.size(); i++) {
        segment[i] = list.get(i)[0];
        start[i] = list.get(i)[1];
        end[i] = list.get(i)[2];
      }
    }

    int count() {
      return segment.length;
    }

    int claim() {
      int m = next.getAndIncrement();
      return m < segment.length ? m : -1;
    }

    int segment(int m) {
      return segment[m];
    }

    int start(int m) {
      return start[m];
    }

    int end(int m) {
      return end[m];
    }
  }
}
