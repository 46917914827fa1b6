package dev.crossmodal.clip;

import ai.djl.Device;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.ScoreCalibration;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.core.VectorNorms;
import dev.crossmodal.image.ImageTransform;
import dev.crossmodal.image.PixelBatches;
import dev.crossmodal.image.PixelTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads SigLIP's {@code exp(logit_scale)} and {@code logit_bias} off its published {@code
 * onnx/model.onnx}. The two scalars are weights of that graph, not of the split text and vision
 * graphs, and exporters may fold them into other constants, so rather than parse the file this
 * runs the graph on a few probe texts and images: its {@code logits_per_image} are exactly {@code
 * scale * cos + bias} of its own normalised embeddings, and a least-squares line through those
 * pairs gives both (to about 1e-5 of the logits).
 */
final class SigmoidCalibrationProbe {
  private static final Logger LOG = LoggerFactory.getLogger(SigmoidCalibrationProbe.class);
  private static final List<String> PROBE_TEXTS =
      List.of("", "a", "a photo of a dog", "two people walking on a beach at sunset", "0 1 2 3");

  private SigmoidCalibrationProbe() {}

  static Optional<ScoreCalibration> read(
      Path combined, Device device, TextTokenizer tokenizer, ImageTransform transform) {
    if (!Files.isRegularFile(combined)) {
      LOG.info("{} is absent: SigLIP's calibrated score is not available", combined);
      return Optional.empty();
    }
    List<TokenIds> texts = new ArrayList<>();
    for (String t : PROBE_TEXTS) {
      texts.add(tokenizer.encode(t));
    }
    List<PixelTensor> images = probeImages(transform.outputHeight(), transform.outputWidth());
    try (OnnxSession session = new OnnxSession(combined, device, 0)) {
      float[][] logits = run(session, texts, images, "logits_per_image", images.size());
      float[][] textEmbeds = run(session, texts, images, "text_embeds", texts.size());
      float[][] imageEmbeds = run(session, texts, images, "image_embeds", images.size());
      VectorNorms.normalizeRows(textEmbeds);
      VectorNorms.normalizeRows(imageEmbeds);
      int n = images.size() * texts.size();
      double[] x = new double[n];
      double[] y = new double[n];
      int k = 0;
      for (int i = 0; i < images.size(); i++) {
        for (int t = 0; t < texts.size(); t++, k++) {
          x[k] = VectorNorms.cosine(imageEmbeds[i], textEmbeds[t]);
          y[k] = logits[i][t];
        }
      }
      return Optional.of(fit(x, y, combined));
    }
  }

  /** The least-squares line {@code y = scale * x + bias}. */
  static ScoreCalibration.Sigmoid fit(double[] x, double[] y, Path source) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < x.length; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    if (sxx < 1e-10) {
      throw new InvalidModelException(
          source + ": the probe pairs all have the same cosine; cannot read logit_scale and logit_bias");
    }
    double scale = sxy / sxx;
    return new ScoreCalibration.Sigmoid(scale, my - scale * mx);
  }

  private static float[][] run(
      OnnxSession session, List<TokenIds> texts, List<PixelTensor> images, String output, int rows) {
    // Runs once, when the model loads: nothing to keep for later batches.
    try (PixelBatches.Lease pixels = new PixelBatches(0).stack(images)) {
      return session.run(
          manager -> new OnnxFeeds(manager).tokens(texts, false).pixels(pixels).forGraph(session.inputNames()),
          output,
          rows);
    }
  }

  /** A blank image and two smooth patterns in the normalised range, different enough to spread the cosines. */
  private static List<PixelTensor> probeImages(int height, int width) {
    List<PixelTensor> images = new ArrayList<>();
    for (int kind = 0; kind < 3; kind++) {
      float[] data = new float[3 * height * width];
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            double v =
                switch (kind) {
                  case 0 -> 0;
                  case 1 -> Math.sin((x + 2 * y) * 0.05 + c);
                  default -> Math.cos(x * 0.21 - y * 0.13 * (c + 1));
                };
            data[(c * height + y) * width + x] = (float) v;
          }
        }
      }
      images.add(new PixelTensor(data, 3, height, width));
    }
    return images;
  }
}
