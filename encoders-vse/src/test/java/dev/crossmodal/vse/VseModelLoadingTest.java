package dev.crossmodal.vse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VseModelLoadingTest {
  @TempDir Path temp;

  private Path copyOfFixture() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("model"));
    for (String file : new String[] {"image_encoder.onnx", "text_encoder.onnx", "vocab.json"}) {
      Files.copy(TinyModelFixture.dir().resolve(file), dir.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    return dir;
  }

  @Test
  void idIsVseAndAShortHashOfTheFiles() {
    try (VseModel model = VseModel.builder().modelDir(TinyModelFixture.dir()).build()) {
      assertThat(model.id()).matches("vse:[0-9a-f]{16}");
    }
  }

  @Test
  void idChangesWithTheVocabulary() throws IOException {
    Path dir = copyOfFixture();
    String before;
    try (VseModel model = VseModel.builder().modelDir(dir).build()) {
      before = model.id();
    }
    String vocab = Files.readString(dir.resolve("vocab.json"));
    Files.writeString(dir.resolve("vocab.json"), vocab.replace("\"dog\"", "\"hound\""));
    try (VseModel model = VseModel.builder().modelDir(dir).build()) {
      assertThat(model.id()).isNotEqualTo(before);
    }
  }

  @Test
  void missingDirectoryIsNamed() {
    Path missing = temp.resolve("nowhere");
    assertThatThrownBy(() -> VseModel.builder().modelDir(missing).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void missingFileIsNamed() throws IOException {
    Path dir = copyOfFixture();
    Files.delete(dir.resolve("text_encoder.onnx"));
    assertThatThrownBy(() -> VseModel.builder().modelDir(dir).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("text_encoder.onnx");
  }

  @Test
  void vocabularyWithoutSpecialWordsIsRefused() throws IOException {
    Path dir = copyOfFixture();
    Files.writeString(dir.resolve("vocab.json"), "{\"<pad>\": 0, \"dog\": 1}");
    assertThatThrownBy(() -> VseModel.builder().modelDir(dir).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("vocab.json")
        .hasMessageContaining("<start>");
  }

  @Test
  void vocabularyThatIsNotJsonIsRefused() throws IOException {
    Path dir = copyOfFixture();
    Files.writeString(dir.resolve("vocab.json"), "not json", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> VseModel.builder().modelDir(dir).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("vocab.json");
  }

  @Test
  void graphsWithOtherInputsAreRefused() throws IOException {
    Path dir = copyOfFixture();
    Files.copy(dir.resolve("image_encoder.onnx"), dir.resolve("text_encoder.onnx"),
        StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> VseModel.builder().modelDir(dir).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("text_encoder.onnx")
        .hasMessageContaining("tokens");
  }

  @Test
  void fileThatIsNotOnnxIsRefused() throws IOException {
    Path dir = copyOfFixture();
    Files.writeString(dir.resolve("image_encoder.onnx"), "garbage");
    assertThatThrownBy(() -> VseModel.builder().modelDir(dir).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("image_encoder.onnx");
  }

  @Test
  void providerIsRegisteredAsVse() {
    try (CrossModalModel model =
        Models.load(ModelSpec.of("vse").withModelDir(TinyModelFixture.dir()))) {
      assertThat(model).isInstanceOf(VseModel.class);
    }
  }

  @Test
  void autoRecognisesAVseDirectory() {
    try (CrossModalModel model = Models.load(ModelSpec.of("auto").withModelDir(TinyModelFixture.dir()))) {
      assertThat(model).isInstanceOf(VseModel.class);
    }
  }

  @Test
  void providerNeedsAModelDirectory() {
    assertThatThrownBy(() -> Models.load(ModelSpec.of("vse")))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("model directory")
        .hasMessageContaining("convert_vsepp.py");
  }

  @Test
  void providerPassesTheThreadsOption() {
    try (CrossModalModel model =
        Models.load(
            ModelSpec.of("vse").withModelDir(TinyModelFixture.dir()).withOption("threads", "1"))) {
      assertThat(model.dimension()).isPositive();
    }
  }
}
