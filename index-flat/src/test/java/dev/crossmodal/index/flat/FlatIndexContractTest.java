package dev.crossmodal.index.flat;

import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.testing.PersistentVectorIndexContract;
import dev.crossmodal.testing.VectorIndexContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The flat index keeps the VectorIndex contract, file-backed (as workspaces use it) and in memory. */
class FlatIndexContractTest extends PersistentVectorIndexContract {
  @Override
  protected VectorIndex create(Path dir, int dimension) {
    return new FlatIndexProvider().factory().openOrCreate(dir.resolve("vectors.flat"), dimension);
  }

  @Nested
  class InMemory extends VectorIndexContract {
    @Override
    protected VectorIndex create(Path dir, int dimension) {
      return FlatIndex.builder(dimension).build();
    }
  }
}
