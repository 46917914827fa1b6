package dev.crossmodal.core;

import java.nio.file.Path;

/**
 * Creates and opens the indexes of a workspace, so that the workspace does not depend on one
 * index implementation.
 *
 * <pre>{@code
 * VectorIndex images = FlatIndex.factory().openOrCreate(dir.resolve("vectors-image.flat"), 512);
 * }</pre>
 */
public interface VectorIndexFactory {

  /** {@return a short name recorded in the workspace manifest, such as {@code flat}} */
  String name();

  /**
   * Opens the index stored at {@code path}, or creates an empty one there if nothing is stored.
   *
   * @param path where the index is stored
   * @param dimension the vector dimension
   * @return the open index
   * @throws InvalidWorkspaceException if the stored index is damaged or of another dimension
   */
  VectorIndex openOrCreate(Path path, int dimension);
}
