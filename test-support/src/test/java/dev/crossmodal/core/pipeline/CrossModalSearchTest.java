package dev.crossmodal.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.testing.ColorWordsModel;
import dev.crossmodal.testing.TestImages;
import dev.crossmodal.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end with an oracle model whose right answers are known: colours in words and pixels. */
class CrossModalSearchTest {
  @TempDir Path dir;

  private final ColorWordsModel model = new ColorWordsModel();
  private Workspace workspace;
  private Searcher searcher;

  @BeforeEach
  void indexColouredImagesAndCaptions() {
    workspace = Workspace.inMemory(model);
    List<Document> docs = new ArrayList<>();
    for (String color : List.of("red", "green", "blue", "yellow")) {
      docs.add(Document.image("img-" + color, ImageSource.of(TestImages.solid(dir, color + ".png", color))));
      docs.add(
          Document.text("cap-" + color, "a square painted " + color)
              .withTag(Document.TAG_IMAGE_ID, "img-" + color));
    }
    IndexReport report = Indexer.builder(workspace, model).batchSize(3).build().index(docs);
    assertThat(report.indexed(Modality.IMAGE)).isEqualTo(4);
    assertThat(report.indexed(Modality.TEXT)).isEqualTo(4);
    searcher = new Searcher(workspace, model);
  }

  @Test
  void aTextQueryFindsTheImageOfThatColourFirst() {
    List<Match> matches = searcher.search(Document.text("q", "something blue"), 2);

    assertThat(matches).hasSize(2);
    assertThat(matches.get(0).document().id()).isEqualTo("img-blue");
    assertThat(matches.get(0).document().modality()).isEqualTo(Modality.IMAGE);
    assertThat(matches.get(0).score()).isGreaterThan(matches.get(1).score());
  }

  @Test
  void anImageQueryFindsTheCaptionOfItsColourFirst() {
    Path query = TestImages.solid(dir.resolve("queries"), "q.png", "yellow");

    List<Match> matches = searcher.search(Document.image("q", ImageSource.of(query)), 3);

    assertThat(matches.get(0).document().id()).isEqualTo("cap-yellow");
    assertThat(matches).allSatisfy(m -> assertThat(m.document().modality()).isEqualTo(Modality.TEXT));
  }

  @Test
  void sameModalitySearchIsAnOption() {
    List<Match> matches =
        searcher.search(
            Document.text("q", "green"), 1, Set.of(Modality.TEXT), dev.crossmodal.core.IdFilter.ALL);

    assertThat(matches).extracting(m -> m.document().id()).containsExactly("cap-green");
  }

  @Test
  void matchesAreSortedBestFirst() {
    List<Match> matches = searcher.search(Document.text("q", "red"), 4);

    assertThat(matches).extracting(Match::score).isSortedAccordingTo((a, b) -> Float.compare(b, a));
  }

  @Test
  void aFilterRestrictsTheCandidates() {
    List<Match> matches =
        searcher.search(
            Document.text("q", "red"),
            4,
            Set.of(Modality.IMAGE),
            dev.crossmodal.core.IdFilter.except(Set.of("img-red")));

    assertThat(matches).extracting(m -> m.document().id()).doesNotContain("img-red").hasSize(3);
  }

  @Test
  void kOutOfRangeIsRefused() {
    assertThatThrownBy(() -> searcher.search(Document.text("q", "red"), 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("top-k");
  }

  @Test
  void anEmptyTextQueryIsRefused() {
    assertThatThrownBy(() -> searcher.search(Document.text("q", "  "), 3))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
  }
}
