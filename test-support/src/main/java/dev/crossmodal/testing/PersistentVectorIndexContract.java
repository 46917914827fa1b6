package dev.crossmodal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorIndexContract} for indexes that store files: {@link #create} opens what is stored
 * under {@code dir} (or creates an empty index there), and what was committed is there after
 * reopening.
 *
 * <pre>{@code
 * class FlatIndexContractTest extends PersistentVectorIndexContract {
 *   protected VectorIndex create(Path dir, int dimension) {
 *     return FlatIndex.factory().openOrCreate(dir.resolve("vectors.flat"), dimension);
 *   }
 * }
 * }</pre>
 */
public abstract class PersistentVectorIndexContract extends VectorIndexContract {
  /** For the test class that says how to create and reopen the index. */
  protected PersistentVectorIndexContract() {}


  @Test
  void whatWasCommittedIsThereAfterReopening() {
    index.upsert("a", new float[] {1, 0, 0, 0});
    index.upsert("b", new float[] {0, 1, 0, 0});
    index.delete("b");
    index.commit();
    index.close();
    index = create(dir, DIM);
    assertThat(index.ids()).containsExactly("a");
    assertThat(index.search(new float[] {1, 0, 0, 0}, 2)).extracting(SearchHit::id).containsExactly("a");
  }

  @Test
  void reopeningTwiceWithoutChangesKeepsTheVectors() {
    index.upsert("a", new float[] {0, 0, 1, 0});
    index.commit();
    index.close();
    index = create(dir, DIM);
    index.commit();
    index.close();
    index = create(dir, DIM);
    assertThat(index.size()).isEqualTo(1);
  }

  /**
   * Reopens the index under test; for subclasses adding their own persistence tests.
   *
   * @return the index under test, opened again from its files
   */
  protected VectorIndex reopen() {
    index.close();
    index = create(dir, DIM);
    return index;
  }
}
