package dev.crossmodal.vse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.InvalidModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A VSE++ word vocabulary: word to id, as vsepp's pickled {@code Vocabulary} holds it, read from
 * {@code vocab.json} ({@code {"<pad>": 0, "<start>": 1, "<end>": 2, "<unk>": 3, "a": 4, ...}}).
 * Words missing from it map to the id of {@code <unk>}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Vocabulary vocabulary = Vocabulary.load(Path.of("models/vse/vocab.json"));
 * int dog = vocabulary.id("dog");
 * }</pre>
 */
public final class Vocabulary {
  /** The padding word. */
  public static final String PAD = "<pad>";
  /** The word every caption starts with. */
  public static final String START = "<start>";
  /** The word every caption ends with. */
  public static final String END = "<end>";
  /** The word standing for any word not in the vocabulary. */
  public static final String UNKNOWN = "<unk>";

  private final Map<String, Integer> ids;
  private final int startId;
  private final int endId;
  private final int unknownId;

  private Vocabulary(Map<String, Integer> ids, String origin) {
    this.ids = Map.copyOf(ids);
    this.startId = required(START, origin);
    this.endId = required(END, origin);
    this.unknownId = required(UNKNOWN, origin);
  }

  /**
   * Builds a vocabulary from a word-to-id map.
   *
   * @param wordIds word to id
   * @return the vocabulary
   * @throws InvalidModelException if {@code <start>}, {@code <end>} or {@code <unk>} is missing,
   *     or an id is negative
   */
  public static Vocabulary of(Map<String, Integer> wordIds) {
    return new Vocabulary(checked(wordIds, "vocabulary"), "vocabulary");
  }

  /**
   * Reads {@code vocab.json}: one JSON object from word to non-negative integer id.
   *
   * @param file the {@code vocab.json} file
   * @return the vocabulary
   * @throws InvalidModelException naming the file if it cannot be read, is not such an object, or
   *     lacks one of the special words
   */
  public static Vocabulary load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new InvalidModelException(
          "VSE++ vocabulary " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidModelException("cannot read VSE++ vocabulary " + file + ": " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidModelException(
          "VSE++ vocabulary " + file + " must be a JSON object from word to id");
    }
    Map<String, Integer> wordIds = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode id = field.getValue();
      if (!id.canConvertToInt() || !id.isIntegralNumber()) {
        throw new InvalidModelException(
            "VSE++ vocabulary " + file + ": id of '" + field.getKey() + "' is not an integer: "
                + id);
      }
      wordIds.put(field.getKey(), id.intValue());
    }
    return new Vocabulary(checked(wordIds, file.toString()), file.toString());
  }

  private static Map<String, Integer> checked(Map<String, Integer> wordIds, String origin) {
    for (Map.Entry<String, Integer> entry : wordIds.entrySet()) {
      if (entry.getValue() == null || entry.getValue() < 0) {
        throw new InvalidModelException(
            "VSE++ vocabulary " + origin + ": id of '" + entry.getKey() + "' must be >= 0, got "
                + entry.getValue());
      }
    }
    return wordIds;
  }

  private int required(String word, String origin) {
    Integer id = ids.get(word);
    if (id == null) {
      throw new InvalidModelException(
          "VSE++ vocabulary " + origin + " has no entry for the special word " + word);
    }
    return id;
  }

  /**
   * {@return the id of a word, or of {@code <unk>} if the word is not in the vocabulary}
   *
   * @param word a word as the tokenizer produced it
   */
  public int id(String word) {
    return ids.getOrDefault(word, unknownId);
  }

  /**
   * {@return whether the word has an id of its own}
   *
   * @param word a word as the tokenizer produced it
   */
  public boolean contains(String word) {
    return ids.containsKey(word);
  }

  /** {@return the id of {@link #START}} */
  public int startId() {
    return startId;
  }

  /** {@return the id of {@link #END}} */
  public int endId() {
    return endId;
  }

  /** {@return the id of {@link #UNKNOWN}} */
  public int unknownId() {
    return unknownId;
  }

  /** {@return the number of words, special words included} */
  public int size() {
    return ids.size();
  }
}
