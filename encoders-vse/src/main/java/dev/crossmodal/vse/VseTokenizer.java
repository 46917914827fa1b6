package dev.crossmodal.vse;

import dev.crossmodal.core.TokenIds;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a caption into VSE++ token ids as vsepp's data loader does: lower-case, NLTK word
 * tokenisation ({@link TreebankWordTokenizer}), one id per word from the {@link Vocabulary}
 * (unknown words get {@code <unk>}), wrapped in {@code <start>} ... {@code <end>}. Nothing is
 * truncated: the GRU reads captions of any length.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * VseTokenizer tokenizer = new VseTokenizer(Vocabulary.load(dir.resolve("vocab.json")));
 * TokenIds ids = tokenizer.encode("A dog's toy.");  // <start> a dog 's toy . <end>
 * }</pre>
 */
public final class VseTokenizer {
  private final TreebankWordTokenizer words = new TreebankWordTokenizer();
  private final Vocabulary vocabulary;

  /**
   * A tokenizer looking words up in {@code vocabulary}.
   *
   * @param vocabulary the model's vocabulary
   */
  public VseTokenizer(Vocabulary vocabulary) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
  }

  /**
   * {@return the words of a caption as the model sees them, before the id lookup}
   *
   * <p>An empty or blank caption has no words; it still encodes (to {@code <start> <end>}), as it
   * does in vsepp.
   *
   * @param text the caption
   */
  public List<String> words(String text) {
    // Python's str.lower(): full Unicode lower-casing, independent of the default locale.
    return words.tokenize(text.toLowerCase(Locale.ROOT));
  }

  /**
   * {@return the token ids of a caption, {@code <start>} and {@code <end>} included, without padding}
   *
   * @param text the caption
   */
  public TokenIds encode(String text) {
    List<String> tokens = words(text);
    int[] ids = new int[tokens.size() + 2];
    ids[0] = vocabulary.startId();
    for (int i = 0; i < tokens.size(); i++) {
      ids[i + 1] = vocabulary.id(tokens.get(i));
    }
    ids[ids.length - 1] = vocabulary.endId();
    return TokenIds.of(ids);
  }

  /** {@return the vocabulary words are looked up in} */
  public Vocabulary vocabulary() {
    return vocabulary;
  }
}
