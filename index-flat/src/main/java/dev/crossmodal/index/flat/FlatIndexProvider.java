package dev.crossmodal.index.flat;

import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.VectorIndexProvider;

/**
 * Registers {@link FlatIndex} under the name {@code flat}, so that workspaces find it by the name
 * in their manifest.
 */
public final class FlatIndexProvider implements VectorIndexProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public FlatIndexProvider() {}

  @Override
  public String name() {
    return FlatIndexFactory.NAME;
  }

  @Override
  public VectorIndexFactory factory() {
    return FlatIndex.factory();
  }
}
