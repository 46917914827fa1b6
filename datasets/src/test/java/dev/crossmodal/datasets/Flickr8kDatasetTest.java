package dev.crossmodal.datasets;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.crossmodal.datasets.DatasetFixtures.entries;
import static dev.crossmodal.datasets.DatasetFixtures.png;
import static dev.crossmodal.datasets.DatasetFixtures.problems;
import static dev.crossmodal.datasets.DatasetFixtures.text;
import static dev.crossmodal.datasets.DatasetFixtures.withImages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Flickr8kDatasetTest {
  @TempDir Path dir;

  @Test
  void kaggleLayoutGivesOneEntryPerImageWithAllItsCaptions() throws IOException {
    DatasetFixtures.kaggle(dir);
    List<DatasetEntry> entries = entries(Flickr8kDataset.kaggle(dir));
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).captions()).extracting(Document::text)
        .containsExactly("A red square .", "Red, bright and \"square\"");
    assertThat(entries.get(1).captions()).extracting(Document::text).containsExactly("A blue square .");
    assertThat(problems(Flickr8kDataset.kaggle(dir))).isEmpty();
  }

  @Test
  void imageIdIsTheContentHashAndTheSourceNameIsRelativeToTheDataset() throws IOException {
    DatasetFixtures.kaggle(dir);
    Document image = entries(Flickr8kDataset.kaggle(dir)).get(0).image();
    assertThat(image.id()).isEqualTo(DocumentIds.imageId(dir.resolve("images/a.png")));
    assertThat(image.tag(Document.TAG_SOURCE_NAME)).contains("images/a.png");
    assertThat(image.image()).isEqualTo(ImageSource.of(dir.resolve("images/a.png").toAbsolutePath()));
  }

  @Test
  void captionIdsAreImageIdPlusRowIndexAndCaptionsPointToTheirImage() throws IOException {
    DatasetFixtures.kaggle(dir);
    DatasetEntry first = entries(Flickr8kDataset.kaggle(dir)).get(0);
    String imageId = first.image().id();
    assertThat(first.captions()).extracting(Document::id).containsExactly(imageId + "#0", imageId + "#1");
    assertThat(first.captions()).allSatisfy(c -> assertThat(c.tag(Document.TAG_IMAGE_ID)).contains(imageId));
  }

  @Test
  void idsAreTheSameOnEveryRunAndForEveryReaderInstance() throws IOException {
    DatasetFixtures.kaggle(dir);
    List<String> first = allIds(Flickr8kDataset.kaggle(dir));
    List<String> second = allIds(Flickr8kDataset.kaggle(dir));
    assertThat(first).hasSize(5).isEqualTo(second);
  }

  @Test
  void entriesFollowTheFirstMentionOfEachImageEvenWhenRowsAreInterleaved() throws IOException {
    png(dir.resolve("images/z.png"), Color.GREEN);
    png(dir.resolve("images/a.png"), Color.RED);
    text(dir.resolve("captions.txt"), "image,caption\nz.png,first z\na.png,first a\nz.png,second z\n");
    List<DatasetEntry> entries = entries(Flickr8kDataset.kaggle(dir));
    assertThat(entries).extracting(e -> e.image().tag(Document.TAG_SOURCE_NAME).orElseThrow())
        .containsExactly("images/z.png", "images/a.png");
    assertThat(entries.get(0).captions()).extracting(Document::text).containsExactly("first z", "second z");
  }

  @Test
  void aCaptionRowForAMissingImageIsReportedWithItsLineAndName() throws IOException {
    DatasetFixtures.kaggle(dir);
    Files.writeString(dir.resolve("captions.txt"), "gone.jpg,A missing photo\n", java.nio.file.StandardOpenOption.APPEND);
    List<DatasetEntry> entries = entries(Flickr8kDataset.kaggle(dir));
    DatasetEntry last = entries.get(entries.size() - 1);
    assertThat(last.hasImage()).isFalse();
    assertThat(last.captions()).isEmpty();
    assertThat(last.problems()).singleElement().satisfies(p -> {
      assertThat(p.item()).isEqualTo("captions.txt:5 (gone.jpg)");
      assertThat(p.reason()).startsWith("image file not found: ").contains("gone.jpg");
    });
  }

  @Test
  void anEmptyCaptionIsSkippedWithItsLineAndTheImageKeepsItsOtherCaptions() throws IOException {
    png(dir.resolve("images/a.png"), Color.RED);
    text(dir.resolve("captions.txt"), "image,caption\na.png,\"  \"\na.png,A red square\n");
    DatasetEntry entry = entries(Flickr8kDataset.kaggle(dir)).get(0);
    assertThat(entry.hasImage()).isTrue();
    assertThat(entry.problems()).containsExactly(new SkippedItem("captions.txt:2", "empty caption"));
    // The blank row keeps its index, so the next caption's id does not depend on it being blank.
    assertThat(entry.captions()).extracting(Document::id).containsExactly(entry.image().id() + "#1");
  }

  @Test
  void aRowWithTooManyFieldsIsSkippedWithItsLine() throws IOException {
    DatasetFixtures.kaggle(dir);
    Files.writeString(dir.resolve("captions.txt"), "b.png,unquoted, with a comma\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(problems(Flickr8kDataset.kaggle(dir))).singleElement().satisfies(p -> {
      assertThat(p.item()).isEqualTo("captions.txt:5");
      assertThat(p.reason()).contains("expected 2 fields");
    });
    assertThat(withImages(Flickr8kDataset.kaggle(dir)).get(1).captions()).hasSize(1);
  }

  @Test
  void anUnterminatedQuoteIsSkippedWithTheLineItStartsOn() throws IOException {
    DatasetFixtures.kaggle(dir);
    Files.writeString(dir.resolve("captions.txt"), "b.png,\"never closed\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(problems(Flickr8kDataset.kaggle(dir))).singleElement()
        .satisfies(p -> assertThat(p.item()).isEqualTo("captions.txt:5"));
  }

  @Test
  void anImageFileThatCannotBeReadIsSkippedWithoutThrowing() throws IOException {
    DatasetFixtures.kaggle(dir);
    // Tests may run as root, which reads any file whatever its permissions; reading
    // /proc/self/mem at offset 0 fails with an I/O error for every user.
    Files.delete(dir.resolve("images/b.png"));
    Files.createSymbolicLink(dir.resolve("images/b.png"), Path.of("/proc/self/mem"));
    List<DatasetEntry> entries = entries(Flickr8kDataset.kaggle(dir));
    assertThat(entries.get(0).hasImage()).isTrue();
    assertThat(entries.get(1).hasImage()).isFalse();
    assertThat(entries.get(1).problems()).singleElement().satisfies(p -> {
      assertThat(p.item()).isEqualTo("images/b.png");
      assertThat(p.reason()).startsWith("cannot read image file");
    });
    Files.delete(dir.resolve("images/b.png")); // keeps JUnit's temp-dir cleanup from warning
  }

  @Test
  void aSecondFileWithTheSameBytesIsReportedAsADuplicate() throws IOException {
    DatasetFixtures.kaggle(dir);
    Files.copy(dir.resolve("images/a.png"), dir.resolve("images/copy.png"));
    Files.writeString(dir.resolve("captions.txt"), "copy.png,again\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(problems(Flickr8kDataset.kaggle(dir))).singleElement().satisfies(p -> {
      assertThat(p.item()).isEqualTo("images/copy.png");
      assertThat(p.reason()).contains("same content as images/a.png");
    });
  }

  @Test
  void aCaptionsFileWithoutHeaderIsReadFromItsFirstLine() throws IOException {
    png(dir.resolve("images/a.png"), Color.RED);
    text(dir.resolve("captions.txt"), "a.png,A red square\n");
    assertThat(withImages(Flickr8kDataset.kaggle(dir))).singleElement()
        .satisfies(e -> assertThat(e.captions()).hasSize(1));
  }

  @Test
  void anImageNameThatLeavesTheDatasetFolderIsRefused() throws IOException {
    Path data = DatasetFixtures.kaggle(dir.resolve("data"));
    png(dir.resolve("outside.png"), Color.BLACK);
    Files.writeString(data.resolve("captions.txt"), "../../outside.png,x\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(problems(Flickr8kDataset.kaggle(data))).singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("outside the dataset folder"));
  }

  @Test
  void aMissingDatasetFolderIsRefusedNamingTheExpectedLayout() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> Flickr8kDataset.kaggle(missing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("Kaggle Flickr8k layout");
  }

  @Test
  void aFolderWithoutCaptionsTxtIsRefusedNamingTheFile() throws IOException {
    png(dir.resolve("images/a.png"), Color.RED);
    assertThatThrownBy(() -> Flickr8kDataset.kaggle(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no captions.txt")
        .hasMessageContaining("images/");
  }

  @Test
  void originalLayoutReadsTheTokenFile() throws IOException {
    png(dir.resolve("Flicker8k_Dataset/a.jpg"), Color.RED);
    png(dir.resolve("Flicker8k_Dataset/b.jpg"), Color.BLUE);
    text(dir.resolve("Flickr8k.token.txt"),
        "a.jpg#0\tA red square .\na.jpg#1\tRed , bright .\nb.jpg#0\tA blue square .\n");
    List<DatasetEntry> entries = entries(Flickr8kDataset.original(dir));
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).captions()).extracting(Document::text)
        .containsExactly("A red square .", "Red , bright .");
    assertThat(entries.get(0).image().tag(Document.TAG_SOURCE_NAME)).contains("Flicker8k_Dataset/a.jpg");
  }

  @Test
  void originalLayoutGivesTheSameIdsAsKaggleForTheSameData() throws IOException {
    Path kaggle = DatasetFixtures.kaggle(dir.resolve("kaggle"));
    Path original = dir.resolve("original");
    Files.createDirectories(original.resolve("Flicker8k_Dataset"));
    for (String name : List.of("a.png", "b.png")) {
      Files.copy(kaggle.resolve("images").resolve(name), original.resolve("Flicker8k_Dataset").resolve(name));
    }
    text(original.resolve("Flickr8k.token.txt"),
        "a.png#0\tA red square .\na.png#1\tRed, bright\nb.png#0\tA blue square .\n");
    assertThat(allIds(Flickr8kDataset.original(original))).isEqualTo(allIds(Flickr8kDataset.kaggle(kaggle)));
  }

  @Test
  void originalLayoutSkipsALineWithoutTabWithItsLineNumber() throws IOException {
    png(dir.resolve("Flicker8k_Dataset/a.jpg"), Color.RED);
    text(dir.resolve("Flickr8k.token.txt"), "a.jpg#0\tfine\na.jpg#1 no tab here\n");
    assertThat(problems(Flickr8kDataset.original(dir)))
        .containsExactly(new SkippedItem("Flickr8k.token.txt:2", "expected name.jpg#n<TAB>caption"));
  }

  @Test
  void originalLayoutReportsAMissingImageWithItsLine() throws IOException {
    png(dir.resolve("Flicker8k_Dataset/a.jpg"), Color.RED);
    text(dir.resolve("Flickr8k.token.txt"), "a.jpg#0\tfine\ngone.jpg#0\tlost\n");
    assertThat(problems(Flickr8kDataset.original(dir))).singleElement()
        .satisfies(p -> assertThat(p.item()).isEqualTo("Flickr8k.token.txt:2 (gone.jpg)"));
  }

  @Test
  void originalLayoutWithoutTokenFileIsRefusedNamingTheLayout() throws IOException {
    Files.createDirectories(dir.resolve("Flicker8k_Dataset"));
    assertThatThrownBy(() -> Flickr8kDataset.original(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Flickr8k.token.txt")
        .hasMessageContaining("original Flickr8k layout");
  }

  static List<String> allIds(Dataset dataset) {
    return entries(dataset).stream()
        .flatMap(e -> Stream.concat(Stream.ofNullable(e.image()), e.captions().stream()))
        .map(Document::id)
        .toList();
  }
}
