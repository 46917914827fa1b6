package dev.crossmodal.clip;

import dev.crossmodal.core.TokenIds;

/**
 * A model family's tokenizer: text in, the ids its text tower is fed out, padded as the reference
 * pads ({@link TokenIds#length()} counts the ids before padding). CLIP's is {@link ClipTokenizer};
 * SigLIP's and Chinese-CLIP's come from {@code tokenizer.json} ({@link HuggingFaceTextTokenizer}).
 */
interface TextTokenizer {

  /** Tokenises one text, special tokens included, truncated and padded to the context length. */
  TokenIds encode(String text);

  /**
   * How many ids every encoding has besides the text's own (CLIP's start and end tokens, BERT's
   * {@code [CLS]} and {@code [SEP]}, SigLIP's {@code </s>}): an encoding no longer than this is an
   * empty text.
   */
  int specialTokenCount();

  /** CLIP's BPE tokenizer, which adds a start and an end token. */
  static TextTokenizer of(ClipTokenizer clip) {
    return new TextTokenizer() {
      @Override
      public TokenIds encode(String text) {
        return clip.encode(text);
      }

      @Override
      public int specialTokenCount() {
        return 2;
      }
    };
  }
}
