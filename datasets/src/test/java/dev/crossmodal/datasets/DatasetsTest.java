package dev.crossmodal.datasets;

import static dev.crossmodal.datasets.DatasetFixtures.png;
import static dev.crossmodal.datasets.DatasetFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.InvalidInputException;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path dir;

  @Test
  void flickr8kOpensTheKaggleLayout() throws IOException {
    assertThat(Datasets.open("flickr8k", DatasetFixtures.kaggle(dir), null)).isInstanceOf(Flickr8kDataset.class)
        .satisfies(d -> assertThat(d.name()).startsWith("flickr8k ("));
  }

  @Test
  void flickr8kOriginalOpensTheOriginalLayout() throws IOException {
    png(dir.resolve("Flicker8k_Dataset/a.jpg"), Color.RED);
    text(dir.resolve("Flickr8k.token.txt"), "a.jpg#0\tx\n");
    assertThat(Datasets.open("flickr8k-original", dir, null).name()).startsWith("flickr8k-original");
  }

  @Test
  void karpathyOpensAFolderOrTheSplitFileItself() throws IOException {
    Path json = text(dir.resolve("dataset_flickr8k.json"), "{\"images\": []}");
    assertThat(Datasets.open("karpathy", dir, "test")).isInstanceOf(KarpathyDataset.class);
    assertThat(Datasets.open("karpathy", json, null)).isInstanceOf(KarpathyDataset.class);
  }

  @Test
  void folderAndToyOpenTheirReaders() throws IOException {
    assertThat(Datasets.open("folder", dir, null)).isInstanceOf(FolderDataset.class);
    assertThat(Datasets.open("toy", DatasetFixtures.kaggle(dir.resolve("toy")), null)).isInstanceOf(ToyDataset.class);
  }

  @Test
  void anUnknownFormatIsRefusedListingTheKnownOnes() {
    assertThatThrownBy(() -> Datasets.open("coco", dir, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'coco'")
        .hasMessageContaining("flickr8k-original");
  }

  @Test
  void aSplitForAFormatWithoutSplitsIsRefused() throws IOException {
    DatasetFixtures.kaggle(dir);
    assertThatThrownBy(() -> Datasets.open("flickr8k", dir, "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no splits");
  }
}
