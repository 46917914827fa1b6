package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.StagedEncoder;
import dev.crossmodal.core.TokenIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipModelTest {

  @Test
  void missingPathIsRefusedNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere");

    assertThatThrownBy(() -> ClipModel.builder().modelDir(missing).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void directoryWithoutOnnxFilesIsRefusedNamingWhatIsMissing(@TempDir Path dir) throws IOException {
    copyTree(Fixtures.hfTiny(), dir);
    Files.delete(dir.resolve("onnx/vision_model.onnx"));

    assertThatThrownBy(() -> ClipModel.builder().modelDir(dir).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("onnx/vision_model.onnx");
  }

  @Test
  void fileThatIsNeitherLayoutIsRefused(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("model.bin"), "x");

    assertThatThrownBy(() -> ClipModel.builder().modelDir(file).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void corruptTorchScriptFileIsRefusedNamingIt(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("ViT-B-32.pt"), "not a zip archive");

    assertThatThrownBy(() -> ClipModel.builder().modelDir(file).build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void engineThatDoesNotMatchTheLayoutIsRefused() {
    assertThatThrownBy(() -> ClipModel.builder().modelDir(Fixtures.hfTiny()).engine("PyTorch").build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("OnnxRuntime");
  }

  @Test
  void hfLayoutReportsItsDimensionFromConfigAndItsLayout() {
    try (ClipModel model = ClipModel.builder().modelDir(Fixtures.hfTiny()).build()) {
      assertThat(model.dimension()).isEqualTo(16);
      assertThat(model.layout()).isEqualTo(ClipModel.Layout.HUGGING_FACE_ONNX);
      assertThat(model.encoder(Modality.IMAGE).dimension()).isEqualTo(16);
    }
  }

  @Test
  void preprocessorConfigDecidesTheImageStatistics() {
    try (ClipModel model = ClipModel.builder().modelDir(Fixtures.hfTiny()).build()) {
      assertThat(model.imageTransform().mean()).containsExactly(0.5f, 0.4f, 0.3f);
      assertThat(model.imageTransform().std()).containsExactly(0.2f, 0.25f, 0.3f);
      assertThat(model.imageTransform().cropSize()).isEqualTo(224);
    }
  }

  @Test
  void idIsAHashOfTheWeightsUnlessGiven() {
    try (ClipModel hashed = ClipModel.builder().modelDir(Fixtures.hfTiny()).build();
        ClipModel named = ClipModel.builder().modelDir(Fixtures.hfTiny()).id("clip:tiny").build()) {
      assertThat(hashed.id()).matches("clip:sha256:[0-9a-f]{16}");
      assertThat(named.id()).isEqualTo("clip:tiny");
    }
  }

  @Test
  void emptyTextIsEncodedAsOpenAiDoesByDefault() {
    try (ClipModel model = ClipModel.builder().modelDir(Fixtures.hfTiny()).build()) {
      assertThat(model.encoder(Modality.TEXT).encode(Document.text("e", "  "))).hasSize(16);
    }
  }

  @Test
  void emptyTextIsRefusedWhenAskedTo() {
    try (ClipModel model = ClipModel.builder().modelDir(Fixtures.hfTiny()).rejectEmptyText(true).build()) {
      assertThatThrownBy(() -> model.encoder(Modality.TEXT).encode(Document.text("e", " &#32; ")))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("e")
          .hasMessageContaining("empty");
    }
  }

  @Test
  void corruptImageIsRefusedNamingIt(@TempDir Path dir) throws IOException {
    Path bad = Files.writeString(dir.resolve("broken.jpg"), "not an image");
    try (ClipModel model = ClipModel.builder().modelDir(Fixtures.hfTiny()).build()) {
      assertThatThrownBy(
              () -> model.encoder(Modality.IMAGE)
                  .encode(Document.image("b", dev.crossmodal.core.ImageSource.of(bad))))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("broken.jpg");
    }
  }

  @Test
  void unknownModalityIsRefused() {
    try (ClipModel model = ClipModel.builder().modelDir(Fixtures.hfTiny()).build()) {
      Modality title = Modality.of("title", Modality.ContentKind.TEXT);
      assertThatThrownBy(() -> model.encoder(title)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  void textEncoderFeedsTheModelTheIdsOfTheFixedText() throws Exception {
    try (ClipModel clip = ClipModel.builder().modelDir(Fixtures.hfTiny()).build()) {
      StagedEncoder<?> text = (StagedEncoder<?>) clip.encoder(Modality.TEXT);

      Object damaged = text.prepare(Document.text("a", "The cafÃ© doesnâ€™t open \u001b[1mtoday\u001b[0m"));
      Object clean = text.prepare(Document.text("b", "The café doesn't open today"));

      assertThat(damaged).isInstanceOf(TokenIds.class).isEqualTo(clean);
    }
  }
}
