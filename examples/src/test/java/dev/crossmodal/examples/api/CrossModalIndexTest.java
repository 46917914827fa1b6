package dev.crossmodal.examples.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.CrossModalIndex;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.IndexReport;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.Match;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.SearchOptions;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry object: build, search every direction, reopen with the recorded model. */
class CrossModalIndexTest {
  @TempDir Path tmp;
  Path data;
  Path modelDir;
  Path ws;

  @BeforeEach
  void flickrStyleData() throws IOException {
    data = tmp.resolve("data");
    TestImages.solid(data.resolve("images"), "red.png", "red");
    TestImages.solid(data.resolve("images"), "blue.png", "blue");
    TestImages.solid(data.resolve("images"), "green.png", "green");
    Files.writeString(data.resolve("captions.txt"), """
        image,caption
        red.png,a red square
        red.png,something red
        blue.png,a blue square
        green.png,a green square
        """);
    modelDir = Files.createDirectories(tmp.resolve("model"));
    ws = tmp.resolve("ws");
  }

  private static String fileName(Match match) {
    return Path.of(match.uri().orElseThrow()).getFileName().toString();
  }

  private CrossModalIndex create() {
    return CrossModalIndex.openOrCreate(ws, ModelSpec.of("color-words").withModelDir(modelDir));
  }

  @Test
  void addDatasetIndexesImagesAndCaptionsByFormatName() {
    try (CrossModalIndex index = create()) {
      IndexReport report = index.addDataset("flickr8k", data);
      assertThat(report.indexed(Modality.IMAGE)).isEqualTo(3);
      assertThat(report.indexed(Modality.TEXT)).isEqualTo(4);
      assertThat(index.addDataset("flickr8k", data).indexed(Modality.IMAGE)).isZero();
    }
  }

  @Test
  void aTextFindsImagesWithTheirUri() {
    try (CrossModalIndex index = create()) {
      index.addDataset("flickr8k", data);
      List<Match> images = index.searchText("a blue car", 2);
      assertThat(images).hasSize(2);
      assertThat(images.get(0).modality()).isEqualTo(Modality.IMAGE);
      assertThat(images.get(0).uri()).contains(data.resolve("images/blue.png").toAbsolutePath().toUri());
      assertThat(images.get(0).text()).isEmpty();
    }
  }

  @Test
  void anImageFindsCaptionsWithTheirText() {
    try (CrossModalIndex index = create()) {
      index.addDataset("flickr8k", data);
      List<Match> captions = index.searchImage(data.resolve("images/red.png"), 2);
      assertThat(captions).extracting(m -> m.text().orElseThrow())
          .containsExactlyInAnyOrder("a red square", "something red");
      assertThat(captions.get(0).uri()).isEmpty();
    }
  }

  @Test
  void similarImagesAndTextsStayInTheQuerysModality() {
    try (CrossModalIndex index = create()) {
      index.addDataset("flickr8k", data);
      assertThat(index.similarImages(data.resolve("images/green.png"), 1))
          .extracting(CrossModalIndexTest::fileName).containsExactly("green.png");
      assertThat(index.similarTexts("green", 1)).extracting(m -> m.text().orElseThrow())
          .containsExactly("a green square");
    }
  }

  @Test
  void searchOptionsChooseTheModalityAndDropLowScores() {
    try (CrossModalIndex index = create()) {
      index.addDataset("flickr8k", data);
      List<Match> texts = index.searchText("red", SearchOptions.top(10).withModality(Modality.TEXT));
      assertThat(texts).allSatisfy(m -> assertThat(m.modality()).isEqualTo(Modality.TEXT));
      float best = texts.get(0).score();
      assertThat(index.searchText("red", SearchOptions.top(10).withModality(Modality.TEXT).withMinScore(best)))
          .allSatisfy(m -> assertThat(m.score()).isGreaterThanOrEqualTo(best))
          .hasSizeLessThan(texts.size());
    }
  }

  @Test
  void addTakesDocumentsOfAnyModality() {
    try (CrossModalIndex index = create()) {
      index.add(List.of(Document.text("t1", "purple rain")));
      assertThat(index.similarTexts("purple", 1)).extracting(Match::id).containsExactly("t1");
    }
  }

  @Test
  void openReusesTheRecordedModelAndItsRuntimeOptionsAreNotRecorded() throws IOException {
    try (CrossModalIndex index = CrossModalIndex.openOrCreate(
        ws, ModelSpec.of("color-words").withModelDir(modelDir).withOption("threads", "3"))) {
      index.addDataset("flickr8k", data);
    }
    assertThat(Files.readString(ws.resolve("manifest.json")))
        .contains("color-words").contains(modelDir.toString()).doesNotContain("threads");
    try (CrossModalIndex index = CrossModalIndex.open(ws)) {
      assertThat(index.searchText("red", 1)).extracting(CrossModalIndexTest::fileName).containsExactly("red.png");
    }
  }

  @Test
  void aMovedModelIsReportedNamingModelDirAndAnOverrideOpensIt() throws IOException {
    try (CrossModalIndex index = create()) {
      index.addDataset("flickr8k", data);
    }
    Path moved = Files.move(modelDir, tmp.resolve("moved"));
    assertThatThrownBy(() -> CrossModalIndex.open(ws))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(modelDir.toString())
        .hasMessageContaining("--model-dir");
    try (CrossModalIndex index = CrossModalIndex.open(ws, moved)) {
      assertThat(index.searchText("blue", 1)).extracting(CrossModalIndexTest::fileName).containsExactly("blue.png");
    }
  }

  @Test
  void aReadOnlyIndexSearchesBesideAWriterAndRefusesToAdd() {
    try (CrossModalIndex writer = create()) {
      writer.addDataset("flickr8k", data);
      try (CrossModalIndex reader = CrossModalIndex.openReadOnly(ws, null)) {
        assertThat(reader.searchText("red", 1)).extracting(CrossModalIndexTest::fileName).containsExactly("red.png");
        assertThatThrownBy(() -> reader.addFolder(data.resolve("images")))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
      }
    }
  }

  @Test
  void anUnknownFormatOrMissingQueryImageIsNamed() {
    try (CrossModalIndex index = create()) {
      assertThatThrownBy(() -> index.addDataset("coco", data))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("'coco'");
      assertThatThrownBy(() -> index.searchImage(tmp.resolve("nope.jpg"), 3))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope.jpg");
    }
  }
}
