package dev.crossmodal.eval;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Recall at k, median rank and mean reciprocal rank of a set of retrieval queries, with the
 * definitions of CLIP_benchmark and the VSE++ papers: a query's rank is the 1-based position of
 * its best-ranked positive; a query is a hit at k when that rank is at most k (so, when ANY
 * positive is in the top k).
 *
 * <pre>{@code
 * RetrievalMetrics.Builder builder = RetrievalMetrics.builder();
 * builder.add(List.of("img-7", "img-2", "img-9"), Set.of("img-2"));   // rank 2
 * RetrievalMetrics metrics = builder.build();
 * double r5 = metrics.recallPercentAt(5);   // 100.0
 * }</pre>
 *
 * <p>A query whose positives are not in its ranking at all (a ranking cut off before them) has an
 * infinite rank: a miss at every k, a reciprocal rank of 0, and an infinite median when it is the
 * middle query.
 */
public final class RetrievalMetrics {
  /** The rank of a query none of whose positives was ranked. */
  public static final int NOT_RANKED = Integer.MAX_VALUE;

  private final int[] sortedRanks;
  private final double reciprocalRankSum;

  private RetrievalMetrics(int[] ranks) {
    this.sortedRanks = ranks.clone();
    Arrays.sort(sortedRanks);
    double sum = 0;
    for (int rank : sortedRanks) {
      sum += rank == NOT_RANKED ? 0 : 1.0 / rank;
    }
    this.reciprocalRankSum = sum;
  }

  /**
   * {@return metrics of queries whose ranks are already known (1-based, or {@link #NOT_RANKED})}
   *
   * @param ranks one rank per query
   */
  public static RetrievalMetrics ofRanks(int... ranks) {
    for (int rank : ranks) {
      checkRank(rank);
    }
    return new RetrievalMetrics(ranks);
  }

  /** {@return a builder that works out each query's rank from its ranking and positives} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the 1-based position of the first element of {@code ranking} that is in {@code positives},
   * or {@link #NOT_RANKED} if none is}
   *
   * @param ranking the ids a search returned, best first
   * @param positives the ids that count as correct
   */
  public static int firstPositiveRank(List<String> ranking, Set<String> positives) {
    Objects.requireNonNull(positives, "positives");
    int position = 1;
    for (String id : ranking) {
      if (positives.contains(id)) {
        return position;
      }
      position++;
    }
    return NOT_RANKED;
  }

  /** {@return the number of queries} */
  public int queries() {
    return sortedRanks.length;
  }

  /**
   * {@return the fraction of queries, in [0, 1], with a positive among their first {@code k} results}
   *
   * @param k how many first results count
   */
  public double recallAt(int k) {
    return hitsAt(k) / (double) requireQueries();
  }

  /**
   * {@link #recallAt(int)} as a percentage in [0, 100], as papers report it.
   *
   * @param k how many first results count
   * @return the percentage of queries with a positive among their first {@code k} results
   */
  public double recallPercentAt(int k) {
    // 100.0 * hits / n rounds once, so 588 of 1000 prints as 58.8, not 58.800000000000004.
    return 100.0 * hitsAt(k) / requireQueries();
  }

  /**
   * {@return the number of queries with a positive among their first {@code k} results}
   *
   * @param k how many first results count
   */
  public int hitsAt(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    // Ranks are sorted: the hits are the prefix of ranks <= k.
    int lo = 0;
    int hi = sortedRanks.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sortedRanks[mid] <= k) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * {@return the median rank, as {@code numpy.median} computes it: the middle rank, or the mean of the two
   * middle ranks for an even number of queries} Infinite if a middle query was not ranked.
   */
  public double medianRank() {
    int n = requireQueries();
    int upper = sortedRanks[n / 2];
    if (n % 2 == 1) {
      return asDouble(upper);
    }
    int lower = sortedRanks[n / 2 - 1];
    return (asDouble(lower) + asDouble(upper)) / 2.0;
  }

  /** {@return the mean over queries of 1 / rank (0 for a query that was not ranked), in [0, 1]} */
  public double meanReciprocalRank() {
    return reciprocalRankSum / requireQueries();
  }

  /** {@return every query's rank, best first} */
  public int[] sortedRanks() {
    return sortedRanks.clone();
  }

  private int requireQueries() {
    if (sortedRanks.length == 0) {
      throw new IllegalStateException("no queries: retrieval metrics of an empty set are undefined");
    }
    return sortedRanks.length;
  }

  private static double asDouble(int rank) {
    return rank == NOT_RANKED ? Double.POSITIVE_INFINITY : rank;
  }

  private static void checkRank(int rank) {
    if (rank < 1) {
      throw new IllegalArgumentException("ranks start at 1, got " + rank);
    }
  }

  @Override
  public String toString() {
    if (sortedRanks.length == 0) {
      return "RetrievalMetrics{no queries}";
    }
    return String.format(
        java.util.Locale.ROOT,
        "RetrievalMetrics{queries=%d, R@1=%.2f, R@5=%.2f, R@10=%.2f, MedR=%s, MRR=%.4f}",
        queries(),
        recallPercentAt(1),
        recallPercentAt(5),
        recallPercentAt(10),
        medianRank(),
        meanReciprocalRank());
  }

  /** Collects one rank per query. Not thread-safe. */
  public static final class Builder {
    private int[] ranks = new int[16];
    private int size;

    private Builder() {}

    /**
     * Adds a query from its ranking (best first) and the ids that count as correct for it.
     *
     * @throws IllegalArgumentException if {@code positives} is empty: such a query can never hit
     * and would only lower every metric
     * @param ranking the ids the search returned, best first
     * @param positives the ids that count as correct answers for this query
     * @return this builder
     */
    public Builder add(List<String> ranking, Collection<String> positives) {
      if (positives.isEmpty()) {
        throw new IllegalArgumentException("a retrieval query needs at least one positive");
      }
      Set<String> set = positives instanceof Set<String> s ? s : Set.copyOf(positives);
      return addRank(firstPositiveRank(ranking, set));
    }

    /**
     * Adds a query whose rank is known (1-based, or {@link #NOT_RANKED}).
     *
     * @param rank adds a query whose rank is known (1-based, or {@link #NOT_RANKED})
     * @return this builder
     */
    public Builder addRank(int rank) {
      checkRank(rank);
      if (size == ranks.length) {
        ranks = Arrays.copyOf(ranks, size * 2);
      }
      ranks[size++] = rank;
      return this;
    }

    /** {@return the metrics of the ranks added so far} */
    public RetrievalMetrics build() {
      return new RetrievalMetrics(Arrays.copyOf(ranks, size));
    }
  }
}
