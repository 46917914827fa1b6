package dev.crossmodal.core.memory;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.DocumentStore;
import dev.crossmodal.core.Modality;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A {@link DocumentStore} that keeps documents only in memory, for tests and throw-away collections. */
public final class InMemoryDocumentStore implements DocumentStore {
  private final Map<String, Document> documents = new LinkedHashMap<>();

  /** An empty store. */
  public InMemoryDocumentStore() {}

  @Override
  public synchronized void putAll(Collection<Document> batch) {
    batch.forEach(d -> documents.put(d.id(), d));
  }

  @Override
  public synchronized Optional<Document> get(String id) {
    return Optional.ofNullable(documents.get(id));
  }

  @Override
  public synchronized boolean contains(String id) {
    return documents.containsKey(id);
  }

  @Override
  public synchronized boolean delete(String id) {
    return documents.remove(id) != null;
  }

  @Override
  public synchronized long count(Modality modality) {
    return documents.values().stream().filter(d -> d.modality().equals(modality)).count();
  }

  @Override
  public void forEach(Consumer<Document> action) {
    List<Document> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(documents.values());
    }
    snapshot.forEach(action);
  }

  @Override
  public void commit() {}

  @Override
  public void close() {}
}
