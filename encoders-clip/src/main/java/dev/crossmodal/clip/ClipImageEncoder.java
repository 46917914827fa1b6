package dev.crossmodal.clip;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.StagedEncoder;
import dev.crossmodal.core.image.ImageTransform;
import dev.crossmodal.core.image.PixelTensor;
import java.util.List;

/**
 * CLIP's image encoder: decoding and openai's {@code _transform} ({@link ImageTransform}) on
 * pipeline threads, the vision tower in batches of at most {@code batchSize}.
 *
 * <p>Obtained from {@link ClipModel#encoder(Modality)}; thread-safe.
 */
final class ClipImageEncoder implements StagedEncoder<PixelTensor> {
  private final ImageTransform transform;
  private final ImageTower tower;
  private final int dimension;
  private final int batchSize;

  ClipImageEncoder(ImageTransform transform, ImageTower tower, int dimension, int batchSize) {
    this.transform = transform;
    this.tower = tower;
    this.dimension = dimension;
    this.batchSize = batchSize;
  }

  /** The pre-processing this encoder applies, as read from the model's files. */
  ImageTransform transform() {
    return transform;
  }

  @Override
  public Modality modality() {
    return Modality.IMAGE;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public PixelTensor prepare(Document document) {
    if (document.modality().contentKind() != Modality.ContentKind.IMAGE) {
      throw new InvalidInputException(
          "document " + document.id() + " is " + document.modality() + ", not an image");
    }
    return transform.apply(document.image());
  }

  @Override
  public float[][] encodePrepared(List<PixelTensor> prepared) {
    int size = transform.cropSize();
    for (PixelTensor p : prepared) {
      if (p.channels() != 3 || p.height() != size || p.width() != size) {
        throw new InvalidInputException(
            "pixel tensor [" + p.channels() + "," + p.height() + "," + p.width()
                + "] does not match the model input [3," + size + "," + size + "]");
      }
    }
    int n = prepared.size();
    float[][] out = new float[n][];
    for (int start = 0; start < n; start += batchSize) {
      List<PixelTensor> batch = prepared.subList(start, Math.min(n, start + batchSize));
      float[][] features = Vectors.normalizeRows(tower.run(batch));
      System.arraycopy(features, 0, out, start, features.length);
    }
    return out;
  }

  @Override
  public void close() {
    // The model owns the tower and closes it.
  }
}
