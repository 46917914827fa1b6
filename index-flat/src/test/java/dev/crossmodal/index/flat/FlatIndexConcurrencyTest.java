package dev.crossmodal.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FlatIndexConcurrencyTest {
  /** Large enough that 6000 vectors are split across both search threads. */
  private static final int DIM = 128;

  /** Each id always maps to one of two vectors, so a hit's score must match one of them exactly. */
  private static float[] vectorOf(String id, int generation) {
    return TestVectors.random(new SplittableRandom(id.hashCode() * 31L + generation), DIM);
  }

  @Test
  void searchesRunningDuringAddsUpsertsAndDeletesSeeConsistentSnapshots() throws Exception {
    float[] query = TestVectors.random(new SplittableRandom(99), DIM);
    Set<String> deletedForGood = ConcurrentHashMap.newKeySet();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger searches = new AtomicInteger();
    try (FlatIndex index = FlatIndex.builder(DIM).threads(2).build()) {
      Thread writer = new Thread(() -> {
        try {
          SplittableRandom random = new SplittableRandom(5);
          for (int i = 0; i < 6000; i++) {
            String id = "v" + i;
            index.upsert(id, vectorOf(id, 0));
            if (i % 3 == 0) {
              String old = "v" + random.nextInt(i + 1);
              if (deletedForGood.contains(old)) {
                continue;
              }
              if (random.nextBoolean()) {
                index.upsert(old, vectorOf(old, 1));
              } else if (index.delete(old)) {
                deletedForGood.add(old);
              }
            }
          }
        } catch (Throwable t) {
          failures.add(t);
        } finally {
          writing.set(false);
        }
      });
      List<Thread> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        boolean batched = r == 1;
        readers.add(new Thread(() -> {
          try {
            while (writing.get()) {
              Set<String> goneBefore = new HashSet<>(deletedForGood);
              List<SearchHit> hits = batched
                  ? index.search(new float[][] {query, query}, 20, IdFilter.ALL).get(1)
                  : index.search(query, 20);
              assertThat(hits).isSortedAccordingTo(SearchHit.BEST_FIRST);
              assertThat(hits).extracting(SearchHit::id).doesNotHaveDuplicates()
                  .noneMatch(goneBefore::contains);
              for (SearchHit hit : hits) {
                float first = exactScore(hit.id(), 0, query);
                float second = exactScore(hit.id(), 1, query);
                assertThat(hit.score()).as(hit.id()).isIn(first, second);
              }
              searches.incrementAndGet();
            }
          } catch (Throwable t) {
            failures.add(t);
          }
        }));
      }
      readers.forEach(Thread::start);
      writer.start();
      writer.join();
      for (Thread reader : readers) {
        reader.join();
      }
      assertThat(failures).isEmpty();
      assertThat(searches.get()).isPositive();
      assertThat(index.ids()).noneMatch(deletedForGood::contains);
      assertThat(index.size()).isEqualTo(6000 - deletedForGood.size());
    }
  }

  /** The score the index gives a vector, computed alone in a one-vector index. */
  private static float exactScore(String id, int generation, float[] query) {
    try (FlatIndex single = FlatIndex.builder(DIM).threads(1).build()) {
      single.upsert(id, vectorOf(id, generation));
      return single.search(query, 1).get(0).score();
    }
  }
}
