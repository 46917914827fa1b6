package dev.crossmodal.core.dataset;

import java.util.stream.Stream;

/**
 * A collection of images and their captions, read from disk in a known layout.
 *
 * <p>Entries come in a stable order (the same on every run), with stable document ids, so that
 * {@code limit} and resumed indexing see the same items. Reading never fails for one bad row or
 * file: those are reported in {@link DatasetEntry#problems()}. Only an unusable dataset as a whole
 * (missing folder or caption file) throws, as {@link dev.crossmodal.core.InvalidInputException}.
 *
 * <pre>{@code
 * try (Stream<DatasetEntry> entries = Flickr8kDataset.kaggle(dir).entries()) {
 *   entries.limit(100).forEach(...);
 * }
 * }</pre>
 */
public interface Dataset {

  /** {@return a short description for logs, such as {@code flickr8k (data/flickr8k)}} */
  String name();

  /** {@return the entries, one per image; close the stream to release open files} */
  Stream<DatasetEntry> entries();
}
