package dev.crossmodal.testing;

import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.pipeline.InMemoryFileIndex;
import java.nio.file.Path;

/** The file-backed test index that workspace tests use keeps the contract too. */
class InMemoryFileIndexContractTest extends PersistentVectorIndexContract {
  @Override
  protected VectorIndex create(Path dir, int dimension) {
    return InMemoryFileIndex.factory().openOrCreate(dir.resolve("vectors.test"), dimension);
  }
}
