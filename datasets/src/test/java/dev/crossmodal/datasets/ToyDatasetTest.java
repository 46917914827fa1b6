package dev.crossmodal.datasets;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.dataset.DatasetEntry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import static dev.crossmodal.datasets.DatasetFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks the toy set committed at the repository root, which the README's main job runs on. */
class ToyDatasetTest {
  // Surefire runs in the module folder; the toy set lives one level up, at the repository root.
  private static final Path TOY = Path.of("..").resolve(ToyDataset.DEFAULT_DIR);

  @Test
  void theBundledToySetHasAboutTwentyImagesWithTwoToFiveCaptionsEach() {
    List<DatasetEntry> entries = entries(ToyDataset.of(TOY));
    assertThat(entries).hasSizeBetween(18, 24).allSatisfy(e -> {
      assertThat(e.hasImage()).isTrue();
      assertThat(e.captions()).hasSizeBetween(2, 5);
      assertThat(e.problems()).isEmpty();
    });
  }

  @Test
  void theBundledToyImagesAreAllDifferent() {
    List<String> ids = entries(ToyDataset.of(TOY)).stream().map(e -> e.image().id()).toList();
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void theToySetIsNamedToy() {
    assertThat(ToyDataset.of(TOY).name()).startsWith("toy");
  }

  @Test
  void toyCaptionsAreDistinctTexts() {
    List<String> texts = entries(ToyDataset.of(TOY)).stream()
        .flatMap(e -> e.captions().stream()).map(Document::text).toList();
    assertThat(texts).doesNotHaveDuplicates();
  }
}
