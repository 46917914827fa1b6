package dev.crossmodal.clip.text;

import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * ftfy's mojibake heuristic ({@code ftfy.badness}): the few hundred characters that appear when
 * UTF-8 is decoded with a single-byte code page, sorted into categories, and the juxtapositions of
 * categories that are far more likely in mojibake than in intended text (a lower-case accented
 * letter followed by a currency sign, {@code Ã} followed by a no-break space, ...). Text with any
 * such sequence "is bad" and worth trying to re-decode.
 */
final class Badness {
  // The categories, in ftfy's order; "a-b" is a range, as inside a regex character class.
  private static final String COMMON = "\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2019";
  private static final String C1 = "\u0080-\u009f";
  private static final String BAD = "¦¤¨¬¯¸ƒˆˇ˘˛˜†‡‰⌐◊\ufffdªº";
  private static final String LAW = "¶§";
  private static final String CURRENCY = "¢£¥₧€";
  private static final String START_PUNCTUATION = "¡«¿©΄΅‘‚“„•‹\uf8ff";
  private static final String END_PUNCTUATION = "®»˝”›™";
  private static final String NUMERIC = "²³¹±¼½¾×µ÷⁄∂∆∏∑√∞∩∫≈≠≡≤≥№";
  private static final String KAOMOJI = "Ò-ÖÙ-Üò-öø-üŐŌŪŲ°";
  private static final String UPPER_ACCENTED = "À-ÑØÜÝĂĀĄĆČĎĐĘĚĒĖĞĢİĪĶĹĽŁĻŃŇŅŒŘŚŞŠŢŤŮŰŸŹŻŽҐ";
  private static final String LOWER_ACCENTED = "ßà-ñăąāćčďđęěēėğģįīķĺľłļœŕśşšťüźżžґﬁﬂ";
  private static final String UPPER_COMMON = "ÞΑ-ΩΆΈΉΊΌΎΏΪΫЁ-Я";
  private static final String LOWER_COMMON = "α-ωάέήίΰа-џ";
  private static final String BOX = "│┌┐┘├┤┬┼═-╬▀▄█▌▐░▒▓";

  /** Python's regex {@code \s} on str: {@code str.isspace()}, which includes U+001C..U+001F. */
  private static final String PY_SPACE = "\t-\r\u001c- \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

  /**
   * ftfy's BADNESS_RE as a list of alternatives, each a fixed sequence of character tests (the one
   * optional {@code \s?} is written as two alternatives). Searching for any of them is what
   * {@code is_bad} does; Java's regex engine tests large character classes member by member, which
   * made the same pattern as a regex the slowest step of the tokenizer on damaged text.
   */
  private static final List<Alternative> ALTERNATIVES = alternatives();

  /**
   * Every character that some alternative requires: text without any of them (plain ASCII, CJK,
   * emoji...) cannot match and is answered at once.
   */
  private static final BitSet SUSPECTS = suspects();

  private Badness() {}

  /** Whether {@code text} contains a sequence that looks like mojibake ({@code ftfy.badness.is_bad}). */
  static boolean isBad(CharSequence text) {
    boolean suspect = false;
    for (int i = 0; i < text.length() && !suspect; i++) {
      suspect = SUSPECTS.get(text.charAt(i));
    }
    if (!suspect) {
      return false;
    }
    // Python matches code points, so a supplementary character is one step.
    int[] cps = text.codePoints().toArray();
    for (int p = 0; p < cps.length; p++) {
      for (Alternative alternative : ALTERNATIVES) {
        if (alternative.matchesAt(cps, p)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A fixed-length sequence of character tests, optionally only at the start of the text. */
  private record Alternative(boolean atStart, IntPredicate[] steps) {
    boolean matchesAt(int[] cps, int p) {
      if ((atStart && p != 0) || p + steps.length > cps.length) {
        return false;
      }
      for (int i = 0; i < steps.length; i++) {
        if (!steps[i].test(cps[p + i])) {
          return false;
        }
      }
      return true;
    }
  }

  private static List<Alternative> alternatives() {
    String lowerUpperBoxPunctCurrencyNumLaw =
        LOWER_ACCENTED + UPPER_ACCENTED + BOX + START_PUNCTUATION + END_PUNCTUATION + CURRENCY
            + NUMERIC + LAW;
    String arabicSecond = COMMON + CURRENCY + BAD + NUMERIC + START_PUNCTUATION + "ŸŠ®°µ»";
    // Python's \w on str: letters, numbers (str.isalnum) and the underscore.
    IntPredicate word = cp -> Character.isLetter(cp) || isNumber(cp) || cp == '_';
    IntPredicate notAsciiLetter = cp -> !((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'));
    IntPredicate notNewline = cp -> cp != '\n';
    return List.of(
        alt(set(C1)),
        alt(set(BAD + lowerUpperBoxPunctCurrencyNumLaw), set(BAD)),
        alt(set("a-zA-Z"), set(LOWER_COMMON + UPPER_COMMON), set(BAD)),
        alt(set(BAD), set(lowerUpperBoxPunctCurrencyNumLaw)),
        alt(set(LOWER_ACCENTED + LOWER_COMMON + BOX + END_PUNCTUATION + CURRENCY + NUMERIC),
            set(UPPER_ACCENTED)),
        alt(set(BOX + END_PUNCTUATION + CURRENCY + NUMERIC), set(LOWER_ACCENTED)),
        alt(set(LOWER_ACCENTED + BOX + END_PUNCTUATION), set(CURRENCY)),
        alt(set(PY_SPACE), set(UPPER_ACCENTED), set(CURRENCY)),
        alt(set(UPPER_ACCENTED + BOX), set(NUMERIC + LAW)),
        alt(set(LOWER_ACCENTED + UPPER_ACCENTED + BOX + CURRENCY + END_PUNCTUATION),
            set(START_PUNCTUATION), set(NUMERIC)),
        alt(set(LOWER_ACCENTED + UPPER_ACCENTED + CURRENCY + NUMERIC + BOX + LAW),
            set(END_PUNCTUATION), set(START_PUNCTUATION)),
        alt(set(CURRENCY + NUMERIC + BOX), set(START_PUNCTUATION)),
        alt(set("a-z"), set(UPPER_ACCENTED), set(START_PUNCTUATION + CURRENCY)),
        alt(set(BOX), set(KAOMOJI)),
        alt(set(LOWER_ACCENTED + UPPER_ACCENTED + CURRENCY + NUMERIC + START_PUNCTUATION
                + END_PUNCTUATION + LAW),
            set(BOX)),
        alt(set(BOX), set(END_PUNCTUATION)),
        alt(set(LOWER_ACCENTED + UPPER_ACCENTED), set(START_PUNCTUATION + END_PUNCTUATION), word),
        // The ligature œ when not followed by an unaccented Latin letter.
        alt(set("Œœ"), notAsciiLetter),
        // Degree signs after capital letters.
        alt(set(UPPER_ACCENTED), set("°")),
        // Common Windows-1252 two-character mojibake not covered above.
        alt(set("ÂÃÎÐ"),
            set("€œŠš¢£Ÿž\u00a0\u00ad®©°·»" + START_PUNCTUATION + END_PUNCTUATION + "–—´")),
        alt(set("×"), set("²³")),
        // Windows-1252 mojibake of Arabic needs the common characters, so four are required.
        alt(set("ØÙ"), set(arabicSecond), set("ØÙ"), set(arabicSecond)),
        // Windows-1252 starts of three-byte sequences of South Asian scripts.
        alt(set("à"), set("²µ¹¼½¾")),
        // MacRoman mojibake not covered above.
        alt(set("√"), set("±∂†≠®™´≤≥¥µø")),
        alt(set("≈"), set("°¢")),
        alt(set("‚"), set("Ä"), set("ìîïòôúùû†°¢π")),
        alt(set("‚"), set("âó"), set("àä°ê")),
        // Windows-1251 mojibake of characters in the U+2000 block.
        alt(set("в"), set("Ђ")),
        // Windows-1251 mojibake of Latin-1 or Cyrillic: three characters required.
        alt(set("ВГРС"), set(C1 + BAD + START_PUNCTUATION + END_PUNCTUATION + CURRENCY + "°µ"),
            set("ВГРС")),
        // Windows-1251 over Latin-1 over Windows-1252, next to a Latin letter.
        alt(set("Г"), set("ў"), set("В"), set("Ђ"), set("В"), notNewline, set("A-Za-z ")),
        // Windows-1252 encodings of 'à' and 'á', and of the no-break space itself.
        alt(set("Ã"), set("\u00a0¡")),
        alt(set("a-z"), set("ÃÂ"), set(" ")),
        alt(set("a-z"), set(PY_SPACE), set("ÃÂ"), set(" ")),
        new Alternative(true, new IntPredicate[] {set("ÃÂ"), set(" ")}),
        // Â before a character that encodes as itself, when that character is common.
        alt(set("a-z.,?!" + END_PUNCTUATION), set("Â"), set(" " + START_PUNCTUATION + END_PUNCTUATION)),
        // Windows-1253 mojibake of characters in the U+2000 block.
        alt(set("β"), set("€"), set("™\u00a0Ά\u00ad®°")),
        // Windows-1253 mojibake of Latin-1 or Greek.
        alt(set("ΒΓΞΟ"), set(C1 + BAD + START_PUNCTUATION + END_PUNCTUATION + CURRENCY + "°"),
            set("ΒΓΞΟ")),
        // Windows-1257 mojibake of characters in the U+2000 block.
        alt(set("ā"), set("€")));
  }

  private static Alternative alt(IntPredicate... steps) {
    return new Alternative(false, steps);
  }

  /** A test for membership in a string of characters and {@code a-b} ranges. */
  private static IntPredicate set(String members) {
    BitSet bits = new BitSet();
    expand(members).forEach(bits::set);
    return bits::get;
  }

  /** Python's {@code str.isnumeric()} for one character: a numeric general category. */
  private static boolean isNumber(int cp) {
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private static BitSet suspects() {
    BitSet set = new BitSet(0x10000);
    for (String members :
        List.of(C1, BAD, LAW, CURRENCY, START_PUNCTUATION, END_PUNCTUATION, NUMERIC, KAOMOJI,
            UPPER_ACCENTED, LOWER_ACCENTED, UPPER_COMMON, LOWER_COMMON, BOX,
            "Œœ°ÂÃÎÐ×ØÙà√≈‚ÄвЂВГРСўβ€ΒΓΞΟā")) {
      expand(members).forEach(set::set);
    }
    return set;
  }

  /**
   * A Java character class for a string of characters and {@code a-b} ranges, written as in a
   * Python character class; every character is escaped so that none is special.
   */
  static String regexClass(String members) {
    // Written as merged ranges: Java tests a class member by member, so fewer is faster.
    StringBuilder out = new StringBuilder("[");
    int start = -1;
    int end = -2;
    for (int cp : expand(members)) {
      if (cp != end + 1) {
        appendRange(out, start, end);
        start = cp;
      }
      end = cp;
    }
    appendRange(out, start, end);
    return out.append(']').toString();
  }

  private static void appendRange(StringBuilder out, int start, int end) {
    if (start < 0) {
      return;
    }
    out.append("\\x{").append(Integer.toHexString(start)).append('}');
    if (end > start) {
      out.append("-\\x{").append(Integer.toHexString(end)).append('}');
    }
  }

  /** The code points of a string of characters and {@code a-b} ranges, in order. */
  static TreeSet<Integer> expand(String members) {
    TreeSet<Integer> cps = new TreeSet<>();
    int[] m = members.codePoints().toArray();
    for (int i = 0; i < m.length; i++) {
      if (i + 2 < m.length && m[i + 1] == '-') {
        for (int cp = m[i]; cp <= m[i + 2]; cp++) {
          cps.add(cp);
        }
        i += 2;
      } else {
        cps.add(m[i]);
      }
    }
    return cps;
  }


}
