package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.TokenIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceTextTokenizerTest {
  private static final Path BERT = FamilyFixtures.chineseClip().resolve("tokenizer.json");
  private static final Path SENTENCEPIECE = FamilyFixtures.siglip().resolve("tokenizer.json");

  @Test
  void padsWithTheGivenIdToTheContextLengthAndCountsOnlyTheRealIds() {
    try (HuggingFaceTextTokenizer tokenizer = new HuggingFaceTextTokenizer(BERT, 12, 0)) {
      TokenIds ids = tokenizer.encode("一个");

      assertThat(ids.ids()).hasSize(12);
      assertThat(ids.length()).isEqualTo(4);
      assertThat(ids.ids()[0]).isEqualTo(101);
      assertThat(ids.ids()[3]).isEqualTo(102);
      assertThat(ids.ids()[4]).isZero();
    }
  }

  @Test
  void truncationKeepsTheClosingSpecialToken() {
    try (HuggingFaceTextTokenizer tokenizer = new HuggingFaceTextTokenizer(BERT, 6, 0)) {
      TokenIds ids = tokenizer.encode("一个男人在海滩上跑");

      assertThat(ids.length()).isEqualTo(6);
      assertThat(ids.ids()[5]).isEqualTo(102);
    }
  }

  @Test
  void aTokenizerJsonThatPadsByItselfGivesTheSameIdsAndLength(@TempDir Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(BERT.toFile());
    ObjectNode padding = root.putObject("padding");
    padding.putObject("strategy").put("Fixed", 30);
    padding.put("direction", "Right");
    padding.put("pad_to_multiple_of", (String) null);
    padding.put("pad_id", 0);
    padding.put("pad_type_id", 0);
    padding.put("pad_token", "[PAD]");
    Path padded = dir.resolve("tokenizer.json");
    json.writeValue(padded.toFile(), root);

    try (HuggingFaceTextTokenizer plain = new HuggingFaceTextTokenizer(BERT, 16, 0);
        HuggingFaceTextTokenizer selfPadding = new HuggingFaceTextTokenizer(padded, 16, 0)) {
      assertThat(selfPadding.encode("两只狗")).isEqualTo(plain.encode("两只狗"));
    }
  }

  @Test
  void sentencePieceFilesGetSentencePiecesFinalStripAndOthersAreLeftAsTheyAre() throws IOException {
    assertThat(HuggingFaceTextTokenizer.withSentencePieceStrip(BERT)).isEqualTo(Files.readAllBytes(BERT));

    var steps = new ObjectMapper().readTree(HuggingFaceTextTokenizer.withSentencePieceStrip(SENTENCEPIECE))
        .at("/normalizer/normalizers");
    assertThat(steps.get(steps.size() - 1).path("type").asText()).isEqualTo("Strip");
  }

  @Test
  void specialTokenCountIsWhatAnEmptyTextEncodesTo() {
    try (HuggingFaceTextTokenizer bert = new HuggingFaceTextTokenizer(BERT, 52, 0);
        HuggingFaceTextTokenizer sentencePiece = new HuggingFaceTextTokenizer(SENTENCEPIECE, 64, 1)) {
      assertThat(bert.specialTokenCount()).isEqualTo(2);
      assertThat(sentencePiece.specialTokenCount()).isEqualTo(1);
    }
  }
}
