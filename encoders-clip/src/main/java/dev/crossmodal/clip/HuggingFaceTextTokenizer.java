package dev.crossmodal.clip;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.TokenIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A tokenizer described by a Hugging Face {@code tokenizer.json} (SigLIP's SentencePiece Unigram,
 * Chinese-CLIP's BERT WordPiece), run by the Rust {@code tokenizers} library through DJL: its
 * normalisers, pre-tokeniser, model and post-processor are the ones transformers runs. Texts are
 * truncated to the context length with the special tokens kept (as {@code truncation=True} does)
 * and padded to it with the model's pad id, since some towers (SigLIP's) pool a fixed position.
 *
 * <p>Holds a native tokenizer: close it. Thread-safe.
 */
final class HuggingFaceTextTokenizer implements TextTokenizer, AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final int contextLength;
  private final int padId;
  private final int specialTokens;

  /**
   * @param tokenizerJson the model's {@code tokenizer.json}
   * @param contextLength the length every encoding is truncated and padded to
   * @param padId the id padding is filled with
   */
  HuggingFaceTextTokenizer(Path tokenizerJson, int contextLength, int padId) {
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new InvalidModelException("tokenizer file " + tokenizerJson + " is missing");
    }
    if (contextLength < 2) {
      throw new InvalidModelException("context length must be at least 2, got " + contextLength);
    }
    try {
      this.tokenizer =
          HuggingFaceTokenizer.newInstance(
              tokenizerJson,
              Map.of(
                  "addSpecialTokens", "true",
                  "truncation", "true",
                  "padding", "false",
                  "maxLength", Integer.toString(contextLength)));
    } catch (IOException | RuntimeException e) {
      throw new InvalidModelException("cannot read tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
    }
    this.contextLength = contextLength;
    this.padId = padId;
    this.specialTokens = tokenizer.encode("").getIds().length;
  }

  /**
   * The id of a special token such as {@code </s>} or {@code [PAD]}, from {@code tokenizer.json}'s
   * {@code added_tokens}, or -1 when the file does not list it.
   */
  static int addedTokenId(Path tokenizerJson, String content) {
    try {
      JsonNode added = new ObjectMapper().readTree(tokenizerJson.toFile()).path("added_tokens");
      for (JsonNode token : added) {
        if (content.equals(token.path("content").asText(null))) {
          return token.path("id").asInt(-1);
        }
      }
      return -1;
    } catch (IOException e) {
      throw new InvalidModelException("cannot read " + tokenizerJson + ": " + e.getMessage(), e);
    }
  }

  @Override
  public TokenIds encode(String text) {
    Encoding encoding = tokenizer.encode(text);
    long[] ids = encoding.getIds();
    int length = Math.min(ids.length, contextLength);
    int[] padded = new int[contextLength];
    Arrays.fill(padded, padId);
    for (int i = 0; i < length; i++) {
      padded[i] = Math.toIntExact(ids[i]);
    }
    return new TokenIds(padded, length);
  }

  @Override
  public int specialTokenCount() {
    return specialTokens;
  }

  /** The length encodings are padded to. */
  int contextLength() {
    return contextLength;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
