package dev.crossmodal.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorNorms;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link VectorIndex} must do, as JUnit 5 tests: extend this class in your index's
 * tests and say how to create one. Indexes that store files extend {@link
 * PersistentVectorIndexContract} instead.
 *
 * <pre>{@code
 * class MyIndexContractTest extends VectorIndexContract {
 *   protected VectorIndex create(Path dir, int dimension) { return new MyIndex(dimension); }
 * }
 * }</pre>
 */
public abstract class VectorIndexContract {
  /** The dimension of the contract's vectors. */
  protected static final int DIM = 4;

  /** A folder the index may store its files in; empty before each test. */
  @TempDir protected Path dir;

  /** The index under test, from {@link #create}. */
  protected VectorIndex index;

  /** For the test class that says how to create the index. */
  protected VectorIndexContract() {}

  /**
   * Creates an empty index of {@code dimension}, storing its files (if any) under {@code dir}.
   *
   * @param dir a folder of the test's own
   * @param dimension the vector dimension
   * @return the index under test
   */
  protected abstract VectorIndex create(Path dir, int dimension);

  /** Creates the index under test. */
  @BeforeEach
  protected void createIndex() {
    index = create(dir, DIM);
  }

  /** Closes the index under test. */
  @AfterEach
  protected void closeIndex() {
    index.close();
  }

  @Test
  void anEmptyIndexHasTheDimensionAndNoVectors() {
    assertThat(index.dimension()).isEqualTo(DIM);
    assertThat(index.size()).isZero();
    assertThat(index.search(new float[] {1, 0, 0, 0}, 3)).isEmpty();
  }

  @Test
  void upsertStoresUnderTheIdAndReplacesTheSameId() {
    index.upsert("a", new float[] {1, 0, 0, 0});
    index.upsert("a", new float[] {0, 1, 0, 0});
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.contains("a")).isTrue();
    assertThat(index.ids()).containsExactly("a");
    assertThat(index.search(new float[] {0, 1, 0, 0}, 1).get(0).score()).isCloseTo(1f, within());
  }

  @Test
  void searchReturnsCosineScoresBestFirst() {
    float[] a = {1, 2, 0, 0};
    float[] b = {0, 1, 3, 0};
    float[] c = {-1, 0, 0, 1};
    index.upsertAll(List.of("a", "b", "c"), new float[][] {a, b, c});
    float[] query = {1, 1, 1, 0};
    List<SearchHit> hits = index.search(query, 3);
    assertThat(hits).extracting(SearchHit::id).containsExactly("a", "b", "c");
    assertThat(hits.get(0).score()).isCloseTo((float) VectorNorms.cosine(query, a), within());
    assertThat(hits.get(2).score()).isCloseTo((float) VectorNorms.cosine(query, c), within());
  }

  @Test
  void tiesAreBrokenById() {
    index.upsert("b", new float[] {1, 0, 0, 0});
    index.upsert("a", new float[] {2, 0, 0, 0});
    assertThat(index.search(new float[] {1, 0, 0, 0}, 2)).extracting(SearchHit::id).containsExactly("a", "b");
  }

  @Test
  void fewerHitsThanKWhenFewerVectorsPassTheFilter() {
    index.upsert("a", new float[] {1, 0, 0, 0});
    index.upsert("b", new float[] {0, 1, 0, 0});
    index.upsert("c", new float[] {0, 0, 1, 0});
    assertThat(index.search(new float[] {1, 1, 1, 1}, 10, IdFilter.only(Set.of("a", "c"))))
        .extracting(SearchHit::id).containsExactlyInAnyOrder("a", "c");
  }

  @Test
  void deleteRemovesAndSaysWhetherItWasPresent() {
    index.upsert("a", new float[] {1, 0, 0, 0});
    assertThat(index.delete("a")).isTrue();
    assertThat(index.delete("a")).isFalse();
    assertThat(index.contains("a")).isFalse();
    assertThat(index.size()).isZero();
    assertThat(index.search(new float[] {1, 0, 0, 0}, 1)).isEmpty();
  }

  @Test
  void batchSearchAnswersAsSingleSearches() {
    index.upsertAll(List.of("a", "b"), new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}});
    float[][] queries = {{1, 0.1f, 0, 0}, {0.1f, 1, 0, 0}};
    List<List<SearchHit>> batch = index.search(queries, 2, IdFilter.ALL);
    assertThat(batch.get(0)).extracting(SearchHit::id).isEqualTo(
        index.search(queries[0], 2).stream().map(SearchHit::id).toList());
    assertThat(batch.get(1)).extracting(SearchHit::id).isEqualTo(
        index.search(queries[1], 2).stream().map(SearchHit::id).toList());
  }

  @Test
  void aVectorOfTheWrongDimensionIsRefused() {
    assertThatThrownBy(() -> index.upsert("a", new float[] {1, 0, 0}))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void zeroAndNanVectorsAreRefused() {
    assertThatThrownBy(() -> index.upsert("z", new float[DIM])).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> index.upsert("n", new float[] {Float.NaN, 0, 0, 0}))
        .isInstanceOf(InvalidInputException.class);
    assertThat(index.size()).isZero();
  }

  /** {@return the tolerance of score comparisons: float kernels may sum in any order} */
  protected static org.assertj.core.data.Offset<Float> within() {
    return org.assertj.core.data.Offset.offset(1e-5f);
  }
}
