package dev.crossmodal.index.flat;

import java.util.ArrayList;
import java.util.List;

/**
 * When segments are merged, checked after each flush (see FORMAT.md): segments fall into levels
 * by size, level {@code L} holding those of {@code flushVectors * 10^L} to {@code 10^(L+1)}
 * vectors; once a level holds {@value #FACTOR} segments they are merged into one of the next
 * level, so a vector is rewritten about once per level (log10 of the index size over the flush
 * size) and a search visits at most 9 segments per level. A segment of which half the vectors were
 * deleted or replaced is rewritten on its own. {@link FlatIndex#compact()} merges everything.
 */
final class MergePolicy {
  static final int FACTOR = 10;

  private MergePolicy() {}

  /** Indexes of the segments to merge into one now, or an empty list. */
  static List<Integer> select(int[] counts, int[] dead, int flushVectors) {
    for (int s = 0; s < counts.length; s++) {
      if (dead[s] > 0 && dead[s] * 2L >= counts[s]) {
        return List.of(s);
      }
    }
    int levels = 12;
    List<List<Integer>> byLevel = new ArrayList<>();
    for (int l = 0; l < levels; l++) {
      byLevel.add(new ArrayList<>());
    }
    for (int s = 0; s < counts.length; s++) {
      int level = level(counts[s], flushVectors);
      byLevel.get(Math.min(levels - 1, level)).add(s);
      if (byLevel.get(Math.min(levels - 1, level)).size() >= FACTOR) {
        return byLevel.get(Math.min(levels - 1, level));
      }
    }
    return List.of();
  }

  static int level(int count, int flushVectors) {
    int level = 0;
    for (long limit = (long) flushVectors * FACTOR; count >= limit; limit *= FACTOR) {
      level++;
    }
    return level;
  }
}
