package dev.crossmodal.clip.text;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** ftfy's character-level fixes ({@code ftfy.fixes}), each a pure function of the text. */
final class CharacterFixes {
  /** ANSI escape sequences: ESC [ digits and semicolons, then a letter (Python's \d is Unicode). */
  private static final Pattern TERMINAL_ESCAPE = Pattern.compile("\u001b\\[(?:\\p{Nd}|;)*[a-zA-Z]");

  private static final Pattern SINGLE_QUOTE = Pattern.compile("[\u02bc\u2018-\u201b]");
  private static final Pattern DOUBLE_QUOTE = Pattern.compile("[\u201c-\u201f]");

  /**
   * Latin ligatures and legacy digraphs that are copy-and-paste accidents; æ and œ are meant and
   * stay.
   */
  private static final Map<Character, String> LIGATURES =
      Map.ofEntries(
          Map.entry('\u0132', "IJ"),
          Map.entry('\u0133', "ij"),
          Map.entry('\u0149', "\u02bcn"),
          Map.entry('\u01f1', "DZ"),
          Map.entry('\u01f2', "Dz"),
          Map.entry('\u01f3', "dz"),
          Map.entry('\u01c4', "D\u017d"),
          Map.entry('\u01c5', "D\u017e"),
          Map.entry('\u01c6', "d\u017e"),
          Map.entry('\u01c7', "LJ"),
          Map.entry('\u01c8', "Lj"),
          Map.entry('\u01c9', "lj"),
          Map.entry('\u01ca', "NJ"),
          Map.entry('\u01cb', "Nj"),
          Map.entry('\u01cc', "nj"),
          Map.entry('\ufb00', "ff"),
          Map.entry('\ufb01', "fi"),
          Map.entry('\ufb02', "fl"),
          Map.entry('\ufb03', "ffi"),
          Map.entry('\ufb04', "ffl"),
          Map.entry('\ufb05', "\u017ft"),
          Map.entry('\ufb06', "st"));

  /** Fullwidth and halfwidth forms (U+FF01..U+FFEF) to their NFKC forms; U+3000 to a space. */
  private static final Map<Character, String> WIDTH = widthMap();

  private CharacterFixes() {}

  static String removeTerminalEscapes(String text) {
    return text.indexOf('\u001b') < 0 ? text : TERMINAL_ESCAPE.matcher(text).replaceAll("");
  }

  static String uncurlQuotes(String text) {
    if (!contains(text, '\u2018', '\u201f') && text.indexOf('\u02bc') < 0) {
      return text;
    }
    String s = DOUBLE_QUOTE.matcher(text).replaceAll("\"");
    return SINGLE_QUOTE.matcher(s).replaceAll("'");
  }

  static String fixLatinLigatures(String text) {
    return contains(text, '\u0132', '\u01f3') || contains(text, '\ufb00', '\ufb06')
        ? translate(text, LIGATURES)
        : text;
  }

  static String fixCharacterWidth(String text) {
    return text.indexOf('\u3000') >= 0 || contains(text, '\uff01', '\uffef')
        ? translate(text, WIDTH)
        : text;
  }

  static String fixLineBreaks(String text) {
    if (text.indexOf('\r') < 0 && !contains(text, '\u2028', '\u2029') && text.indexOf('\u0085') < 0) {
      return text;
    }
    return text.replace("\r\n", "\n")
        .replace('\r', '\n')
        .replace('\u2028', '\n')
        .replace('\u2029', '\n')
        .replace('\u0085', '\n');
  }

  /**
   * Replaces surrogates that do not form a pair with U+FFFD. (Paired surrogates already are the
   * character they encode in a Java string, which is what ftfy's pairing step produces.)
   */
  static String fixSurrogates(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * Removes control characters with no visible effect: C0 controls other than tab, line feed, form
   * feed and carriage return; DEL; the deprecated Arabic format controls U+206A..U+206F; the byte
   * order mark; interlinear annotation marks and the object replacement character. C1 controls
   * (clues for mojibake), joiners, direction marks and tag characters stay.
   */
  static String removeControlChars(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isUnwantedControl(c)) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean isUnwantedControl(char c) {
    return c <= 0x08
        || c == 0x0B
        || (c >= 0x0E && c <= 0x1F)
        || c == 0x7F
        || (c >= 0x206A && c <= 0x206F)
        || c == 0xFEFF
        || (c >= 0xFFF9 && c <= 0xFFFC);
  }

  /** Whether some char of {@code text} lies in {@code from..to}. */
  static boolean contains(String text, char from, char to) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= from && c <= to) {
        return true;
      }
    }
    return false;
  }

  private static String translate(String text, Map<Character, String> table) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = table.get(c);
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static Map<Character, String> widthMap() {
    Map<Character, String> map = new HashMap<>();
    map.put('\u3000', " ");
    for (char c = '\uff01'; c < '\ufff0'; c++) {
      String s = String.valueOf(c);
      String alternate = Normalizer.normalize(s, Normalizer.Form.NFKC);
      if (!alternate.equals(s)) {
        map.put(c, alternate);
      }
    }
    return Map.copyOf(map);
  }
}
