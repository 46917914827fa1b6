package dev.crossmodal.clip;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.TokenIds;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    try (InputStream json = new ByteArrayInputStream(withSentencePieceStrip(tokenizerJson))) {
      this.tokenizer =
          HuggingFaceTokenizer.newInstance(
              json,
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
   * The file's bytes, with one fix for SentencePiece models (a {@code Precompiled} normaliser and a
   * {@code Unigram} model): SentencePiece strips the whitespace its charsmap leaves at either end
   * ({@code remove_extra_whitespaces}), but transformers' converter writes no step for it, so a text
   * that ends in a character the charsmap turns into a space (U+FEFF, U+200B) gets an extra {@code
   * ▁} piece from {@code tokenizer.json} and not from the sentencepiece tokenizer that SigLIP's
   * processor runs. A {@code Strip} normaliser appended after the charsmap restores
   * SentencePiece's result; every other file is passed on unchanged.
   */
  static byte[] withSentencePieceStrip(Path tokenizerJson) throws IOException {
    byte[] bytes = Files.readAllBytes(tokenizerJson);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode root = mapper.readTree(bytes);
    JsonNode normalizer = root.path("normalizer");
    if (!"Unigram".equals(root.path("model").path("type").asText())
        || !normalizer.isObject()
        || !"Sequence".equals(normalizer.path("type").asText())) {
      return bytes;
    }
    ArrayNode steps = (ArrayNode) normalizer.path("normalizers");
    int precompiled = -1;
    for (int i = 0; i < steps.size(); i++) {
      if ("Precompiled".equals(steps.get(i).path("type").asText())) {
        precompiled = i;
      }
    }
    if (precompiled < 0) {
      return bytes;
    }
    JsonNode last = steps.get(steps.size() - 1);
    if ("Strip".equals(last.path("type").asText())) {
      return bytes;
    }
    ObjectNode strip = steps.addObject();
    strip.put("type", "Strip");
    strip.put("strip_left", true);
    strip.put("strip_right", true);
    return mapper.writeValueAsBytes(root);
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
    // Counted from the mask, so that a tokenizer.json that pads by itself does not count its padding.
    int length = 0;
    for (long m : encoding.getAttentionMask()) {
      length += (int) m;
    }
    length = Math.min(length, contextLength);
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
