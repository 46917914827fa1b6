package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.crossmodal.core.CrossModalModel;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.ScoreCalibration;
import dev.crossmodal.image.ImageTransform;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipFamilyModelTest {

  @Test
  void familyIsReadFromConfigModelType() {
    assertThat(ClipFamily.detect(FamilyFixtures.siglip())).contains(ClipFamily.SIGLIP);
    assertThat(ClipFamily.detect(FamilyFixtures.chineseClip())).contains(ClipFamily.CHINESE_CLIP);
    assertThat(ClipFamily.detect(Fixtures.hfTiny())).contains(ClipFamily.CLIP);
    assertThat(ClipFamily.detect(Fixtures.openAiTinyJit())).contains(ClipFamily.CLIP);
  }

  @Test
  void autoLoadsTheFamilyTheDirectoryHolds() {
    try (CrossModalModel model = Models.load(ModelSpec.of("auto").withModelDir(FamilyFixtures.chineseClip()))) {
      assertThat(model).isInstanceOf(ClipFamilyModel.class);
      assertThat(((ClipFamilyModel) model).family()).isEqualTo(ClipFamily.CHINESE_CLIP);
      assertThat(model.id()).startsWith("chinese-clip:sha256:");
    }
  }

  @Test
  void autoWithoutADirectoryIsRefusedClearly() {
    assertThatThrownBy(() -> Models.load(ModelSpec.of("auto")))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("'auto'");
  }

  @Test
  void siglipsCalibratedScoreIsTheSigmoidOfItsOwnLogits() {
    try (ClipFamilyModel siglip = ClipFamilyModel.builder().modelDir(FamilyFixtures.siglip()).threads(1).build()) {
      ScoreCalibration calibration = siglip.scoreCalibration().orElseThrow();

      ScoreCalibration.Sigmoid sigmoid = (ScoreCalibration.Sigmoid) calibration;
      assertThat(sigmoid.scale()).isCloseTo(FamilyFixtures.family("siglip").path("logit_scale_exp").asDouble(), within(1e-3));
      assertThat(sigmoid.bias()).isCloseTo(FamilyFixtures.family("siglip").path("logit_bias").asDouble(), within(1e-3));
      assertThat(calibration.score(0.0)).isCloseTo(1 / (1 + Math.exp(-sigmoid.bias())), within(1e-12));
    }
  }

  @Test
  void chineseClipHasNoCalibratedScore() {
    try (ClipFamilyModel model = ClipFamilyModel.builder().modelDir(FamilyFixtures.chineseClip()).threads(1).build()) {
      assertThat(model.scoreCalibration()).isEmpty();
    }
  }

  @Test
  void bothFamiliesSquashImagesToTheConfiguredSizeWithoutCropping() {
    try (ClipFamilyModel model = ClipFamilyModel.builder().modelDir(FamilyFixtures.siglip()).threads(1).build()) {
      ImageTransform transform = model.imageTransform();
      assertThat(transform.resizeWidth()).isEqualTo(224);
      assertThat(transform.resizeHeight()).isEqualTo(224);
      assertThat(transform.crops()).isFalse();
      assertThat(transform.convertToRgbFirst()).isTrue();
      assertThat(transform.mean()).containsExactly(0.5f, 0.5f, 0.5f);
    }
  }

  @Test
  void aDirectoryOfAnotherFamilyIsRefusedNamingBoth() {
    assertThatThrownBy(
            () -> ClipFamilyModel.builder().modelDir(FamilyFixtures.chineseClip()).family(ClipFamily.SIGLIP).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("chinese-clip")
        .hasMessageContaining("not siglip");
  }

  @Test
  void clipModelPointsASiglipDirectoryToItsFamily() {
    assertThatThrownBy(() -> ClipModel.builder().modelDir(FamilyFixtures.siglip()).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("--model siglip");
  }

  @Test
  void aDirectoryWithoutTheTokenizerSaysWhatIsMissing(@TempDir Path dir) throws IOException {
    Files.copy(FamilyFixtures.siglip().resolve("config.json"), dir.resolve("config.json"));
    Files.copy(FamilyFixtures.siglip().resolve("preprocessor_config.json"), dir.resolve("preprocessor_config.json"));

    assertThatThrownBy(() -> ClipFamilyModel.builder().modelDir(dir).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("tokenizer.json")
        .hasMessageContaining("onnx/model.onnx");
  }

  @Test
  void rejectEmptyTextCountsTheFamilysOwnSpecialTokens() {
    try (ClipFamilyModel siglip =
        ClipFamilyModel.builder().modelDir(FamilyFixtures.siglip()).rejectEmptyText(true).threads(1).build()) {
      assertThatThrownBy(() -> siglip.textEncoder().prepare(Document.text("e", " !? ")))
          .isInstanceOf(InvalidInputException.class);
      assertThat(siglip.textEncoder().prepare(Document.text("a", "a dog")).length()).isGreaterThan(1);
    }
  }

  @Test
  void siglipFromModelOnnxAloneGivesTheSameEmbeddings(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("onnx"));
    for (String file : List.of("config.json", "preprocessor_config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx")) {
      Files.copy(FamilyFixtures.siglip().resolve(file), dir.resolve(file));
    }
    try (ClipFamilyModel combined = ClipFamilyModel.builder().modelDir(dir).threads(1).build()) {
      for (JsonNode text : FamilyFixtures.list(FamilyFixtures.REFERENCE, "siglip", "texts")) {
        float[] vector = combined.textEncoder().encode(Document.text("t", text.path("text").asText()));
        assertThat(Fixtures.cosine(vector, Fixtures.floats(text.path("embedding"))))
            .as(text.path("kind").asText())
            .isGreaterThanOrEqualTo(0.99999);
      }
      JsonNode image = FamilyFixtures.list(FamilyFixtures.REFERENCE, "siglip", "images").get(0);
      float[] vector =
          combined.imageEncoder().encode(
              Document.image("i", ImageSource.of(FamilyFixtures.dir().resolve("images").resolve(image.path("file").asText()))));
      assertThat(Fixtures.cosine(vector, Fixtures.floats(image.path("embedding")))).isGreaterThanOrEqualTo(0.99999);
    }
  }
}
