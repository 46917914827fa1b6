package dev.crossmodal.datasets;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.SkippedItem;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.crossmodal.datasets.DatasetFixtures.entries;
import static dev.crossmodal.datasets.DatasetFixtures.png;
import static dev.crossmodal.datasets.DatasetFixtures.problems;
import static dev.crossmodal.datasets.DatasetFixtures.text;
import static dev.crossmodal.datasets.DatasetFixtures.withImages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KarpathyDatasetTest {
  @TempDir Path dir;

  private static final String JSON = """
      {"images": [
        {"filename": "a.jpg", "imgid": 0, "split": "train", "sentids": [0, 1],
         "sentences": [{"raw": "A red square.", "tokens": ["a", "red", "square"], "imgid": 0, "sentid": 0},
                       {"raw": "Red, bright.", "tokens": ["red", "bright"], "imgid": 0, "sentid": 1}]},
        {"filename": "b.jpg", "imgid": 1, "split": "test", "sentids": [2, 3],
         "sentences": [{"raw": "A blue square.", "imgid": 1, "sentid": 2},
                       {"raw": "  ", "imgid": 1, "sentid": 3}]},
        {"filename": "c.jpg", "imgid": 2, "split": "val", "sentences": [{"raw": "A green square."}]}
      ], "dataset": "flickr30k"}
      """;

  private void writeImages(String folder) throws IOException {
    Path images = folder.isEmpty() ? dir : dir.resolve(folder);
    png(images.resolve("a.jpg"), Color.RED);
    png(images.resolve("b.jpg"), Color.BLUE);
    png(images.resolve("c.jpg"), Color.GREEN);
  }

  @Test
  void readsEveryImageAndItsRawSentencesWhenNoSplitIsGiven() throws IOException {
    writeImages("flickr30k-images");
    text(dir.resolve("dataset_flickr30k.json"), JSON);
    var entries = withImages(KarpathyDataset.of(dir, null, null));
    assertThat(entries).hasSize(3);
    assertThat(entries.get(0).captions()).extracting(Document::text).containsExactly("A red square.", "Red, bright.");
    assertThat(entries.get(0).image().tag(Document.TAG_SOURCE_NAME)).contains("flickr30k-images/a.jpg");
  }

  @Test
  void aSplitSelectsOnlyItsImages() throws IOException {
    writeImages("images");
    text(dir.resolve("dataset_flickr30k.json"), JSON);
    assertThat(withImages(KarpathyDataset.of(dir, null, "test")))
        .extracting(e -> e.image().tag(Document.TAG_SOURCE_NAME).orElseThrow())
        .containsExactly("images/b.jpg");
  }

  @Test
  void anEmptySentenceIsSkippedNamingItsPlaceInTheFile() throws IOException {
    writeImages("images");
    text(dir.resolve("dataset_flickr30k.json"), JSON);
    assertThat(problems(KarpathyDataset.of(dir, null, "test"))).containsExactly(
        new SkippedItem("dataset_flickr30k.json:images[1].sentences[1]", "empty caption"));
  }

  @Test
  void findsImagesInTheOriginalFlickr8kFolder() throws IOException {
    writeImages("Flicker8k_Dataset");
    text(dir.resolve("dataset_flickr8k.json"), JSON);
    assertThat(problems(KarpathyDataset.of(dir, null, "train"))).isEmpty();
    assertThat(withImages(KarpathyDataset.of(dir, null, "train"))).hasSize(1);
  }

  @Test
  void findsImagesBesideTheSplitFile() throws IOException {
    writeImages("");
    text(dir.resolve("dataset_flickr8k.json"), JSON);
    assertThat(withImages(KarpathyDataset.of(dir, null, null))).hasSize(3);
  }

  @Test
  void prefersTheFolderThatHoldsTheListedImages() throws IOException {
    png(dir.resolve("images/unrelated.jpg"), Color.BLACK);
    writeImages("flickr30k-images");
    text(dir.resolve("dataset_flickr30k.json"), JSON);
    assertThat(problems(KarpathyDataset.of(dir, null, null))).extracting(SkippedItem::reason)
        .containsExactly("empty caption");
  }

  @Test
  void anExplicitSplitFileIsUsed() throws IOException {
    writeImages("images");
    Path json = text(dir.resolve("splits/my.json"), JSON);
    assertThat(withImages(KarpathyDataset.of(dir, json, "val"))).hasSize(1);
  }

  @Test
  void aListedImageThatIsMissingIsReported() throws IOException {
    png(dir.resolve("images/a.jpg"), Color.RED);
    text(dir.resolve("dataset_flickr30k.json"), JSON);
    assertThat(entries(KarpathyDataset.of(dir, null, "val"))).singleElement().satisfies(e -> {
      assertThat(e.hasImage()).isFalse();
      assertThat(e.problems()).singleElement().satisfies(p -> {
        assertThat(p.item()).isEqualTo("dataset_flickr30k.json:images[2] (c.jpg)");
        assertThat(p.reason()).startsWith("image file not found");
      });
    });
  }

  @Test
  void anUnknownSplitIsRefusedListingTheSplits() throws IOException {
    text(dir.resolve("dataset_flickr30k.json"), JSON);
    assertThatThrownBy(() -> KarpathyDataset.of(dir, null, "testing"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("testing")
        .hasMessageContaining("restval");
  }

  @Test
  void aFolderWithoutSplitFileIsRefused() throws IOException {
    writeImages("images");
    assertThatThrownBy(() -> KarpathyDataset.of(dir, null, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no dataset_*.json");
  }

  @Test
  void aFolderWithSeveralSplitFilesAsksWhichOne() throws IOException {
    text(dir.resolve("dataset_flickr30k.json"), JSON);
    text(dir.resolve("dataset_flickr8k.json"), JSON);
    assertThatThrownBy(() -> KarpathyDataset.of(dir, null, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dataset_flickr30k.json")
        .hasMessageContaining("dataset_flickr8k.json");
  }

  @Test
  void aJsonFileOfAnotherShapeIsRefusedWhenRead() throws IOException {
    text(dir.resolve("dataset_flickr30k.json"), "{\"annotations\": []}");
    KarpathyDataset dataset = KarpathyDataset.of(dir, null, null);
    assertThatThrownBy(() -> entries(dataset))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not in Karpathy's format");
  }

  @Test
  void brokenJsonIsRefusedNamingTheFile() throws IOException {
    text(dir.resolve("dataset_flickr30k.json"), "{\"images\": [ {\"filename\": ");
    KarpathyDataset dataset = KarpathyDataset.of(dir, null, null);
    assertThatThrownBy(() -> entries(dataset))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dataset_flickr30k.json");
  }
}
