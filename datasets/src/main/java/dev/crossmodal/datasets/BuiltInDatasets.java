package dev.crossmodal.datasets;

import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetProvider;
import java.nio.file.Path;
import java.util.List;

/**
 * Registers the formats of {@link Datasets} with core's {@link
 * dev.crossmodal.core.dataset.DatasetFormats}, so that code depending only on core (such as {@code
 * CrossModalIndex.addDataset}) opens them by name.
 */
public final class BuiltInDatasets implements DatasetProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public BuiltInDatasets() {}

  @Override
  public List<String> formats() {
    return Datasets.FORMATS;
  }

  @Override
  public Dataset open(String format, Path dir, String split) {
    return Datasets.open(format, dir, split);
  }
}
