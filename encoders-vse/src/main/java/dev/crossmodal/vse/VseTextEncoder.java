package dev.crossmodal.vse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.crossmodal.core.BatchingEncoder;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.TokenIds;
import java.util.List;

/**
 * VSE++'s caption encoder: {@link VseTokenizer} ids, then word embedding, GRU and the output at
 * each caption's last word, L2-normalised ({@code text_encoder.onnx}). A batch of captions of
 * different lengths is padded with {@code <pad>} (0) and carries each caption's length, so every
 * caption gets the vector it gets alone.
 *
 * <p>Obtained from {@link VseModel#textEncoder()}; thread-safe.
 *
 * <pre>{@code
 * VseTextEncoder text = model.textEncoder();
 * TokenIds ids = text.prepare(Document.text("q", "a dog's toy"));
 * float[] vector = text.encodePrepared(List.of(ids))[0];
 * }</pre>
 */
public final class VseTextEncoder extends BatchingEncoder<TokenIds> {
  static final List<String> INPUTS = List.of("tokens", "lengths");

  private final OnnxEncoderSession session;
  private final VseTokenizer tokenizer;
  private final int dimension;

  VseTextEncoder(OnnxEncoderSession session, VseTokenizer tokenizer) {
    // Padding to the longest caption of the call costs little at VSE++'s caption lengths, so the
    // whole call is one batch.
    super(Modality.TEXT, Integer.MAX_VALUE);
    this.session = session;
    this.tokenizer = tokenizer;
    // DJL does not expose ONNX output shapes; one run on "<start> <end>" tells the width and
    // proves that the graph works.
    this.dimension = encodePrepared(List.of(tokenizer.encode("")))[0].length;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** {@return the tokenizer that turns captions into the model's token ids} */
  public VseTokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * Tokenises a text document. Empty and blank texts are valid: vsepp encodes them as {@code
   * <start> <end>}.
   */
  @Override
  protected TokenIds prepareContent(Document document) {
    return tokenizer.encode(document.text());
  }

  /**
   * Refuses token ids without even {@code <start>} (padding beyond {@link TokenIds#length()} is
   * ignored).
   */
  @Override
  protected void validate(int position, TokenIds ids) {
    if (ids.length() == 0) {
      throw new InvalidInputException(
          "token ids #" + position + " of the batch are empty: VSE++ needs at least <start>");
    }
  }

  @Override
  protected float[][] infer(List<TokenIds> prepared) {
    int rows = prepared.size();
    int width = 0;
    for (TokenIds ids : prepared) {
      width = Math.max(width, ids.length());
    }
    long[] tokens = new long[rows * width]; // zero is <pad>
    long[] lengths = new long[rows];
    for (int r = 0; r < rows; r++) {
      TokenIds ids = prepared.get(r);
      lengths[r] = ids.length();
      for (int i = 0; i < ids.length(); i++) {
        tokens[r * width + i] = ids.ids()[i];
      }
    }
    int batchWidth = width;
    return session.run(
        manager -> {
          NDArray tokenArray = manager.create(tokens, new Shape(rows, batchWidth));
          tokenArray.setName(INPUTS.get(0));
          NDArray lengthArray = manager.create(lengths, new Shape(rows));
          lengthArray.setName(INPUTS.get(1));
          return new NDList(tokenArray, lengthArray);
        },
        "a batch of " + rows + " captions");
  }

  @Override
  public void close() {
    session.close();
  }
}
