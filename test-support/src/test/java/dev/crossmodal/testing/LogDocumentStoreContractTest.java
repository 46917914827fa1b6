package dev.crossmodal.testing;

import dev.crossmodal.core.DocumentStore;
import dev.crossmodal.core.workspace.LogDocumentStore;
import java.nio.file.Path;

class LogDocumentStoreContractTest extends DocumentStoreContract {
  @Override
  protected DocumentStore open(Path dir) {
    return LogDocumentStore.open(dir.resolve("documents.log"));
  }

  @Override
  protected boolean persistent() {
    return true;
  }
}
