package dev.crossmodal.vse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TreebankWordTokenizerTest {
  private final TreebankWordTokenizer tokenizer = new TreebankWordTokenizer();

  /** Texts and the words NLTK 3.8 gives for them (tools/make_vse_fixtures.py). */
  static Stream<Arguments> nltkCases() throws IOException {
    try (InputStream in =
        TreebankWordTokenizerTest.class.getResourceAsStream("treebank-cases.json")) {
      JsonNode cases = new ObjectMapper().readTree(in);
      List<Arguments> arguments = new ArrayList<>();
      for (JsonNode c : cases) {
        List<String> tokens = new ArrayList<>();
        c.get("tokens").forEach(t -> tokens.add(t.asText()));
        arguments.add(Arguments.of(c.get("text").asText(), tokens));
      }
      return arguments.stream();
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("nltkCases")
  void splitsLikeNltkWordTokenize(String text, List<String> expected) {
    assertThat(tokenizer.tokenize(text)).containsExactlyElementsOf(expected);
  }

  @Test
  void fixtureCoversAFewHundredTexts() throws IOException {
    assertThat(nltkCases().count()).isGreaterThan(300);
  }

  @Test
  void splitsClitics() {
    assertThat(tokenizer.tokenize("don't stop: it's the dog's toy!"))
        .containsExactly("do", "n't", "stop", ":", "it", "'s", "the", "dog", "'s", "toy", "!");
  }

  @Test
  void splitsOnlyTheFinalPeriodOfTheText() {
    assertThat(tokenizer.tokenize("a dog. a cat."))
        .containsExactly("a", "dog.", "a", "cat", ".");
  }

  @Test
  void turnsDoubleQuotesIntoTreebankQuotes() {
    assertThat(tokenizer.tokenize("she said \"hi\""))
        .containsExactly("she", "said", "``", "hi", "''");
  }

  @Test
  void keepsNumbersWithCommasAndColonsWhole() {
    assertThat(tokenizer.tokenize("3,000 dogs at 12:30, then"))
        .containsExactly("3,000", "dogs", "at", "12:30", ",", "then");
  }

  @Test
  void givesNoWordsForBlankText() {
    assertThat(tokenizer.tokenize(" \t\n\u3000")).isEmpty();
  }
}
