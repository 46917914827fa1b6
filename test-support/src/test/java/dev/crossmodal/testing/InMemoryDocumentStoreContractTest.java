package dev.crossmodal.testing;

import dev.crossmodal.core.DocumentStore;
import dev.crossmodal.core.memory.InMemoryDocumentStore;
import java.nio.file.Path;

class InMemoryDocumentStoreContractTest extends DocumentStoreContract {
  @Override
  protected DocumentStore open(Path dir) {
    return new InMemoryDocumentStore();
  }
}
