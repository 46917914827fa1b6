package dev.crossmodal.datasets;

import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The toy set bundled with the project in {@code data/toy/}: about twenty rendered scenes and
 * shapes ("a red circle on a blue background", "a house with a red roof", ...) with a few captions
 * each, in the Kaggle Flickr8k layout. It lets the whole pipeline run without downloading any data;
 * {@code tools/make_toy_dataset.py} regenerates it.
 *
 * <pre>{@code
 * Dataset toy = ToyDataset.of(ToyDataset.DEFAULT_DIR);
 * }</pre>
 */
public final class ToyDataset implements Dataset {
  /** Where the toy set lives, relative to the repository root. */
  public static final Path DEFAULT_DIR = Path.of("data", "toy");

  private final Flickr8kDataset delegate;

  private ToyDataset(Flickr8kDataset delegate) {
    this.delegate = delegate;
  }

  /**
   * Reads the toy set from {@code dir} ({@code images/} + {@code captions.txt}).
   *
   * @param dir the toy set's folder
   * @return the dataset
   * @throws dev.crossmodal.core.InvalidInputException if the folder or its captions file is missing
   */
  public static ToyDataset of(Path dir) {
    return new ToyDataset(Flickr8kDataset.kaggle("toy", dir));
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Stream<DatasetEntry> entries() {
    return delegate.entries();
  }
}
