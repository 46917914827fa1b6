package dev.crossmodal.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Documents by id: what a search hit is turned back into. Implementations are thread-safe.
 *
 * <pre>{@code
 * store.putAll(batch);
 * store.commit();
 * Document doc = store.get("img-1").orElseThrow();
 * }</pre>
 */
public interface DocumentStore extends AutoCloseable {

  /**
   * Stores documents, replacing any with the same id.
   *
   * @param documents the documents to store
   */
  void putAll(Collection<Document> documents);

  /**
   * {@return the document stored under {@code id}, if any}
   *
   * @param id a document id
   */
  Optional<Document> get(String id);

  /**
   * {@return whether a document is stored under {@code id}}
   *
   * @param id a document id
   */
  boolean contains(String id);

  /**
   * Removes a document; returns whether it was present.
   *
   * @param id a document id
   * @return whether a document was stored under {@code id}
   */
  boolean delete(String id);

  /**
   * {@return the number of documents of one modality}
   *
   * @param modality the modality counted
   */
  long count(Modality modality);

  /**
   * Every stored document, in insertion order.
   *
   * @param action called once per document
   */
  void forEach(Consumer<Document> action);

  /**
   * {@return the stored documents for these ids, in the same order; unknown ids are skipped}
   *
   * @param ids the ids to look up
   */
  default List<Document> getAll(List<String> ids) {
    return ids.stream().map(this::get).flatMap(Optional::stream).toList();
  }

  /**
   * {@return the ids of the stored documents of {@code modality}, in insertion order} A store
   * that keeps documents on disk should override this to answer without reading them.
   *
   * @param modality the modality asked for
   */
  default List<String> ids(Modality modality) {
    List<String> ids = new ArrayList<>();
    forEach(document -> {
      if (document.modality().equals(modality)) {
        ids.add(document.id());
      }
    });
    return ids;
  }

  /** Makes every change so far durable. */
  void commit();

  @Override
  void close();
}
