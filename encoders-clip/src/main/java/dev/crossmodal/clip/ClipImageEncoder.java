package dev.crossmodal.clip;

import dev.crossmodal.core.Modality;
import dev.crossmodal.image.ImageTensorEncoder;
import dev.crossmodal.image.ImageTransform;
import dev.crossmodal.image.PixelTensor;
import java.util.List;

/**
 * CLIP's image encoder: decoding and openai's {@code _transform} ({@link ImageTransform}) on
 * pipeline threads, the vision tower in batches of at most {@code batchSize}.
 *
 * <p>Obtained from {@link ClipModel#encoder(Modality)}; thread-safe.
 */
final class ClipImageEncoder extends ImageTensorEncoder {
  private final ImageTower tower;

  ClipImageEncoder(ImageTransform transform, ImageTower tower, int dimension, int batchSize) {
    super(transform, dimension, batchSize);
    this.tower = tower;
  }

  @Override
  protected float[][] infer(List<PixelTensor> batch) {
    return tower.run(batch);
  }

  @Override
  public void close() {
    // The model owns the tower and closes it.
  }
}
