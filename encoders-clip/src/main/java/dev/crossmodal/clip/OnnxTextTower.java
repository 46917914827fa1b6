package dev.crossmodal.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.TokenIds;
import java.util.List;

/**
 * The text tower of a Hugging Face / Optimum export ({@code onnx/text_model.onnx}: {@code
 * input_ids} and, when the graph has it, {@code attention_mask}, both int64 {@code [batch, seq]};
 * output {@code text_embeds}). The sequence axis is dynamic, so rows are trimmed to the batch's
 * longest caption; padding ids are 0 and masked out, as openai pads.
 */
final class OnnxTextTower implements TextTower {
  private final OnnxSession session;
  private final boolean hasAttentionMask;

  OnnxTextTower(OnnxSession session) {
    this.session = session;
    if (!session.inputNames().contains("input_ids")) {
      throw new InvalidModelException(
          session.file() + " is not a CLIP text model: no input 'input_ids' (inputs: "
              + session.inputNames() + ")");
    }
    this.hasAttentionMask = session.inputNames().contains("attention_mask");
  }

  @Override
  public boolean acceptsTrimmedRows() {
    return true;
  }

  @Override
  public float[][] run(List<TokenIds> batch) {
    int rows = batch.size();
    int length = 0;
    for (TokenIds t : batch) {
      length = Math.max(length, t.length());
    }
    long[] ids = new long[rows * length];
    long[] mask = new long[rows * length];
    for (int r = 0; r < rows; r++) {
      TokenIds t = batch.get(r);
      for (int c = 0; c < t.length(); c++) {
        ids[r * length + c] = t.ids()[c];
        mask[r * length + c] = 1;
      }
    }
    Shape shape = new Shape(rows, length);
    return session.run(
        manager -> {
          NDArray idArray = manager.create(ids, shape);
          idArray.setName("input_ids");
          if (!hasAttentionMask) {
            return new NDList(idArray);
          }
          NDArray maskArray = manager.create(mask, shape);
          maskArray.setName("attention_mask");
          return new NDList(idArray, maskArray);
        },
        "text_embeds",
        rows);
  }

  @Override
  public void close() {
    session.close();
  }
}
