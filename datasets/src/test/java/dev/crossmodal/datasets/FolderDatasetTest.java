package dev.crossmodal.datasets;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.DatasetEntry;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.crossmodal.datasets.DatasetFixtures.entries;
import static dev.crossmodal.datasets.DatasetFixtures.png;
import static dev.crossmodal.datasets.DatasetFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FolderDatasetTest {
  @TempDir Path dir;

  @Test
  void readsImagesInAllSubFoldersSortedByPath() throws IOException {
    png(dir.resolve("b.png"), Color.RED);
    png(dir.resolve("a/z.JPG"), Color.BLUE);
    png(dir.resolve("a/c.jpeg"), Color.GREEN);
    assertThat(entries(FolderDataset.of(dir)))
        .extracting(e -> e.image().tag(Document.TAG_SOURCE_NAME).orElseThrow())
        .containsExactly("a/c.jpeg", "a/z.JPG", "b.png");
  }

  @Test
  void leavesOutFilesWithoutAnImageExtensionAndHiddenFiles() throws IOException {
    png(dir.resolve("photo.png"), Color.RED);
    text(dir.resolve("notes.txt"), "hello");
    png(dir.resolve(".thumb.png"), Color.BLUE);
    png(dir.resolve(".cache/x.png"), Color.GREEN);
    assertThat(entries(FolderDataset.of(dir))).singleElement()
        .satisfies(e -> assertThat(e.image().tag(Document.TAG_SOURCE_NAME)).contains("photo.png"));
  }

  @Test
  void imagesHaveContentIdsAndNoCaptions() throws IOException {
    Path file = png(dir.resolve("photo.png"), Color.RED);
    assertThat(entries(FolderDataset.of(dir))).singleElement().satisfies(e -> {
      assertThat(e.image().id()).isEqualTo(DocumentIds.imageId(file));
      assertThat(e.captions()).isEmpty();
      assertThat(e.problems()).isEmpty();
    });
  }

  @Test
  void followsLinksToImagesKeptElsewhere() throws IOException {
    Path elsewhere = png(dir.resolve("store/photo.png"), Color.RED);
    Path photos = Files.createDirectories(dir.resolve("photos"));
    Files.createSymbolicLink(photos.resolve("linked.png"), elsewhere);
    assertThat(entries(FolderDataset.of(photos))).singleElement()
        .satisfies(e -> assertThat(e.image().id()).isEqualTo(DocumentIds.imageId(elsewhere)));
  }

  @Test
  void aLinkLoopIsReportedInsteadOfFollowedForever() throws IOException {
    png(dir.resolve("sub/photo.png"), Color.RED);
    Files.createSymbolicLink(dir.resolve("sub/loop"), dir);
    assertThat(entries(FolderDataset.of(dir))).filteredOn(DatasetEntry::hasImage).hasSize(1);
    assertThat(DatasetFixtures.problems(FolderDataset.of(dir))).singleElement()
        .satisfies(p -> {
          assertThat(p.item()).isEqualTo("sub/loop");
          assertThat(p.reason()).contains("loops back");
        });
  }

  @Test
  void aMissingFolderIsRefused() {
    assertThatThrownBy(() -> FolderDataset.of(dir.resolve("nope")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("folder of image files");
  }
}
