package dev.crossmodal.testing;

import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.memory.InMemoryVectorIndex;
import java.nio.file.Path;

class InMemoryVectorIndexContractTest extends VectorIndexContract {
  @Override
  protected VectorIndex create(Path dir, int dimension) {
    return new InMemoryVectorIndex(dimension);
  }
}
