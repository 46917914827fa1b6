package dev.crossmodal.core;

import dev.crossmodal.core.dataset.SkippedItem;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one indexing run did.
 *
 * @param indexed documents newly encoded and stored in this run, per modality
 * @param alreadyPresent documents found in the workspace already and left alone
 * @param skipped items that could not be used, with the reason
 * @param elapsed wall time of the run
 * @param interrupted whether the run was cancelled before the end (what was done is committed)
 */
public record IndexReport(
    Map<Modality, Long> indexed,
    long alreadyPresent,
    List<SkippedItem> skipped,
    Duration elapsed,
    boolean interrupted) {
  /** Copies the collections, so a report never changes. */
  public IndexReport {
    indexed = Map.copyOf(indexed);
    skipped = List.copyOf(skipped);
  }

  /**
   * Newly indexed documents of one modality.
   *
   * @param modality the modality counted
   * @return how many documents of {@code modality} were newly indexed
   */
  public long indexed(Modality modality) {
    return indexed.getOrDefault(modality, 0L);
  }
}
