package dev.crossmodal.clip.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TextFixer against ftfy 6.3 itself: {@code ftfy-corpus.json} (made by tools/make_ftfy_corpus.py)
 * holds real-world-like texts and what {@code ftfy.fix_text} returns for each; {@code
 * ftfy-random.json} randomly damaged texts that reach the corners of the mojibake heuristics.
 */
class TextFixerTest {
  static List<JsonNode> corpus() {
    return load("ftfy-corpus.json");
  }

  static List<JsonNode> load(String resource) {
    try (InputStream in = TextFixerTest.class.getResourceAsStream(resource)) {
      List<JsonNode> cases = new ArrayList<>();
      new ObjectMapper().readTree(in).get("cases").forEach(cases::add);
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<JsonNode> cases() {
    return corpus().stream();
  }

  static Stream<JsonNode> randomCases() {
    return load("ftfy-random.json").stream();
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void fixesEachCorpusTextAsFtfyDoes(JsonNode c) {
    assertThat(TextFixer.fixText(c.get("text").asText()))
        .as(c.get("category").asText())
        .isEqualTo(c.get("fixed").asText());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("randomCases")
  void fixesRandomlyDamagedTextAsFtfyDoes(JsonNode c) {
    assertThat(TextFixer.fixText(c.get("text").asText()))
        .as(c.get("category").asText())
        .isEqualTo(c.get("fixed").asText());
  }

  @Test
  void theCorpusCoversEveryKindOfDamage() {
    List<String> categories = corpus().stream().map(c -> c.get("category").asText()).toList();

    assertThat(categories)
        .contains("curly-quotes", "nfd", "fullwidth", "ligatures", "control-chars", "html",
            "terminal-escapes", "emoji", "mojibake-double", "mojibake-lossy", "mojibake-a0-space",
            "mojibake-mixed", "mojibake-cesu8", "c1-controls", "plausible");
    assertThat(categories).hasSizeGreaterThan(300);
  }

  @Test
  void repairsUtf8ReadAsWindows1252() {
    assertThat(TextFixer.fixText("The cafÃ© doesnâ€™t open till 9"))
        .isEqualTo("The café doesn't open till 9");
  }

  @Test
  void repairsDoubleEncodedMojibake() {
    assertThat(TextFixer.fixText("CafÃƒÂ© au lait")).isEqualTo("Café au lait");
  }

  @Test
  void leavesIntendedAccentsAndSymbolsAlone() {
    assertThat(TextFixer.fixText("Björk – Homogenic, 5 £, ½ cup")).isEqualTo("Björk – Homogenic, 5 £, ½ cup");
  }

  @Test
  void decodesOnlySemicolonTerminatedEntitiesAndUpperCaseForms() {
    assertThat(TextFixer.fixText("P&EACUTE;REZ &amp this&not that")).isEqualTo("PÉREZ &amp this&not that");
  }

  @Test
  void keepsEntitiesOnceTheTextContainsALessThanSign() {
    assertThat(TextFixer.fixText("a &amp; b\n<b>c</b> &amp; d")).isEqualTo("a & b\n<b>c</b> &amp; d");
    assertThat(TextFixer.fixText("<b>c</b>\na &amp; b")).isEqualTo("<b>c</b>\na &amp; b");
  }

  @Test
  void normalisesWidthLigaturesQuotesAndAccents() {
    assertThat(TextFixer.fixText("ＬＯＵＤ　ＮＯＩＳＥＳ ﬁsh “it’s” Cafe\u0301"))
        .isEqualTo("LOUD NOISES fish \"it's\" Café");
  }

  @Test
  void removesTerminalEscapesAndInvisibleControls() {
    assertThat(TextFixer.fixText("\u001b[1;31mred\u001b[0m\u0000 dog\ufeff\r\n"))
        .isEqualTo("red dog\n");
  }

  @Test
  void replacesUnpairedSurrogates() {
    assertThat(TextFixer.fixText("a \ud83d b \ud83d\ude00")).isEqualTo("a \ufffd b \ud83d\ude00");
  }

  @Test
  void leavesCleanTextUnchanged() {
    String clean = "A dog runs on the beach, 東京タワー, 😂";
    assertThat(TextFixer.fixText(clean)).isEqualTo(clean);
  }
}
