package dev.crossmodal.core.dataset;

import dev.crossmodal.core.Document;
import java.util.List;

/**
 * One image of a dataset with its captions, one text of a text-only dataset, or only the problems
 * found while reading it.
 *
 * @param image the image document, or {@code null} when the entry holds only texts or only
 *     reports problems (such as captions for an image file that does not exist)
 * @param captions caption documents, each tagged with {@link Document#TAG_IMAGE_ID}; or, without
 *     an image, the texts of a text-only dataset
 * @param problems rows or files of this entry that could not be used
 */
public record DatasetEntry(Document image, List<Document> captions, List<SkippedItem> problems) {
  /** Copies the lists, so an entry never changes. */
  public DatasetEntry {
    captions = List.copyOf(captions);
    problems = List.copyOf(problems);
  }

  /**
   * {@return an entry that only reports problems}
   *
   * @param problems the items of this entry that could not be read
   */
  public static DatasetEntry problemsOnly(List<SkippedItem> problems) {
    return new DatasetEntry(null, List.of(), problems);
  }

  /**
   * {@return an entry of a text-only dataset: one text, no image}
   *
   * @param text the text document
   */
  public static DatasetEntry text(Document text) {
    return new DatasetEntry(null, List.of(text), List.of());
  }

  /** {@return whether the entry has a usable image (its captions may still be used without it)} */
  public boolean hasImage() {
    return image != null;
  }
}
