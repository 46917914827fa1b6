package dev.crossmodal.clip.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code html.unescape}, character for character: HTML5 named references (with the
 * legacy names that work without a semicolon and the longest-prefix rule), decimal and hex
 * references, and the HTML5 replacements for invalid code points. openai/CLIP's tokenizer applies
 * it twice after {@link TextFixer}, so any difference here changes token ids.
 *
 * <pre>{@code
 * HtmlUnescaper.unescape("Caf&eacute; &amp co");   // "Café & co"
 * }</pre>
 */
public final class HtmlUnescaper {
  private static final Pattern CHARREF =
      Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");

  /** Windows-1252 code points that HTML5 maps to other characters (Python's _invalid_charrefs). */
  private static final Map<Integer, String> INVALID_CHARREFS = invalidCharrefs();

  private static final Map<String, String> ENTITIES = loadEntities();

  private HtmlUnescaper() {}

  /**
   * Replaces every character reference in {@code s} as Python's {@code html.unescape} does.
   *
   * @param s the text
   * @return the text with its character references replaced
   */
  public static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = CHARREF.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replace(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The HTML5 named references, keyed as Python's {@code html.entities.html5} ({@code "amp;"}, {@code "amp"}). */
  static Map<String, String> html5Entities() {
    return ENTITIES;
  }

  private static String replace(String ref) {
    if (ref.charAt(0) == '#') {
      boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
      String digits = stripSemicolons(ref.substring(hex ? 2 : 1));
      long num = parseCapped(digits, hex ? 16 : 10);
      String special = INVALID_CHARREFS.get((int) num);
      if (special != null) {
        return special;
      }
      if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) {
        return "\uFFFD";
      }
      if (isInvalidCodePoint((int) num)) {
        return "";
      }
      return new String(Character.toChars((int) num));
    }
    String exact = ENTITIES.get(ref);
    if (exact != null) {
      return exact;
    }
    // Longest prefix that is a known name, as Python does for references like "&notit;".
    int[] cps = ref.codePoints().toArray();
    for (int x = cps.length - 1; x > 1; x--) {
      String prefix = new String(cps, 0, x);
      String value = ENTITIES.get(prefix);
      if (value != null) {
        return value + new String(cps, x, cps.length - x);
      }
    }
    return "&" + ref;
  }

  private static String stripSemicolons(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ';') {
      end--;
    }
    return s.substring(0, end);
  }

  /** Parses a digit string; anything above 0x10FFFF only needs to be known as "too large". */
  private static long parseCapped(String digits, int radix) {
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      value = value * radix + Character.digit(digits.charAt(i), radix);
      if (value > 0x10FFFF) {
        return 0x110000;
      }
    }
    return value;
  }

  private static boolean isInvalidCodePoint(int cp) {
    return (cp >= 0x1 && cp <= 0x8)
        || cp == 0xb
        || (cp >= 0xe && cp <= 0x1f)
        || (cp >= 0x7f && cp <= 0x9f)
        || (cp >= 0xfdd0 && cp <= 0xfdef)
        || (cp & 0xfffe) == 0xfffe;
  }

  private static Map<Integer, String> invalidCharrefs() {
    Map<Integer, String> m = new HashMap<>();
    m.put(0x00, "\uFFFD");
    m.put(0x0d, "\r");
    int[] cp1252 = {
      0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
      0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
      0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178
    };
    for (int i = 0; i < cp1252.length; i++) {
      m.put(0x80 + i, String.valueOf((char) cp1252[i]));
    }
    return Map.copyOf(m);
  }

  private static Map<String, String> loadEntities() {
    String resource = "html5-entities.tsv";
    try (InputStream in =
            Objects.requireNonNull(
                HtmlUnescaper.class.getResourceAsStream(resource), "missing resource " + resource);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      Map<String, String> entities = new HashMap<>(4096);
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        int tab = line.indexOf('\t');
        StringBuilder value = new StringBuilder(2);
        for (String hex : line.substring(tab + 1).split(" ")) {
          value.appendCodePoint(Integer.parseInt(hex, 16));
        }
        entities.put(line.substring(0, tab), value.toString());
      }
      return Map.copyOf(entities);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
