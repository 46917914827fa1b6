package dev.crossmodal.clip.text;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ftfy's cautious HTML unescaping ({@code fixes.unescape_html}): only references that end in a
 * semicolon are decoded ("this&amp;not that" stays as it is, unlike Python's {@code html.unescape}),
 * plus the all-caps forms of lower-case entity names that databases produce ({@code P&EACUTE;REZ}
 * is "PÉREZ") when the all-caps name means nothing else.
 */
final class HtmlEntities {
  private static final Pattern ENTITY = Pattern.compile("&#?[0-9A-Za-z]{1,24};");

  /** "&name;" to its text, for HTML5 names with semicolons and their safe all-caps forms. */
  private static final Map<String, String> ENTITIES = build();

  private HtmlEntities() {}

  static String unescape(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start()).append(replacement(m.group()));
      last = m.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  private static String replacement(String entity) {
    String named = ENTITIES.get(entity);
    if (named != null) {
      return named;
    }
    if (entity.startsWith("&#")) {
      String unescaped = HtmlUnescaper.unescape(entity);
      // A reference html.unescape decodes only in part (its semicolon left over) is kept as is.
      return unescaped.indexOf(';') >= 0 ? entity : unescaped;
    }
    return entity;
  }

  private static Map<String, String> build() {
    Map<String, String> entities = new HashMap<>(4096);
    for (Map.Entry<String, String> e : HtmlUnescaper.html5Entities().entrySet()) {
      String name = e.getKey();
      if (!name.endsWith(";")) {
        continue;
      }
      entities.put("&" + name, e.getValue());
      if (name.equals(name.toLowerCase(Locale.ROOT))) {
        String upper = "&" + name.toUpperCase(Locale.ROOT);
        if (HtmlUnescaper.unescape(upper).equals(upper)) {
          entities.put(upper, e.getValue().toUpperCase(Locale.ROOT));
        }
      }
    }
    return Map.copyOf(entities);
  }
}
