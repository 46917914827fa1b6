package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.TokenIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Token ids against openai/CLIP's {@code simple_tokenizer.py}, which runs ftfy first, on the
 * real-world-like texts of {@code text/ftfy-corpus.json} and the randomly damaged ones of {@code
 * text/ftfy-random.json} (tools/make_ftfy_corpus.py).
 */
class ClipTokenizerFtfyCorpusTest {
  static Stream<JsonNode> cases() {
    return load("text/ftfy-corpus.json");
  }

  static Stream<JsonNode> randomCases() {
    return load("text/ftfy-random.json");
  }

  private static Stream<JsonNode> load(String resource) {
    try (InputStream in = ClipTokenizerFtfyCorpusTest.class.getResourceAsStream(resource)) {
      List<JsonNode> cases = new ArrayList<>();
      new ObjectMapper().readTree(in).get("cases").forEach(cases::add);
      return cases.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void givesTheIdsOfOpenAisTokenizerWithFtfy(JsonNode c) {
    assertIdsMatch(c);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("randomCases")
  void givesTheIdsOfOpenAisTokenizerWithFtfyOnRandomlyDamagedText(JsonNode c) {
    assertIdsMatch(c);
  }

  private static void assertIdsMatch(JsonNode c) {
    TokenIds ids = ClipTokenizer.bundled().encode(c.get("text").asText());

    int[] expected = Fixtures.ints(c.get("ids"));
    assertThat(ids.length()).as(c.get("category").asText()).isEqualTo(expected.length);
    assertThat(Arrays.copyOf(ids.ids(), ids.length())).as(c.get("category").asText()).containsExactly(expected);
  }
}
