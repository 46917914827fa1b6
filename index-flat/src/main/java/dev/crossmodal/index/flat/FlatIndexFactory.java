package dev.crossmodal.index.flat;

import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorIndexFactory;
import java.nio.file.Path;

/**
 * Opens file-backed {@link FlatIndex}es for a workspace; see {@link FlatIndex#factory()}.
 *
 * <pre>{@code
 * VectorIndex index = FlatIndex.factory().openOrCreate(dir.resolve("images.cmx"), 512);
 * }</pre>
 */
final class FlatIndexFactory implements VectorIndexFactory {
  /** The name recorded in workspace manifests. */
  static final String NAME = "flat";

  private final int threads;

  FlatIndexFactory(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public VectorIndex openOrCreate(Path path, int dimension) {
    return FlatIndex.builder(dimension).threads(threads).file(path).build();
  }
}
