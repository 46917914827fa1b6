package dev.crossmodal.vse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.image.ImageTensorEncoder;
import dev.crossmodal.image.ImageTransform;
import dev.crossmodal.image.PixelBatches;
import dev.crossmodal.image.PixelTensor;
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
public final class VseImageEncoder extends ImageTensorEncoder {
  static final List<String> INPUTS = List.of("images");

  private final OnnxEncoderSession session;
  private final PixelBatches pixelBatches = new PixelBatches(2);

  VseImageEncoder(OnnxEncoderSession session, ImageTransform transform, int dimension) {
    // The whole call is one batch, as vsepp's evaluation runs it.
    super(transform, dimension, Integer.MAX_VALUE);
    this.session = session;
  }

  @Override
  protected float[][] infer(List<PixelTensor> prepared) {
    int rows = prepared.size();
    float[][] vectors;
    // Stacked once into a reused direct buffer that ONNX Runtime reads in place; the session
    // closes the tensor made from it before it returns.
    try (PixelBatches.Lease batch = pixelBatches.stack(prepared)) {
      vectors = session.run(
          manager -> {
            NDArray images = manager.create(batch.floats(), new Shape(batch.shape()));
            images.setName(INPUTS.get(0));
            return new NDList(images);
          },
          "a batch of " + rows + " images");
    }
    if (vectors.length > 0 && vectors[0].length != dimension()) {
      throw new InvalidModelException(
          "image encoder " + session.file() + " gives " + vectors[0].length
              + "-d vectors but the text encoder gives " + dimension() + "-d ones");
    }
    return vectors;
  }

  @Override
  public void close() {
    session.close();
  }
}
