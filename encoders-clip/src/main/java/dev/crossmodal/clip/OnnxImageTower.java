package dev.crossmodal.clip;

import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.image.PixelBatches;
import dev.crossmodal.image.PixelTensor;
import java.util.List;

/**
 * The vision tower of a Hugging Face / Optimum export: {@code pixel_values} float32 {@code [batch,
 * 3, height, width]} in, one named output read ({@code image_embeds} for CLIP and Chinese-CLIP,
 * {@code pooler_output} for SigLIP). A graph with both towers also gets a placeholder text.
 */
final class OnnxImageTower implements ImageTower {
  private final OnnxSession session;
  private final String output;
  private final TokenIds placeholderText;
  private final boolean trimPlaceholder;
  /** Two: the batch being encoded and one being stacked by another caller at the same time. */
  private final PixelBatches pixelBatches = new PixelBatches(2);

  /** CLIP's {@code vision_model.onnx}: {@code image_embeds}. */
  OnnxImageTower(OnnxSession session) {
    this(session, "image_embeds", null, true);
  }

  /**
   * @param output the output holding the image embeddings
   * @param placeholderText fed as {@code input_ids} (with its mask) when the graph has that input
   * @param trimPlaceholder whether the placeholder may be cut to its unpadded length
   */
  OnnxImageTower(
      OnnxSession session, String output, TokenIds placeholderText, boolean trimPlaceholder) {
    this.session = session;
    this.output = output;
    this.placeholderText = placeholderText;
    this.trimPlaceholder = trimPlaceholder;
    List<String> inputs = session.inputNames();
    if (!inputs.contains("pixel_values")) {
      throw new InvalidModelException(
          session.file() + " is not a vision model: no input 'pixel_values' (inputs: " + inputs + ")");
    }
    OnnxFeeds.requireKnownInputs(session.file(), inputs);
    if (inputs.contains("input_ids") && placeholderText == null) {
      throw new InvalidModelException(
          session.file() + " also takes input_ids, but no placeholder text was configured");
    }
  }

  @Override
  public float[][] run(List<PixelTensor> batch) {
    // The session closes the tensors it made from the lease before it returns.
    try (PixelBatches.Lease pixels = pixelBatches.stack(batch)) {
      return session.run(
          manager -> {
            OnnxFeeds feeds = new OnnxFeeds(manager).pixels(pixels);
            if (placeholderText != null) {
              feeds.tokens(List.of(placeholderText), trimPlaceholder);
            }
            return feeds.forGraph(session.inputNames());
          },
          output,
          batch.size());
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
