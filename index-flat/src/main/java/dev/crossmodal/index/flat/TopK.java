package dev.crossmodal.index.flat;

import dev.crossmodal.core.SearchHit;
import java.util.ArrayList;
import java.util.List;

/**
 * The best {@code capacity} (score, slot) pairs seen so far, in a heap whose root is the worst, so
 * that the scan compares each score with one number ({@link #threshold()}). Ties are broken by id,
 * the smaller id winning, as {@link SearchHit#BEST_FIRST} orders hits.
 */
final class TopK {
  private final Snapshot snapshot;
  private final int capacity;
  private final float[] scores;
  private final int[] slots;
  private int size;

  TopK(Snapshot snapshot, int capacity) {
    this.snapshot = snapshot;
    this.capacity = capacity;
    this.scores = new float[capacity];
    this.slots = new int[capacity];
  }

  /** Scores below this cannot enter; scores equal to it may, if their id is smaller. */
  float threshold() {
    return size < capacity ? Float.NEGATIVE_INFINITY : scores[0];
  }

  void offer(float score, int slot) {
    if (size < capacity) {
      int i = size++;
      scores[i] = score;
      slots[i] = slot;
      siftUp(i);
    } else if (capacity > 0 && worse(scores[0], slots[0], score, slot)) {
      scores[0] = score;
      slots[0] = slot;
      siftDown(0);
    }
  }

  /** The best {@code k} of all the given heaps, best first. */
  static List<SearchHit> merge(TopK[] parts, int k) {
    int total = 0;
    for (TopK part : parts) {
      total += part.size;
    }
    List<SearchHit> all = new ArrayList<>(total);
    for (TopK part : parts) {
      for (int i = 0; i < part.size; i++) {
        all.add(new SearchHit(part.snapshot.id(part.slots[i]), part.scores[i]));
      }
    }
    all.sort(SearchHit.BEST_FIRST);
    return all.size() > k ? List.copyOf(all.subList(0, k)) : List.copyOf(all);
  }

  private boolean worse(float scoreA, int slotA, float scoreB, int slotB) {
    if (scoreA != scoreB) {
      return scoreA < scoreB;
    }
    return snapshot.id(slotA).compareTo(snapshot.id(slotB)) > 0;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(scores[i], slots[i], scores[parent], slots[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && worse(scores[right], slots[right], scores[left], slots[left])) {
        worst = right;
      }
      if (!worse(scores[worst], slots[worst], scores[i], slots[i])) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
    int t = slots[a];
    slots[a] = slots[b];
    slots[b] = t;
  }
}
