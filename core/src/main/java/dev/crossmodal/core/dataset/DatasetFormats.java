package dev.crossmodal.core.dataset;

import dev.crossmodal.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens a dataset by format name through the {@link DatasetProvider}s on the class path.
 *
 * <pre>{@code
 * Dataset photos = DatasetFormats.open("flickr8k", Path.of("data/flickr8k"), null);
 * }</pre>
 */
public final class DatasetFormats {
  private DatasetFormats() {}

  /**
   * Opens {@code dir} as a dataset of {@code format}.
   *
   * @param format a format name, one of {@link #names()}
   * @param dir the dataset folder (or file, where the format allows it)
   * @return the dataset, read lazily; close it when done
   * @param split a named subset where the format has splits, or {@code null} for all of it
   * @throws InvalidInputException if no provider reads that format (the message lists those that
   *     do), or the provider refuses the folder
   */
  public static Dataset open(String format, Path dir, String split) {
    List<String> available = new ArrayList<>();
    for (DatasetProvider provider : ServiceLoader.load(DatasetProvider.class)) {
      if (provider.formats().contains(format)) {
        return provider.open(format, dir, split);
      }
      available.addAll(provider.formats());
    }
    throw new InvalidInputException("unknown dataset format '" + format + "'; "
        + (available.isEmpty()
            ? "no dataset formats are on the class path: add the crossmodal-datasets artifact"
            : "use one of " + available));
  }

  /** {@return every format name the providers on the class path read} */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    ServiceLoader.load(DatasetProvider.class).forEach(p -> names.addAll(p.formats()));
    return List.copyOf(names);
  }
}
