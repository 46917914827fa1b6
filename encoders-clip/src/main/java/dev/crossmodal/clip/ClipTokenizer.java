package dev.crossmodal.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.clip.text.HtmlUnescaper;
import dev.crossmodal.clip.text.TextFixer;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.TokenIds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * openai/CLIP's tokenizer ({@code simple_tokenizer.py}) in pure Java, giving the same ids for every
 * text: fixed as ftfy's {@code fix_text} does ({@link TextFixer}: mojibake, curly quotes, NFD
 * accents, fullwidth forms, ligatures, control characters...), HTML entities unescaped twice
 * (Python's {@code html.unescape}), whitespace collapsed, stripped and lower-cased, split with
 * CLIP's pattern, each piece's UTF-8 bytes mapped through the byte-to-unicode table and merged by
 * BPE rank with {@code </w>} on the last symbol, then wrapped in start/end tokens and zero-padded
 * to the context length (77). Longer texts are truncated with the end token kept last; no text is
 * refused.
 *
 * <p>The vocabulary comes from the BPE file that openai ships ({@link #bundled()}, inside this jar),
 * a Hugging Face {@code vocab.json} + {@code merges.txt} pair, or a {@code tokenizer.json}.
 * Instances are immutable apart from a bounded cache and are thread-safe.
 *
 * <pre>{@code
 * ClipTokenizer tokenizer = ClipTokenizer.bundled();
 * TokenIds ids = tokenizer.encode("A dog runs on the beach");   // 77 ids, ids.length() == 8
 * }</pre>
 */
public final class ClipTokenizer {
  /** openai/CLIP's context length. */
  public static final int CONTEXT_LENGTH = 77;

  static final String START_OF_TEXT = "<|startoftext|>";
  static final String END_OF_TEXT = "<|endoftext|>";

  private static final String BUNDLED_BPE = "bpe_simple_vocab_16e6.txt.gz";
  /** simple_tokenizer.py reads lines 1 .. 49152-256-2 of the BPE file: 48,894 merges. */
  private static final int OPENAI_MERGES = 49152 - 256 - 2;

  private static final int CACHE_LIMIT = 100_000;

  /**
   * CLIP's split pattern. Python's {@code regex} applies IGNORECASE to the negated class through
   * case folding, so U+0345 (which folds to the letter ι) matches no alternative and is dropped;
   * Java does not fold there, hence the explicit exclusion.
   */
  private static final Pattern PIECES =
      Pattern.compile(
          "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}\\x{345}]+",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

  /** Python's regex {@code \s}: the Unicode White_Space property. */
  private static final Pattern WHITESPACE_RUN =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private static final char[] BYTE_TO_UNICODE = bytesToUnicode();

  private static volatile ClipTokenizer bundled;

  private final Map<String, Integer> vocab;
  private final Map<String, Integer> mergeRanks;
  private final int startOfText;
  private final int endOfText;
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  private ClipTokenizer(Map<String, Integer> vocab, List<String[]> merges, String source) {
    this.vocab = vocab;
    this.mergeRanks = new HashMap<>(merges.size() * 2);
    for (int i = 0; i < merges.size(); i++) {
      mergeRanks.putIfAbsent(pairKey(merges.get(i)[0], merges.get(i)[1]), i);
    }
    Integer sot = vocab.get(START_OF_TEXT);
    Integer eot = vocab.get(END_OF_TEXT);
    if (sot == null || eot == null) {
      throw new InvalidModelException(
          source + ": vocabulary lacks " + START_OF_TEXT + " or " + END_OF_TEXT);
    }
    this.startOfText = sot;
    this.endOfText = eot;
  }

  /** {@return the tokenizer of openai/CLIP, from the BPE file bundled in this jar (loaded once)} */
  public static ClipTokenizer bundled() {
    ClipTokenizer t = bundled;
    if (t == null) {
      synchronized (ClipTokenizer.class) {
        t = bundled;
        if (t == null) {
          try (InputStream in = ClipTokenizer.class.getResourceAsStream(BUNDLED_BPE)) {
            if (in == null) {
              throw new InvalidModelException("resource " + BUNDLED_BPE + " is missing from the jar");
            }
            t = fromBpeStream(in, "bundled " + BUNDLED_BPE);
          } catch (IOException e) {
            throw new InvalidModelException("cannot read bundled " + BUNDLED_BPE, e);
          }
          bundled = t;
        }
      }
    }
    return t;
  }

  /**
   * Reads openai's gzipped BPE file ({@code bpe_simple_vocab_16e6.txt.gz}).
   *
   * @param gz openai's gzipped BPE merges file
   * @return the tokenizer
   */
  public static ClipTokenizer fromBpeFile(Path gz) {
    try (InputStream in = Files.newInputStream(gz)) {
      return fromBpeStream(in, gz.toString());
    } catch (IOException e) {
      throw new InvalidModelException("cannot read CLIP BPE file " + gz + ": " + e.getMessage(), e);
    }
  }

  private static ClipTokenizer fromBpeStream(InputStream in, String source) throws IOException {
    List<String[]> merges = new ArrayList<>(OPENAI_MERGES);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      reader.readLine(); // version header
      String line;
      while (merges.size() < OPENAI_MERGES && (line = reader.readLine()) != null) {
        merges.add(splitMerge(line, source));
      }
    }
    if (merges.size() < OPENAI_MERGES) {
      throw new InvalidModelException(
          source + ": expected " + OPENAI_MERGES + " merges, found " + merges.size());
    }
    // The vocabulary is derived, exactly as simple_tokenizer.py builds it.
    Map<String, Integer> vocab = new HashMap<>(OPENAI_MERGES * 2);
    // As in Python's dict(zip(vocab, range(len(vocab)))), a repeated string keeps its last index.
    char[] order = vocabularyOrder();
    int index = 0;
    for (char c : order) {
      vocab.put(String.valueOf(c), index++);
    }
    for (char c : order) {
      vocab.put(c + "</w>", index++);
    }
    for (String[] merge : merges) {
      vocab.put(merge[0] + merge[1], index++);
    }
    vocab.put(START_OF_TEXT, index++);
    vocab.put(END_OF_TEXT, index);
    return new ClipTokenizer(Map.copyOf(vocab), merges, source);
  }

  /**
   * Reads a Hugging Face {@code vocab.json} and {@code merges.txt} pair.
   *
   * @param vocabJson the token-to-id map
   * @param mergesTxt the BPE merges, in priority order
   * @return the tokenizer
   */
  public static ClipTokenizer fromVocabAndMerges(Path vocabJson, Path mergesTxt) {
    Map<String, Integer> vocab = new HashMap<>();
    try {
      JsonNode root = new ObjectMapper().readTree(vocabJson.toFile());
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        vocab.put(e.getKey(), e.getValue().asInt());
      }
    } catch (IOException e) {
      throw new InvalidModelException("cannot read vocabulary " + vocabJson + ": " + e.getMessage(), e);
    }
    List<String[]> merges = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(mergesTxt, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#version") || line.isBlank()) {
          continue;
        }
        merges.add(splitMerge(line, mergesTxt.toString()));
      }
    } catch (IOException e) {
      throw new InvalidModelException("cannot read merges " + mergesTxt + ": " + e.getMessage(), e);
    }
    return new ClipTokenizer(Map.copyOf(vocab), merges, vocabJson.toString());
  }

  /**
   * Reads the BPE model of a Hugging Face fast-tokenizer file: {@code model.vocab} and {@code
   * model.merges} (as {@code "a b"} strings or {@code ["a", "b"]} pairs).
   *
   * @param tokenizerJson a {@code tokenizer.json} file
   * @return the tokenizer
   */
  public static ClipTokenizer fromTokenizerJson(Path tokenizerJson) {
    JsonNode model;
    try {
      model = new ObjectMapper().readTree(tokenizerJson.toFile()).path("model");
    } catch (IOException e) {
      throw new InvalidModelException(
          "cannot read tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
    }
    if (!model.path("vocab").isObject() || !model.path("merges").isArray()) {
      throw new InvalidModelException(
          tokenizerJson + ": no BPE model (model.vocab and model.merges) in this tokenizer file");
    }
    Map<String, Integer> vocab = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = model.get("vocab").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      vocab.put(e.getKey(), e.getValue().asInt());
    }
    List<String[]> merges = new ArrayList<>();
    for (JsonNode merge : model.get("merges")) {
      if (merge.isArray() && merge.size() == 2) {
        merges.add(new String[] {merge.get(0).asText(), merge.get(1).asText()});
      } else {
        merges.add(splitMerge(merge.asText(), tokenizerJson.toString()));
      }
    }
    return new ClipTokenizer(Map.copyOf(vocab), merges, tokenizerJson.toString());
  }

  /**
   * {@return the tokenizer of a Hugging Face model directory: {@code vocab.json} + {@code merges.txt}, else
   * {@code tokenizer.json}}
   *
   * @param dir a Hugging Face model directory
   * @throws InvalidModelException naming the directory if it has neither
   */
  public static ClipTokenizer fromModelDirectory(Path dir) {
    Path vocab = dir.resolve("vocab.json");
    Path merges = dir.resolve("merges.txt");
    if (Files.isRegularFile(vocab) && Files.isRegularFile(merges)) {
      return fromVocabAndMerges(vocab, merges);
    }
    Path tokenizerJson = dir.resolve("tokenizer.json");
    if (Files.isRegularFile(tokenizerJson)) {
      return fromTokenizerJson(tokenizerJson);
    }
    throw new InvalidModelException(
        "model directory " + dir + " has no tokenizer: expected vocab.json + merges.txt or tokenizer.json");
  }

  /** {@return the id of {@code <|startoftext|>} (49406 in CLIP's vocabulary)} */
  public int startOfText() {
    return startOfText;
  }

  /**
   * {@return the id of {@code <|endoftext|>} (49407 in CLIP's vocabulary); the model reads the text
   * feature there}
   */
  public int endOfText() {
    return endOfText;
  }

  /** {@return the number of tokens in the vocabulary} */
  public int vocabularySize() {
    return vocab.size();
  }

  /**
   * Tokenises a text as openai's {@code clip.tokenize(text, truncate=True)} does: start token, BPE
   * ids, end token, zero padding to 77. {@link TokenIds#length()} counts the ids before padding.
   *
   * @param text the text; longer texts are truncated to 77 tokens
   * @return the token ids, padded to 77
   */
  public TokenIds encode(String text) {
    int[] body = bpeIds(text);
    int[] ids = new int[CONTEXT_LENGTH];
    int length = Math.min(body.length + 2, CONTEXT_LENGTH);
    ids[0] = startOfText;
    System.arraycopy(body, 0, ids, 1, length - 2);
    ids[length - 1] = endOfText;
    return new TokenIds(ids, length);
  }

  /**
   * {@return the BPE ids of a text, without start and end tokens and without truncation}
   *
   * @param text the text
   */
  public int[] bpeIds(String text) {
    String cleaned = clean(text);
    List<int[]> parts = new ArrayList<>();
    int total = 0;
    Matcher m = PIECES.matcher(cleaned);
    while (m.find()) {
      int[] ids = pieceIds(m.group());
      parts.add(ids);
      total += ids.length;
    }
    int[] out = new int[total];
    int pos = 0;
    for (int[] ids : parts) {
      System.arraycopy(ids, 0, out, pos, ids.length);
      pos += ids.length;
    }
    return out;
  }

  /**
   * {@return openai's text clean-up, {@code whitespace_clean(basic_clean(text)).lower()}: ftfy's {@code
   * fix_text}, HTML-unescape twice, strip, collapse whitespace runs to one space, strip, lower-case}
   *
   * @param text the raw text
   */
  public static String clean(String text) {
    String s = HtmlUnescaper.unescape(HtmlUnescaper.unescape(TextFixer.fixText(text)));
    s = pythonStrip(s);
    s = WHITESPACE_RUN.matcher(s).replaceAll(" ");
    s = pythonStrip(s);
    return pythonLower(s);
  }

  private int[] pieceIds(String piece) {
    if (piece.equals(START_OF_TEXT)) {
      return new int[] {startOfText};
    }
    if (piece.equals(END_OF_TEXT)) {
      return new int[] {endOfText};
    }
    byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
    char[] mapped = new char[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      mapped[i] = BYTE_TO_UNICODE[utf8[i] & 0xff];
    }
    String token = new String(mapped);
    int[] cached = cache.get(token);
    if (cached != null) {
      return cached;
    }
    int[] ids = toIds(bpe(token), token);
    if (cache.size() >= CACHE_LIMIT) {
      // A crude bound: dropping everything is rare (100k distinct words) and keeps lookups lock-free.
      cache.clear();
    }
    cache.put(token, ids);
    return ids;
  }

  private int[] toIds(List<String> symbols, String token) {
    int[] ids = new int[symbols.size()];
    for (int i = 0; i < ids.length; i++) {
      Integer id = vocab.get(symbols.get(i));
      if (id == null) {
        throw new InvalidModelException(
            "CLIP vocabulary has no entry for BPE symbol '" + symbols.get(i) + "' of '" + token
                + "': vocabulary and merges do not belong together");
      }
      ids[i] = id;
    }
    return ids;
  }

  /** Merges the lowest-ranked adjacent pair until none is in the merge table (simple_tokenizer.bpe). */
  private List<String> bpe(String token) {
    List<String> word = new ArrayList<>(token.length());
    for (int i = 0; i < token.length() - 1; i++) {
      word.add(String.valueOf(token.charAt(i)));
    }
    word.add(token.charAt(token.length() - 1) + "</w>");
    while (word.size() > 1) {
      int bestRank = Integer.MAX_VALUE;
      String first = null;
      String second = null;
      for (int i = 0; i < word.size() - 1; i++) {
        Integer rank = mergeRanks.get(pairKey(word.get(i), word.get(i + 1)));
        if (rank != null && rank < bestRank) {
          bestRank = rank;
          first = word.get(i);
          second = word.get(i + 1);
        }
      }
      if (first == null) {
        break;
      }
      List<String> merged = new ArrayList<>(word.size());
      int i = 0;
      while (i < word.size()) {
        if (i < word.size() - 1 && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
          merged.add(first + second);
          i += 2;
        } else {
          merged.add(word.get(i));
          i++;
        }
      }
      word = merged;
    }
    return word;
  }

  private static String pairKey(String first, String second) {
    return first + ' ' + second;
  }

  private static String[] splitMerge(String line, String source) {
    String[] parts = line.trim().split("\\s+");
    if (parts.length != 2) {
      throw new InvalidModelException(source + ": malformed merge line '" + line + "'");
    }
    return parts;
  }

  /**
   * Python's {@code str.lower()}. Java's {@code toLowerCase} differs only for capital sigma: Java
   * decides final sigma by word boundaries, Python by the Unicode Final_Sigma context (a cased
   * letter before, no cased letter after, case-ignorable characters skipped), so "ΣΑΣ0" ends in
   * ς in Python.
   */
  static String pythonLower(String s) {
    if (s.indexOf('\u03a3') < 0) {
      return s.toLowerCase(Locale.ROOT);
    }
    StringBuilder out = new StringBuilder(s.length());
    int start = 0;
    for (int i = s.indexOf('\u03a3'); i >= 0; i = s.indexOf('\u03a3', start)) {
      out.append(s.substring(start, i).toLowerCase(Locale.ROOT));
      out.append(isFinalSigma(s, i) ? '\u03c2' : '\u03c3');
      start = i + 1;
    }
    return out.append(s.substring(start).toLowerCase(Locale.ROOT)).toString();
  }

  private static boolean isFinalSigma(String s, int index) {
    int j = index;
    int before = -1;
    while (j > 0) {
      int cp = s.codePointBefore(j);
      j -= Character.charCount(cp);
      if (!isCaseIgnorable(cp)) {
        before = cp;
        break;
      }
    }
    if (before < 0 || !isCased(before)) {
      return false;
    }
    j = index + 1;
    while (j < s.length()) {
      int cp = s.codePointAt(j);
      if (!isCaseIgnorable(cp)) {
        return !isCased(cp);
      }
      j += Character.charCount(cp);
    }
    return true;
  }

  private static boolean isCased(int cp) {
    return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
  }

  /** Unicode Case_Ignorable: Mn, Me, Cf, Lm, Sk, and Word_Break MidLetter, MidNumLet, Single_Quote. */
  private static boolean isCaseIgnorable(int cp) {
    switch (Character.getType(cp)) {
      case Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.FORMAT,
          Character.MODIFIER_LETTER,
          Character.MODIFIER_SYMBOL:
        return true;
      default:
        break;
    }
    return switch (cp) {
      case '\'', '.', ':', 0x00b7, 0x0387, 0x055f, 0x05f4, 0x2018, 0x2019, 0x2024, 0x2027, 0xfe13,
          0xfe52, 0xfe55, 0xff07, 0xff0e, 0xff1a ->
          true;
      default -> false;
    };
  }

  /** Python's {@code str.strip()}: removes characters for which {@code str.isspace()} is true. */
  static String pythonStrip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isPythonSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** {@code str.isspace()}: Unicode White_Space plus the ASCII separators U+001C..U+001F. */
  private static boolean isPythonSpace(char c) {
    return (c >= 0x1c && c <= 0x1f) || isWhiteSpaceProperty(c);
  }

  private static boolean isWhiteSpaceProperty(char c) {
    return (c >= 0x09 && c <= 0x0d)
        || c == 0x20
        || c == 0x85
        || c == 0xa0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000;
  }

  /** GPT-2's reversible map from bytes to printable characters (simple_tokenizer.bytes_to_unicode). */
  private static char[] bytesToUnicode() {
    char[] table = new char[256];
    boolean[] printable = new boolean[256];
    for (int b = '!'; b <= '~'; b++) {
      printable[b] = true;
    }
    for (int b = 0xa1; b <= 0xac; b++) {
      printable[b] = true;
    }
    for (int b = 0xae; b <= 0xff; b++) {
      printable[b] = true;
    }
    // Python's dict keeps insertion order: printable bytes first, then the others mapped to 256+n.
    int n = 0;
    for (int b = 0; b < 256; b++) {
      table[b] = printable[b] ? (char) b : (char) (256 + n++);
    }
    return table;
  }

  /**
   * The characters in the order simple_tokenizer.py lists them, which is the order of the first 256
   * (and, with {@code </w>}, the next 256) vocabulary ids.
   */
  private static char[] vocabularyOrder() {
    char[] order = new char[256];
    int n = 0;
    for (int b = 0; b < 256; b++) {
      if (BYTE_TO_UNICODE[b] == b) {
        order[n++] = (char) b;
      }
    }
    for (int b = 0; b < 256; b++) {
      if (BYTE_TO_UNICODE[b] != b) {
        order[n++] = BYTE_TO_UNICODE[b];
      }
    }
    return order;
  }

  @Override
  public String toString() {
    return "ClipTokenizer{vocabulary=" + vocab.size() + ", merges=" + mergeRanks.size() + "}";
  }
}
