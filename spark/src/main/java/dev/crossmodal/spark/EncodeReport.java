package dev.crossmodal.spark;

import dev.crossmodal.core.dataset.SkippedItem;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link SparkEncodeJob} wrote.
 *
 * @param images image rows written
 * @param texts text rows written
 * @param dimension the vector dimension
 * @param skipped items that were not encoded, with the reason
 * @param elapsed wall time of the job
 */
public record EncodeReport(long images, long texts, int dimension, List<SkippedItem> skipped, Duration elapsed) {
  /** Copies the skipped items, so a report never changes. */
  public EncodeReport {
    skipped = List.copyOf(skipped);
  }
}
