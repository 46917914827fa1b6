package dev.crossmodal.clip;

import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.image.PixelBatches;
import dev.crossmodal.image.PixelTensor;
import java.util.List;

/**
 * The text tower of a Hugging Face / Optimum export: {@code input_ids} and, when the graph has
 * them, {@code attention_mask} / {@code token_type_ids} (int64 {@code [batch, seq]}) in, one named
 * output read. CLIP's {@code text_model.onnx} gives {@code text_embeds} and takes rows trimmed to
 * the batch's longest text (its causal mask makes that exact); SigLIP's gives {@code
 * pooler_output} and must be fed the full padded rows, because it pools the last position. A graph
 * with both towers also gets a placeholder image.
 */
final class OnnxTextTower implements TextTower {
  private final OnnxSession session;
  private final String output;
  private final boolean trimRows;
  /**
   * The placeholder image, stacked once for the tower's life: every call wraps the same buffer,
   * which ONNX Runtime only reads. Null when the graph takes no image.
   */
  private final PixelBatches.Lease placeholderPixels;

  /** CLIP's {@code text_model.onnx}: {@code text_embeds}, rows trimmed. */
  OnnxTextTower(OnnxSession session) {
    this(session, "text_embeds", true, null);
  }

  /**
   * @param output the output holding the text embeddings
   * @param trimRows whether rows may be cut to the batch's longest text (only when the graph
   *     masks padding or cannot see it)
   * @param placeholderImage fed as {@code pixel_values} when the graph has that input too
   */
  OnnxTextTower(OnnxSession session, String output, boolean trimRows, PixelTensor placeholderImage) {
    this.session = session;
    this.output = output;
    this.trimRows = trimRows;
    List<String> inputs = session.inputNames();
    if (!inputs.contains("input_ids")) {
      throw new InvalidModelException(
          session.file() + " is not a text model: no input 'input_ids' (inputs: " + inputs + ")");
    }
    OnnxFeeds.requireKnownInputs(session.file(), inputs);
    if (inputs.contains("pixel_values") && placeholderImage == null) {
      throw new InvalidModelException(
          session.file() + " also takes pixel_values, but no placeholder image was configured");
    }
    this.placeholderPixels =
        placeholderImage == null ? null : new PixelBatches(0).stack(List.of(placeholderImage));
  }

  @Override
  public boolean acceptsTrimmedRows() {
    return trimRows;
  }

  @Override
  public float[][] run(List<TokenIds> batch) {
    return session.run(
        manager -> {
          OnnxFeeds feeds = new OnnxFeeds(manager).tokens(batch, trimRows);
          if (placeholderPixels != null) {
            feeds.pixels(placeholderPixels);
          }
          return feeds.forGraph(session.inputNames());
        },
        output,
        batch.size());
  }

  @Override
  public void close() {
    session.close();
    if (placeholderPixels != null) {
      placeholderPixels.close();
    }
  }
}
