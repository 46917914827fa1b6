package dev.crossmodal.core;

import java.util.Optional;
import java.util.Set;

/**
 * How many matches a search returns, the lowest score worth returning, and which modality to
 * search. Immutable; each {@code with} method returns a copy.
 *
 * <pre>{@code
 * SearchOptions options = SearchOptions.top(10).withMinScore(0.25f).withModality(Modality.IMAGE);
 * List<Match> photos = index.searchText("a red car", options);
 * }</pre>
 *
 * @param k the largest number of matches, 1 to {@value dev.crossmodal.core.pipeline.Searcher#MAX_K}
 * @param minScore matches scoring below this are dropped; {@code -1} keeps all
 * @param modality the modality to search, or {@code null} for the method's own default
 */
public record SearchOptions(int k, float minScore, Modality modality) {
  /** Checks {@code k} and the minimum score. */
  public SearchOptions {
    if (k < 1 || k > dev.crossmodal.core.pipeline.Searcher.MAX_K) {
      throw new InvalidInputException(
          "top-k must be between 1 and " + dev.crossmodal.core.pipeline.Searcher.MAX_K + ", got " + k);
    }
    if (Float.isNaN(minScore)) {
      throw new InvalidInputException("minimum score must be a number");
    }
  }

  /**
   * {@return the {@code k} best matches, whatever their score, in the method's default modality}
   *
   * @param k how many matches at most
   */
  public static SearchOptions top(int k) {
    return new SearchOptions(k, -1f, null);
  }

  /**
   * {@return a copy that drops matches scoring below {@code score}}
   *
   * @param score the least score kept
   */
  public SearchOptions withMinScore(float score) {
    return new SearchOptions(k, score, modality);
  }

  /**
   * {@return a copy that searches {@code target} instead of the method's default modality}
   *
   * @param target the modality searched
   */
  public SearchOptions withModality(Modality target) {
    return new SearchOptions(k, minScore, target);
  }

  /** {@return the modality to search, if one was chosen} */
  public Optional<Modality> targetModality() {
    return Optional.ofNullable(modality);
  }

  Set<Modality> targets(Modality fallback) {
    return Set.of(modality != null ? modality : fallback);
  }
}
