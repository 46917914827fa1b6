package dev.crossmodal.core.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads datasets in one or more named layouts. Modules register an implementation in {@code
 * META-INF/services/dev.crossmodal.core.dataset.DatasetProvider}; {@link DatasetFormats} finds it
 * by format name. The {@code crossmodal-datasets} artifact provides {@code flickr8k}, {@code
 * karpathy}, {@code folder} and more.
 *
 * <pre>{@code
 * public final class MyFormats implements DatasetProvider {
 *   public List<String> formats() { return List.of("my-layout"); }
 *   public Dataset open(String format, Path dir, String split) { return new MyDataset(dir); }
 * }
 * }</pre>
 */
public interface DatasetProvider {

  /** {@return the format names this provider reads, as users type them ({@code --format})} */
  List<String> formats();

  /**
   * Opens {@code dir} as a dataset of the given format.
   *
   * @return the dataset, read lazily; close it when done
   * @param format one of {@link #formats()}
   * @param dir the dataset folder (or file, where the format allows it)
   * @param split a named subset where the format has splits, or {@code null} for all of it
   * @throws dev.crossmodal.core.InvalidInputException if {@code dir} is not in the format's layout
   *     or the format has no such split
   */
  Dataset open(String format, Path dir, String split);
}
