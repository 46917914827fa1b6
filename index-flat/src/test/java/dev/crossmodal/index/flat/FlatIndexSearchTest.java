package dev.crossmodal.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.SearchHit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatIndexSearchTest {

  private static Map<String, float[]> fill(FlatIndex index, SplittableRandom random, int count) {
    Map<String, float[]> stored = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    float[][] vectors = TestVectors.random(random, count, index.dimension());
    for (int i = 0; i < count; i++) {
      String id = String.format("id-%05d", i);
      ids.add(id);
      stored.put(id, vectors[i]);
    }
    index.upsertAll(ids, vectors);
    return stored;
  }

  /** Hits agree with the double-precision ranking up to float rounding. */
  private static void assertMatchesBruteForce(
      List<SearchHit> hits, Map<String, float[]> stored, float[] query, int k) {
    List<SearchHit> expected = TestVectors.bruteForce(stored, query);
    int n = Math.min(k, expected.size());
    assertThat(hits).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(hits.get(i).score()).isCloseTo(expected.get(i).score(), within(1e-5f));
      double exact = TestVectors.cosine(stored.get(hits.get(i).id()), query);
      assertThat(hits.get(i).score()).isCloseTo((float) exact, within(1e-5f));
    }
    assertThat(hits).isSortedAccordingTo(SearchHit.BEST_FIRST);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 17, 511, 513, 2049})
  void singleQueriesReturnTheExactTopKForDimensionsThatAreNotMultiplesOfTheLaneCount(int dim) {
    SplittableRandom random = new SplittableRandom(dim);
    try (FlatIndex index = FlatIndex.builder(dim).threads(3).build()) {
      Map<String, float[]> stored = fill(index, random, 300);
      for (int q = 0; q < 5; q++) {
        float[] query = TestVectors.random(random, dim);
        assertMatchesBruteForce(index.search(query, 10), stored, query, 10);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 17, 511, 513, 2049})
  void batchedQueriesReturnExactlyWhatSingleQueriesReturn(int dim) {
    SplittableRandom random = new SplittableRandom(dim);
    try (FlatIndex index = FlatIndex.builder(dim).threads(2).build()) {
      fill(index, random, 301);
      float[][] queries = TestVectors.random(random, 9, dim);
      List<List<SearchHit>> batched = index.search(queries, 7, IdFilter.ALL);
      assertThat(batched).hasSize(9);
      for (int q = 0; q < queries.length; q++) {
        assertThat(batched.get(q)).isEqualTo(index.search(queries[q], 7));
      }
    }
  }

  @Test
  void scalarAndSimdIndexesReturnTheSameTopK() {
    SplittableRandom random = new SplittableRandom(7);
    int dim = 131;
    try (FlatIndex simd = FlatIndex.builder(dim).kernel(VectorKernels.panama()).build();
        FlatIndex scalar = FlatIndex.builder(dim).kernel(VectorKernels.scalar()).build()) {
      Map<String, float[]> stored = fill(simd, new SplittableRandom(1), 2000);
      scalar.upsertAll(new ArrayList<>(stored.keySet()), stored.values().toArray(float[][]::new));
      float[][] queries = TestVectors.random(random, 12, dim);
      for (float[] query : queries) {
        assertThat(scalar.search(query, 25)).isEqualTo(simd.search(query, 25));
      }
      assertThat(scalar.search(queries, 25, IdFilter.ALL))
          .isEqualTo(simd.search(queries, 25, IdFilter.ALL));
    }
  }

  @Test
  void splittingTheScanAcrossThreadsChangesNothing() {
    int dim = 512;
    try (FlatIndex one = FlatIndex.builder(dim).threads(1).build();
        FlatIndex four = FlatIndex.builder(dim).threads(4).build()) {
      Map<String, float[]> stored = fill(one, new SplittableRandom(3), 3000);
      four.upsertAll(new ArrayList<>(stored.keySet()), stored.values().toArray(float[][]::new));
      float[][] queries = TestVectors.random(new SplittableRandom(4), 6, dim);
      for (float[] query : queries) {
        assertThat(four.search(query, 15)).isEqualTo(one.search(query, 15));
      }
      assertThat(four.search(queries, 15, IdFilter.ALL))
          .isEqualTo(one.search(queries, 15, IdFilter.ALL));
    }
  }

  @Test
  void kLargerThanTheIndexReturnsEveryVectorBestFirst() {
    try (FlatIndex index = FlatIndex.builder(17).build()) {
      Map<String, float[]> stored = fill(index, new SplittableRandom(5), 12);
      float[] query = TestVectors.random(new SplittableRandom(6), 17);
      List<SearchHit> hits = index.search(query, 1000);
      assertMatchesBruteForce(hits, stored, query, 1000);
      assertThat(hits).hasSize(12);
      assertThat(index.search(new float[][] {query}, Integer.MAX_VALUE, IdFilter.ALL).get(0))
          .isEqualTo(hits);
    }
  }

  @Test
  void anEmptyIndexReturnsNoHits() {
    try (FlatIndex index = FlatIndex.builder(8).build()) {
      float[] query = TestVectors.random(new SplittableRandom(1), 8);
      assertThat(index.search(query, 5)).isEmpty();
      assertThat(index.search(new float[][] {query, query}, 5, IdFilter.ALL))
          .containsExactly(List.of(), List.of());
      assertThat(index.size()).isZero();
      assertThat(index.ids()).isEmpty();
    }
  }

  @Test
  void kOfZeroReturnsNoHits() {
    try (FlatIndex index = FlatIndex.builder(4).build()) {
      index.upsert("a", new float[] {1, 2, 3, 4});
      assertThat(index.search(new float[] {1, 2, 3, 4}, 0)).isEmpty();
    }
  }

  @Test
  void equalScoresAreOrderedById() {
    try (FlatIndex index = FlatIndex.builder(3).build()) {
      float[] v = {0.3f, -0.2f, 0.9f};
      for (String id : List.of("d", "b", "e", "a", "c")) {
        index.upsert(id, v);
      }
      index.upsert("far", new float[] {-1, 0, 0});
      List<SearchHit> hits = index.search(v, 3);
      assertThat(hits).extracting(SearchHit::id).containsExactly("a", "b", "c");
      assertThat(hits.get(0).score()).isEqualTo(hits.get(2).score());
    }
  }

  @Test
  void tiesAtTheCutOffKeepTheSmallestIdsAcrossThreads() {
    int dim = 512;
    try (FlatIndex index = FlatIndex.builder(dim).threads(4).build()) {
      float[] v = TestVectors.random(new SplittableRandom(9), dim);
      List<String> ids = new ArrayList<>();
      float[][] vectors = new float[4000][];
      for (int i = 0; i < vectors.length; i++) {
        // Reverse order so that the smallest ids sit in the last thread's range.
        ids.add(String.format("dup-%04d", vectors.length - 1 - i));
        vectors[i] = v;
      }
      index.upsertAll(ids, vectors);
      assertThat(index.search(v, 3)).extracting(SearchHit::id)
          .containsExactly("dup-0000", "dup-0001", "dup-0002");
    }
  }

  @Test
  void vectorsAreNormalisedSoScoresAreCosines() {
    try (FlatIndex index = FlatIndex.builder(2).build()) {
      index.upsert("x", new float[] {10, 0});
      index.upsert("diagonal", new float[] {3, 3});
      List<SearchHit> hits = index.search(new float[] {0.5f, 0}, 2);
      assertThat(hits.get(0)).isEqualTo(new SearchHit("x", 1f));
      assertThat(hits.get(1).score()).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
    }
  }

  @Test
  void upsertReplacesTheVectorStoredUnderAnId() {
    try (FlatIndex index = FlatIndex.builder(2).build()) {
      index.upsert("a", new float[] {1, 0});
      index.upsert("b", new float[] {0, 1});
      index.upsert("a", new float[] {-1, 0});
      assertThat(index.size()).isEqualTo(2);
      assertThat(index.search(new float[] {1, 0}, 2))
          .extracting(SearchHit::id).containsExactly("b", "a");
      assertThat(index.search(new float[] {1, 0}, 2).get(1).score()).isEqualTo(-1f);
    }
  }

  @Test
  void theSameIdTwiceInOneBatchKeepsTheLastVector() {
    try (FlatIndex index = FlatIndex.builder(2).build()) {
      index.upsertAll(List.of("a", "a"), new float[][] {{1, 0}, {0, 1}});
      assertThat(index.size()).isEqualTo(1);
      assertThat(index.search(new float[] {0, 1}, 5)).containsExactly(new SearchHit("a", 1f));
    }
  }

  @Test
  void deletedVectorsAreNeverReturned() {
    try (FlatIndex index = FlatIndex.builder(64).build()) {
      Map<String, float[]> stored = fill(index, new SplittableRandom(11), 100);
      for (int i = 0; i < 100; i += 3) {
        String id = String.format("id-%05d", i);
        assertThat(index.delete(id)).isTrue();
        stored.remove(id);
      }
      assertThat(index.delete("id-00000")).isFalse();
      assertThat(index.contains("id-00000")).isFalse();
      assertThat(index.contains("id-00001")).isTrue();
      assertThat(index.size()).isEqualTo(stored.size());
      assertThat(index.ids()).containsExactlyInAnyOrderElementsOf(stored.keySet());
      float[] query = TestVectors.random(new SplittableRandom(12), 64);
      assertMatchesBruteForce(index.search(query, 200), stored, query, 200);
    }
  }

  @Test
  void compactionKeepsEveryLiveVectorAndItsResults() {
    try (FlatIndex index = FlatIndex.builder(33).build()) {
      Map<String, float[]> stored = fill(index, new SplittableRandom(13), 2000);
      // Deleting 1200 of 2000 triggers automatic compaction on the way, and again explicitly.
      for (int i = 0; i < 1200; i++) {
        String id = String.format("id-%05d", i * 5 / 3);
        if (stored.remove(id) != null) {
          assertThat(index.delete(id)).isTrue();
        }
      }
      float[] query = TestVectors.random(new SplittableRandom(14), 33);
      List<SearchHit> before = index.search(query, 50);
      index.compact();
      assertThat(index.search(query, 50)).isEqualTo(before);
      assertMatchesBruteForce(before, stored, query, 50);
      index.upsert("new", query);
      assertThat(index.search(query, 1).get(0).id()).isEqualTo("new");
      assertThat(index.ids()).hasSize(stored.size() + 1);
    }
  }

  @Test
  void filtersRestrictHitsToAcceptedIds() {
    try (FlatIndex index = FlatIndex.builder(16).threads(2).build()) {
      Map<String, float[]> stored = fill(index, new SplittableRandom(15), 500);
      Set<String> allowed = Set.of("id-00007", "id-00100", "id-00499", "missing");
      float[] query = TestVectors.random(new SplittableRandom(16), 16);
      List<SearchHit> hits = index.search(query, 10, IdFilter.only(allowed));
      assertThat(hits).extracting(SearchHit::id)
          .containsExactlyInAnyOrder("id-00007", "id-00100", "id-00499");
      Map<String, float[]> allowedVectors = new LinkedHashMap<>();
      allowed.stream()
          .filter(stored::containsKey)
          .forEach(id -> allowedVectors.put(id, stored.get(id)));
      assertMatchesBruteForce(hits, allowedVectors, query, 10);

      List<SearchHit> others = index.search(query, 500, IdFilter.except(allowed));
      assertThat(others).hasSize(497)
          .extracting(SearchHit::id).doesNotContainAnyElementsOf(allowed);
      assertThat(index.search(new float[][] {query}, 10, IdFilter.only(allowed)).get(0))
          .isEqualTo(hits);
    }
  }

  @Test
  void wrongDimensionsAreRefusedWithAClearMessage() {
    try (FlatIndex index = FlatIndex.builder(3).build()) {
      assertThatThrownBy(() -> index.upsert("a", new float[] {1, 2}))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("'a'").hasMessageContaining("dimension 2")
          .hasMessageContaining("dimension 3");
      assertThatThrownBy(() -> index.search(new float[] {1, 2, 3, 4}, 1))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("query");
    }
  }

  @Test
  void zeroNanAndInfiniteVectorsAreRefused() {
    try (FlatIndex index = FlatIndex.builder(3).build()) {
      assertThatThrownBy(() -> index.upsert("zero", new float[3]))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("zeros");
      assertThatThrownBy(() -> index.upsert("nan", new float[] {1, Float.NaN, 0}))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("NaN");
      assertThatThrownBy(() -> index.upsert("inf", new float[] {Float.POSITIVE_INFINITY, 0, 0}))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("Infinity");
      assertThatThrownBy(() -> index.search(new float[3], 1))
          .isInstanceOf(InvalidInputException.class);
      assertThat(index.size()).isZero();
    }
  }

  @Test
  void aBatchWithOneBadVectorAddsNothing() {
    try (FlatIndex index = FlatIndex.builder(2).build()) {
      assertThatThrownBy(
              () -> index.upsertAll(List.of("ok", "bad"), new float[][] {{1, 0}, {0, 0}}))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("'bad'");
      assertThat(index.size()).isZero();
      assertThat(index.contains("ok")).isFalse();
    }
  }

  @Test
  void storedVectorsAreCopiesSoCallersMayReuseTheirArrays() {
    try (FlatIndex index = FlatIndex.builder(2).build()) {
      float[] v = {1, 0};
      index.upsert("a", v);
      v[0] = -1;
      assertThat(index.search(new float[] {1, 0}, 1).get(0).score()).isEqualTo(1f);
    }
  }

  @Test
  void aClosedIndexRefusesWork() {
    FlatIndex index = FlatIndex.builder(2).threads(2).build();
    index.close();
    index.close();
    assertThatThrownBy(() -> index.upsert("a", new float[] {1, 0}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> index.search(new float[] {1, 0}, 1))
        .isInstanceOf(IllegalStateException.class);
  }
}
