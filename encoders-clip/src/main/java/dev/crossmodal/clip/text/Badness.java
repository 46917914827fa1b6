package dev.crossmodal.clip.text;

import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * ftfy's mojibake heuristic ({@code ftfy.badness}): the few hundred characters that appear when
 * UTF-8 is decoded with a single-byte code page, sorted into categories, and the juxtapositions of
 * categories that are far more likely in mojibake than in intended text (a lower-case accented
 * letter followed by a currency sign, {@code Ã} followed by a no-break space, ...). Text with any
 * such sequence "is bad" and worth trying to re-decode.
 */
final class Badness {
  // The categories, in ftfy's order; "a-b" is a range, as inside a regex character class.
  static final String COMMON = "\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2019";
  static final String C1 = "\u0080-\u009f";
  static final String BAD = "¦¤¨¬¯¸ƒˆˇ˘˛˜†‡‰⌐◊\ufffdªº";
  static final String LAW = "¶§";
  static final String CURRENCY = "¢£¥₧€";
  static final String START_PUNCTUATION = "¡«¿©΄΅‘‚“„•‹\uf8ff";
  static final String END_PUNCTUATION = "®»˝”›™";
  static final String NUMERIC = "²³¹±¼½¾×µ÷⁄∂∆∏∑√∞∩∫≈≠≡≤≥№";
  static final String KAOMOJI = "Ò-ÖÙ-Üò-öø-üŐŌŪŲ°";
  static final String UPPER_ACCENTED = "À-ÑØÜÝĂĀĄĆČĎĐĘĚĒĖĞĢİĪĶĹĽŁĻŃŇŅŒŘŚŞŠŢŤŮŰŸŹŻŽҐ";
  static final String LOWER_ACCENTED = "ßà-ñăąāćčďđęěēėğģįīķĺľłļœŕśşšťüźżžґﬁﬂ";
  static final String UPPER_COMMON = "ÞΑ-ΩΆΈΉΊΌΎΏΪΫЁ-Я";
  static final String LOWER_COMMON = "α-ωάέήίΰа-џ";
  static final String BOX = "│┌┐┘├┤┬┼═-╬▀▄█▌▐░▒▓";

  /** Python's regex {@code \s} on str: {@code str.isspace()}, which includes U+001C..U+001F. */
  static final String PY_SPACE = "\t-\r\u001c- \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

  private static final Pattern BADNESS = compile();

  /**
   * Every character that some alternative of the pattern requires: text without any of them
   * (plain ASCII, CJK, emoji...) cannot match, and is answered without running the pattern.
   */
  private static final BitSet SUSPECTS = suspects();

  private Badness() {}

  /** Whether {@code text} contains a sequence that looks like mojibake ({@code ftfy.badness.is_bad}). */
  static boolean isBad(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (SUSPECTS.get(text.charAt(i))) {
        return BADNESS.matcher(text).find();
      }
    }
    return false;
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

  private static Pattern compile() {
    String lowerUpperBoxPunctCurrencyNumLaw =
        LOWER_ACCENTED + UPPER_ACCENTED + BOX + START_PUNCTUATION + END_PUNCTUATION + CURRENCY
            + NUMERIC + LAW;
    String arabicSecond = COMMON + CURRENCY + BAD + NUMERIC + START_PUNCTUATION + "ŸŠ®°µ»";
    List<String> alternatives =
        List.of(
            cls(C1),
            cls(BAD + lowerUpperBoxPunctCurrencyNumLaw) + cls(BAD),
            cls("a-zA-Z") + cls(LOWER_COMMON + UPPER_COMMON) + cls(BAD),
            cls(BAD) + cls(lowerUpperBoxPunctCurrencyNumLaw),
            cls(LOWER_ACCENTED + LOWER_COMMON + BOX + END_PUNCTUATION + CURRENCY + NUMERIC)
                + cls(UPPER_ACCENTED),
            cls(BOX + END_PUNCTUATION + CURRENCY + NUMERIC) + cls(LOWER_ACCENTED),
            cls(LOWER_ACCENTED + BOX + END_PUNCTUATION) + cls(CURRENCY),
            cls(PY_SPACE) + cls(UPPER_ACCENTED) + cls(CURRENCY),
            cls(UPPER_ACCENTED + BOX) + cls(NUMERIC + LAW),
            cls(LOWER_ACCENTED + UPPER_ACCENTED + BOX + CURRENCY + END_PUNCTUATION)
                + cls(START_PUNCTUATION) + cls(NUMERIC),
            cls(LOWER_ACCENTED + UPPER_ACCENTED + CURRENCY + NUMERIC + BOX + LAW)
                + cls(END_PUNCTUATION) + cls(START_PUNCTUATION),
            cls(CURRENCY + NUMERIC + BOX) + cls(START_PUNCTUATION),
            cls("a-z") + cls(UPPER_ACCENTED) + cls(START_PUNCTUATION + CURRENCY),
            cls(BOX) + cls(KAOMOJI),
            cls(LOWER_ACCENTED + UPPER_ACCENTED + CURRENCY + NUMERIC + START_PUNCTUATION
                    + END_PUNCTUATION + LAW)
                + cls(BOX),
            cls(BOX) + cls(END_PUNCTUATION),
            // Python's \w on str: letters, numbers (isalnum) and the underscore.
            cls(LOWER_ACCENTED + UPPER_ACCENTED) + cls(START_PUNCTUATION + END_PUNCTUATION)
                + "[\\p{L}\\p{N}_]",
            // The ligature œ when not followed by an unaccented Latin letter.
            cls("Œœ") + "[^A-Za-z]",
            // Degree signs after capital letters.
            cls(UPPER_ACCENTED) + lit("°"),
            // Common Windows-1252 two-character mojibake not covered above.
            cls("ÂÃÎÐ")
                + cls("€œŠš¢£Ÿž\u00a0\u00ad®©°·»" + START_PUNCTUATION + END_PUNCTUATION + "–—´"),
            lit("×") + cls("²³"),
            // Windows-1252 mojibake of Arabic needs the common characters, so four are required.
            cls("ØÙ") + cls(arabicSecond) + cls("ØÙ") + cls(arabicSecond),
            // Windows-1252 starts of three-byte sequences of South Asian scripts.
            lit("à") + cls("²µ¹¼½¾"),
            // MacRoman mojibake not covered above.
            lit("√") + cls("±∂†≠®™´≤≥¥µø"),
            lit("≈") + cls("°¢"),
            lit("‚Ä") + cls("ìîïòôúùû†°¢π"),
            lit("‚") + cls("âó") + cls("àä°ê"),
            // Windows-1251 mojibake of characters in the U+2000 block.
            lit("вЂ"),
            // Windows-1251 mojibake of Latin-1 or Cyrillic: three characters required.
            cls("ВГРС") + cls(C1 + BAD + START_PUNCTUATION + END_PUNCTUATION + CURRENCY + "°µ")
                + cls("ВГРС"),
            // Windows-1251 over Latin-1 over Windows-1252, next to a Latin letter.
            lit("ГўВЂВ") + "[^\\n]" + cls("A-Za-z "),
            // Windows-1252 encodings of 'à' and 'á', and of the no-break space itself.
            lit("Ã") + cls("\u00a0¡"),
            cls("a-z") + cls(PY_SPACE) + "?" + cls("ÃÂ") + cls(" "),
            "^" + cls("ÃÂ") + cls(" "),
            // Â before a character that encodes as itself, when that character is common.
            cls("a-z.,?!" + END_PUNCTUATION) + lit("Â") + cls(" " + START_PUNCTUATION + END_PUNCTUATION),
            // Windows-1253 mojibake of characters in the U+2000 block.
            lit("β€") + cls("™\u00a0Ά\u00ad®°"),
            // Windows-1253 mojibake of Latin-1 or Greek.
            cls("ΒΓΞΟ") + cls(C1 + BAD + START_PUNCTUATION + END_PUNCTUATION + CURRENCY + "°")
                + cls("ΒΓΞΟ"),
            // Windows-1257 mojibake of characters in the U+2000 block.
            lit("ā€"));
    return Pattern.compile(String.join("|", alternatives));
  }

  /**
   * A Java character class for a string of characters and {@code a-b} ranges, written as in a
   * Python character class; every character is escaped so that none is special.
   */
  static String cls(String members) {
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

  /** A literal sequence with every character escaped. */
  static String lit(String literal) {
    StringBuilder out = new StringBuilder();
    literal.codePoints().forEach(cp -> out.append("\\x{").append(Integer.toHexString(cp)).append('}'));
    return out.toString();
  }
}
