package dev.crossmodal.datasets;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
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
  void followsLinksToImagesKeptElsewhereWhenAsked() throws IOException {
    Path elsewhere = png(dir.resolve("store/photo.png"), Color.RED);
    Path photos = Files.createDirectories(dir.resolve("photos"));
    Files.createSymbolicLink(photos.resolve("linked.png"), elsewhere);
    assertThat(entries(FolderDataset.of(photos).followingLinksOutside())).singleElement()
        .satisfies(e -> assertThat(e.image().id()).isEqualTo(DocumentIds.imageId(elsewhere)));
  }

  @Test
  void aLinkOutOfTheFolderIsReportedNotFollowed() throws IOException {
    png(dir.resolve("store/photo.png"), Color.RED);
    Path photos = Files.createDirectories(dir.resolve("photos"));
    Files.createSymbolicLink(photos.resolve("proc"), Path.of("/proc"));
    Files.createSymbolicLink(photos.resolve("linked.png"), dir.resolve("store/photo.png"));

    assertThat(entries(FolderDataset.of(photos))).filteredOn(DatasetEntry::hasImage).isEmpty();
    assertThat(DatasetFixtures.problems(FolderDataset.of(photos)))
        .extracting(SkippedItem::item)
        .containsExactly("linked.png", "proc");
    assertThat(DatasetFixtures.problems(FolderDataset.of(photos)))
        .allSatisfy(p -> assertThat(p.reason()).contains("outside the dataset folder"));
  }

  @Test
  void linksFollowedInsideTheFolderStillFindTheirImages() throws IOException {
    Path photo = png(dir.resolve("store/photo.png"), Color.RED);
    Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("store"));

    assertThat(entries(FolderDataset.of(dir))).filteredOn(DatasetEntry::hasImage).isNotEmpty()
        .allSatisfy(e -> assertThat(e.image().id()).isEqualTo(DocumentIds.imageId(photo)));
  }

  @Test
  void danglingAndSelfLinksAreReported() throws IOException {
    png(dir.resolve("photo.png"), Color.RED);
    Files.createSymbolicLink(dir.resolve("gone.png"), dir.resolve("nothing-here.png"));
    Files.createSymbolicLink(dir.resolve("self.png"), dir.resolve("self.png"));

    assertThat(DatasetFixtures.problems(FolderDataset.of(dir)))
        .extracting(SkippedItem::item, p -> p.reason().contains("dangling") || p.reason().contains("loops"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gone.png", true), org.assertj.core.groups.Tuple.tuple("self.png", true));
  }

  @Test
  void aFifoIsReportedAndNeverOpened() throws Exception {
    png(dir.resolve("photo.png"), Color.RED);
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.png").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThat(entries(FolderDataset.of(dir))).filteredOn(DatasetEntry::hasImage).hasSize(1);
    assertThat(DatasetFixtures.problems(FolderDataset.of(dir))).singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("not a regular file"));
  }

  @Test
  void foldersDeeperThanTheLimitAreReported() throws IOException {
    png(dir.resolve("a/b/c/deep.png"), Color.RED);
    png(dir.resolve("a/shallow.png"), Color.RED.darker());

    assertThat(entries(FolderDataset.of(dir).withMaxDepth(2))).filteredOn(DatasetEntry::hasImage).hasSize(1);
    assertThat(DatasetFixtures.problems(FolderDataset.of(dir).withMaxDepth(2))).singleElement()
        .satisfies(p -> assertThat(p.item()).isEqualTo("a/b/c"));
  }

  @Test
  void closingTheStreamStopsAScanOfAHugeTree() throws Exception {
    Files.createSymbolicLink(dir.resolve("proc"), Path.of("/proc"));
    java.util.stream.Stream<DatasetEntry> entries = FolderDataset.of(dir).followingLinksOutside().entries();
    Thread closer = new Thread(() -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
      entries.close();
    });
    closer.start();
    long start = System.nanoTime();

    java.util.List<DatasetEntry> found = entries.toList();

    assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    assertThat(found).flatExtracting(DatasetEntry::problems).extracting(SkippedItem::reason)
        .anySatisfy(r -> assertThat(r).contains("interrupted"));
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
