package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.TokenIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClipTokenizerTest {

  static Stream<JsonNode> texts() {
    return Fixtures.texts().stream();
  }

  @ParameterizedTest
  @MethodSource("texts")
  void bundledBpeGivesTheIdsOfOpenAisTokenizer(JsonNode text) {
    TokenIds ids = ClipTokenizer.bundled().encode(text.get("text").asText());

    assertThat(ids.ids()).containsExactly(Fixtures.ints(text.get("ids")));
  }

  @ParameterizedTest
  @MethodSource("texts")
  void vocabJsonAndMergesTxtGiveTheIdsOfOpenAisTokenizerWithThatVocabulary(JsonNode text) {
    ClipTokenizer tokenizer = ClipTokenizer.fromModelDirectory(Fixtures.hfTiny());

    assertThat(tokenizer.encode(text.get("text").asText()).ids())
        .containsExactly(Fixtures.ints(text.get("mini_ids")));
  }

  @Test
  void tokenizerJsonGivesTheSameIdsAsVocabJsonAndMergesTxt() {
    ClipTokenizer fromJson =
        ClipTokenizer.fromTokenizerJson(Fixtures.dir().resolve("hf-tiny-tokenizer.json"));

    for (JsonNode text : Fixtures.texts()) {
      assertThat(fromJson.encode(text.get("text").asText()).ids())
          .as(text.get("text").asText())
          .containsExactly(Fixtures.ints(text.get("mini_ids")));
    }
  }

  @Test
  void tokenizerJsonWithMergesAsPairsIsRead(@TempDir Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(Fixtures.dir().resolve("hf-tiny-tokenizer.json").toFile());
    ArrayNode pairs = json.createArrayNode();
    for (JsonNode merge : root.get("model").get("merges")) {
      String[] parts = merge.asText().split(" ");
      pairs.add(json.createArrayNode().add(parts[0]).add(parts[1]));
    }
    ((ObjectNode) root.get("model")).set("merges", pairs);
    Path file = dir.resolve("tokenizer.json");
    json.writeValue(file.toFile(), root);

    ClipTokenizer tokenizer = ClipTokenizer.fromModelDirectory(dir);

    JsonNode sample = Fixtures.texts().get(1);
    assertThat(tokenizer.encode(sample.get("text").asText()).ids())
        .containsExactly(Fixtures.ints(sample.get("mini_ids")));
  }

  @Test
  void lengthCountsTheIdsBeforePadding() {
    TokenIds ids = ClipTokenizer.bundled().encode("a dog");

    assertThat(ids.length()).isEqualTo(4);
    assertThat(ids.ids()).hasSize(77);
    assertThat(ids.ids()[4]).isZero();
  }

  @Test
  void longTextIsTruncatedToTheContextWithTheEndTokenLast() {
    TokenIds ids = ClipTokenizer.bundled().encode("dog ".repeat(200));

    assertThat(ids.length()).isEqualTo(77);
    assertThat(ids.ids()[76]).isEqualTo(49407);
    assertThat(ids.ids()[75]).isNotEqualTo(49407);
  }

  @Test
  void emptyTextBecomesStartAndEndTokens() {
    assertThat(ClipTokenizer.bundled().encode(" \t ")).isEqualTo(new TokenIds(padded(49406, 49407), 2));
  }

  @Test
  void cleanUnescapesHtmlTwiceCollapsesWhitespaceAndLowerCases() {
    assertThat(ClipTokenizer.clean("  Fish &amp;amp;\t\tCHIPS &lt;3 &notit; &#x42;\u3000"))
        .isEqualTo("fish & chips <3 ¬it; b");
  }

  @Test
  void bpeIdsOmitTheSpecialTokens() {
    assertThat(ClipTokenizer.bundled().bpeIds("a dog")).containsExactly(320, 1929);
  }

  @Test
  void directoryWithoutVocabularyIsRefusedNamingIt(@TempDir Path dir) {
    assertThatThrownBy(() -> ClipTokenizer.fromModelDirectory(dir))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("vocab.json");
  }

  @Test
  void vocabularyWithoutSpecialTokensIsRefused(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("vocab.json"), "{\"a</w>\": 0}");
    Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");

    assertThatThrownBy(() -> ClipTokenizer.fromModelDirectory(dir))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("<|endoftext|>");
  }

  @Test
  void encodingIsSafeFromManyThreads() {
    List<JsonNode> texts = Fixtures.texts();
    texts.parallelStream()
        .forEach(
            t ->
                assertThat(ClipTokenizer.bundled().encode(t.get("text").asText()).ids())
                    .containsExactly(Fixtures.ints(t.get("ids"))));
  }

  private static int[] padded(int... ids) {
    int[] out = new int[77];
    System.arraycopy(ids, 0, out, 0, ids.length);
    return out;
  }

  @Test
  void lowerCasesCapitalSigmaByPythonsFinalSigmaContext() {
    assertThat(ClipTokenizer.clean("ΣΑΣ0 ΟΔΥΣΣΕΥΣ Ο.Σ.Σ")).isEqualTo("σας0 οδυσσευς ο.σ.ς");
  }

  @Test
  void appliesFtfyBeforeTokenizing() {
    assertThat(ClipTokenizer.clean("The cafÃ© doesnâ€™t open")).isEqualTo("the café doesn't open");
  }
}
