package dev.crossmodal.core.fakes;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.DocumentStore;
import dev.crossmodal.core.Modality;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A document store in a synchronized map, for tests of what is built on top of stores. */
public final class InMemoryDocumentStore implements DocumentStore {
  private final Map<String, Document> documents = new LinkedHashMap<>();

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
  public synchronized void forEach(Consumer<Document> action) {
    documents.values().forEach(action);
  }

  @Override
  public void commit() {}

  @Override
  public void close() {}
}
