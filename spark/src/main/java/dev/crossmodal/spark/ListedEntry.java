package dev.crossmodal.spark;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.dataset.DatasetEntry;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One dataset entry (an image and its captions) as the driver hands it to executors: locations and
 * texts only, never pixels. An image travels with its captions so that an executor that cannot
 * decode it leaves its captions out, as {@code index} does. Public only because Spark's Java
 * serialisation encoder requires it; not part of the API.
 *
 * @param image the image
 * @param captions its captions
 */
public record ListedEntry(Item image, List<Item> captions) implements Serializable {

  /**
   * One document in serialisable form.
   *
   * @param id document id
   * @param modality modality name
   * @param uri image location, or null for text
   * @param text text, or null for an image
   * @param tags document tags
   */
  public record Item(String id, String modality, String uri, String text, Map<String, String> tags)
      implements Serializable {
    static Item of(Document document) {
      boolean image = document.modality().contentKind() == Modality.ContentKind.IMAGE;
      return new Item(
          document.id(),
          document.modality().name(),
          image ? VectorTable.uriOf(document.image()) : null,
          image ? null : document.text(),
          Map.copyOf(document.tags()));
    }

    Document toDocument() {
      return VectorTable.document(id, modality, uri, text, tags);
    }
  }

  static ListedEntry of(DatasetEntry entry) {
    return new ListedEntry(
        Item.of(entry.image()), entry.captions().stream().map(Item::of).toList());
  }
}
