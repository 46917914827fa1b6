package dev.crossmodal.eval;

import dev.crossmodal.core.dataset.SkippedItem;
import java.util.List;

/**
 * The outcome of a {@link RetrievalEvaluator} run.
 *
 * @param textToImage captions as queries, each with its image as the one positive
 * @param imageToText images as queries, each with all of its captions as positives
 * @param images the number of images evaluated (queries of {@code imageToText}, candidates of
 *     {@code textToImage})
 * @param texts the number of captions evaluated
 * @param skipped items left out because they could not be read or encoded
 */
public record RetrievalReport(
    RetrievalMetrics textToImage,
    RetrievalMetrics imageToText,
    int images,
    int texts,
    List<SkippedItem> skipped) {
  /** Copies the collections, so a report never changes. */
  public RetrievalReport {
    skipped = List.copyOf(skipped);
  }
}
