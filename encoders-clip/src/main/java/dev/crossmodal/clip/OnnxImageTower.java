package dev.crossmodal.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.image.PixelTensor;
import java.util.List;

/**
 * The vision tower of a Hugging Face / Optimum export ({@code onnx/vision_model.onnx}: {@code
 * pixel_values} float32 {@code [batch, 3, size, size]} in, {@code image_embeds} out).
 */
final class OnnxImageTower implements ImageTower {
  private final OnnxSession session;

  OnnxImageTower(OnnxSession session) {
    this.session = session;
    if (!session.inputNames().contains("pixel_values")) {
      throw new InvalidModelException(
          session.file() + " is not a CLIP vision model: no input 'pixel_values' (inputs: "
              + session.inputNames() + ")");
    }
  }

  @Override
  public float[][] run(List<PixelTensor> batch) {
    PixelTensor first = batch.get(0);
    int per = first.data().length;
    float[] pixels = new float[batch.size() * per];
    for (int i = 0; i < batch.size(); i++) {
      System.arraycopy(batch.get(i).data(), 0, pixels, i * per, per);
    }
    Shape shape = new Shape(batch.size(), first.channels(), first.height(), first.width());
    return session.run(
        manager -> {
          NDArray array = manager.create(pixels, shape);
          array.setName("pixel_values");
          return new NDList(array);
        },
        "image_embeds",
        batch.size());
  }

  @Override
  public void close() {
    session.close();
  }
}
