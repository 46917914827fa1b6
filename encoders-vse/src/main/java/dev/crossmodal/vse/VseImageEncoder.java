package dev.crossmodal.vse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.StagedEncoder;
import dev.crossmodal.core.image.ImageTransform;
import dev.crossmodal.core.image.PixelTensor;
import java.util.List;

/**
 * VSE++'s image encoder: vsepp's test transform (RGB, bilinear short side 256, centre crop 224,
 * ImageNet mean/std), then the CNN trunk, L2 norm, projection and L2 norm of {@code
 * image_encoder.onnx}.
 *
 * <p>Obtained from {@link VseModel#imageEncoder()}; thread-safe.
 *
 * <pre>{@code
 * VseImageEncoder images = model.imageEncoder();
 * PixelTensor pixels = images.prepare(Document.image("p", ImageSource.of(Path.of("dog.jpg"))));
 * float[] vector = images.encodePrepared(List.of(pixels))[0];
 * }</pre>
 */
public final class VseImageEncoder implements StagedEncoder<PixelTensor> {
  static final List<String> INPUTS = List.of("images");

  private final OnnxEncoderSession session;
  private final ImageTransform transform;
  private final int dimension;

  VseImageEncoder(OnnxEncoderSession session, ImageTransform transform, int dimension) {
    this.session = session;
    this.transform = transform;
    this.dimension = dimension;
  }

  @Override
  public Modality modality() {
    return Modality.IMAGE;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  public ImageTransform transform() {
    return transform;
  }

  /**
   * Decodes and transforms an image document.
   *
   * @throws InvalidInputException naming the document if it is not an image or cannot be decoded
   */
  @Override
  public PixelTensor prepare(Document document) {
    if (document.modality().contentKind() != Modality.ContentKind.IMAGE) {
      throw new InvalidInputException(
          "document " + document.id() + " is " + document.modality() + ", not an image");
    }
    return transform.apply(document.image());
  }

  /**
   * Encodes pixel tensors.
   *
   * @throws InvalidInputException if a tensor is not {@code [3, crop, crop]}
   */
  @Override
  public float[][] encodePrepared(List<PixelTensor> prepared) {
    if (prepared.isEmpty()) {
      return new float[0][];
    }
    int size = transform.cropSize();
    int sampleCount = 3 * size * size;
    float[] batch = new float[prepared.size() * sampleCount];
    for (int i = 0; i < prepared.size(); i++) {
      PixelTensor pixels = prepared.get(i);
      if (pixels.channels() != 3 || pixels.height() != size || pixels.width() != size) {
        throw new InvalidInputException(
            "pixel tensor #" + i + " of the batch is [" + pixels.channels() + "," + pixels.height()
                + "," + pixels.width() + "], VSE++ needs [3," + size + "," + size + "]");
      }
      System.arraycopy(pixels.data(), 0, batch, i * sampleCount, sampleCount);
    }
    int rows = prepared.size();
    float[][] vectors = session.run(
        manager -> {
          NDArray images = manager.create(batch, new Shape(rows, 3, size, size));
          images.setName(INPUTS.get(0));
          return new NDList(images);
        },
        "a batch of " + rows + " images");
    if (vectors.length > 0 && vectors[0].length != dimension) {
      throw new InvalidModelException(
          "image encoder " + session.file() + " gives " + vectors[0].length
              + "-d vectors but the text encoder gives " + dimension + "-d ones");
    }
    return vectors;
  }

  @Override
  public void close() {
    session.close();
  }
}
