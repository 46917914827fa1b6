package dev.crossmodal.vse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a text into words the way NLTK 3.8's {@code word_tokenize(text, preserve_line=True)} does
 * (its {@code NLTKWordTokenizer}, the improved Penn Treebank rules): quotes become {@code ``} and
 * {@code ''}, punctuation and brackets are split off, a final period is split off, clitics are
 * separated ({@code don't} -> {@code do n't}, {@code dog's} -> {@code dog 's}, {@code cannot} ->
 * {@code can not}).
 *
 * <p>NLTK's plain {@code word_tokenize} first splits the text into sentences with the Punkt model,
 * a data file that is not part of NLTK itself. This class treats the whole text as one sentence,
 * exactly as {@code preserve_line=True} does; the two differ only for texts with a sentence-final
 * period in the middle ({@code "a dog. a cat."} gives {@code dog.} here and {@code dog .} with
 * Punkt), which captions almost never have.
 *
 * <p>The rules are Python regular expressions; they are rewritten here with explicit character
 * classes because Java's {@code \w}, {@code \s}, {@code \d} and {@code \b} are ASCII-only while
 * Python's are Unicode-aware (Python's {@code \w} is exactly letters, numbers and {@code _}; its
 * {@code \s} also covers U+001C..U+001F and U+0085).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * List<String> words = new TreebankWordTokenizer().tokenize("don't stop: it's the dog's toy!");
 * // [do, n't, stop, :, it, 's, the, dog, 's, toy, !]
 * }</pre>
 */
public final class TreebankWordTokenizer {
  /** Python's Unicode {@code \w}. */
  private static final String WORD = "[\\p{L}\\p{N}_]";

  /** Python's Unicode {@code \s}, which is also what {@code str.split()} splits on. */
  private static final String SPACE =
      "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";

  /** Python's {@code \b}: a boundary between a {@link #WORD} character and anything else. */
  private static final String BOUNDARY =
      "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";

  /** Closing brackets and quotes that may follow a text's final period. */
  private static final String CLOSERS = "\\]\\)}>\"'";

  private static final Pattern WHITESPACE_RUN = Pattern.compile(SPACE + "+");

  /**
   * The rewrite steps in NLTK's order. Each pads a token with spaces; the final split on
   * whitespace yields the words. The order matters: later steps see earlier steps' padding.
   */
  private static final List<Rule> RULES = List.of(
      // Opening quotes: guillemets, curly quotes and backtick runs stand alone.
      rule("([«“‘„]|`+)", " $1 "),
      // A double quote opening the text, or following a space or opening bracket, becomes ``.
      rule("^\"", "``"),
      rule("(``)", " $1 "),
      rule("([ (\\[{<])(\"|'{2})", "$1 `` "),
      // A quote before a one-letter word that is not a clitic ('a, but not 's or 't).
      ruleIgnoringCase("(')(?!re|ve|ll|m|t|s|d|n)(" + WORD + ")" + BOUNDARY, "$1 $2"),

      // The text's final period, with any closing brackets or quotes after it.
      rule("([^.])(\\.)([" + CLOSERS + "»”’ ]*)" + SPACE + "*$", "$1 $2 $3 "),
      // Colons and commas, except inside numbers (3,36 and 12:30 stay whole).
      rule("([:,])([^\\p{Nd}])", " $1 $2"),
      rule("([:,])$", " $1 "),
      rule("\\.{2,}", " $0 "),
      rule("[;@#$%&]", " $0 "),
      rule("([^.])(\\.)([" + CLOSERS + "]*)" + SPACE + "*$", "$1 $2$3 "),
      rule("[?!]", " $0 "),
      rule("([^'])' ", "$1 ' "),
      rule("[*]", " $0 "),

      rule("[\\]\\[(){}<>]", " $0 "),
      rule("--", " -- "));

  /** Applied to the text padded with one space on each side, so that clitics at the end match. */
  private static final List<Rule> PADDED_RULES = List.of(
      // Closing quotes.
      rule("([»”’])", " $1 "),
      rule("''", " '' "),
      rule("\"", " '' "),
      // Clitics: 's 'm 'd and a lone closing ', then 'll 're 've n't.
      rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
      rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "),
      // Robert MacIntyre's contractions: cannot, d'ye, gimme, gonna, gotta, lemme, more'n, wanna,
      // 'tis, 'twas.
      ruleIgnoringCase(BOUNDARY + "(can)(not)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(d)('ye)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(gim)(me)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(gon)(na)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(got)(ta)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(lem)(me)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(more)('n)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(wan)(na)(?=" + SPACE + ")", " $1 $2 "),
      ruleIgnoringCase(" ('t)(is)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(" ('t)(was)" + BOUNDARY, " $1 $2 "));

  /** A tokenizer; it holds no state, so one can be shared by any number of threads. */
  public TreebankWordTokenizer() {}

  /**
   * Splits a text into words.
   *
   * @param text any text; {@code null} is not allowed
   * @return the words, possibly none
   */
  public List<String> tokenize(String text) {
    String work = text;
    for (Rule rule : RULES) {
      work = rule.apply(work);
    }
    work = " " + work + " ";
    for (Rule rule : PADDED_RULES) {
      work = rule.apply(work);
    }
    List<String> words = new ArrayList<>();
    for (String word : WHITESPACE_RUN.split(work)) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static Rule rule(String regex, String replacement) {
    // UNIX_LINES: Python's $ matches before a final "\n" only, not before "\r" or U+2028.
    return new Rule(Pattern.compile(regex, Pattern.UNIX_LINES), replacement);
  }

  private static Rule ruleIgnoringCase(String regex, String replacement) {
    return new Rule(
        Pattern.compile(
            regex, Pattern.UNIX_LINES | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
        replacement);
  }

  private record Rule(Pattern pattern, String replacement) {
    String apply(String text) {
      return pattern.matcher(text).replaceAll(replacement);
    }
  }
}
