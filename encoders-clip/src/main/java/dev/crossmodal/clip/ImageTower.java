package dev.crossmodal.clip;

import dev.crossmodal.image.PixelTensor;
import java.util.List;

/** CLIP's vision transformer on some engine: pixel tensors in, unnormalised projected features out. */
interface ImageTower extends AutoCloseable {

  /** Runs one batch of {@code [3, size, size]} tensors. */
  float[][] run(List<PixelTensor> batch);

  @Override
  void close();
}
