package dev.crossmodal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrievalEvaluatorTest {
  private final List<CountingIndex> indexes = new ArrayList<>();

  private RetrievalEvaluator evaluator() {
    return RetrievalEvaluator.builder()
        .model(new VectorLiteralModel(3))
        .indexes(
            dimension -> {
              CountingIndex index = new CountingIndex(dimension);
              indexes.add(index);
              return index;
            })
        .batchSize(2)
        .queryBatchSize(3)
        .build();
  }

  private static DatasetEntry entry(String imageId, String imageVector, String... captionVectors) {
    Document image =
        Document.image(
            imageId, ImageSource.of(imageId + ".jpg", imageVector.getBytes(StandardCharsets.UTF_8)));
    List<Document> captions = new ArrayList<>();
    for (int i = 0; i < captionVectors.length; i++) {
      captions.add(
          Document.text(imageId + "#" + i, captionVectors[i]).withTag(Document.TAG_IMAGE_ID, imageId));
    }
    return new DatasetEntry(image, captions, List.of());
  }

  /*
   * Images A = (1,0,0), B = (0,1,0).
   * Captions A#0 = (1,0,0), A#1 = (0,1,0.1) [looks like B], B#0 = (0,0.1,1), B#1 = (0,1,1).
   * Text -> image ranks: A#0 1, A#1 2, B#0 1, B#1 1.
   * Image -> text: A ranks A#0 first (rank 1); B ranks A#1 (0.995) before B#1 (0.707): rank 2.
   */
  private static List<DatasetEntry> twoImages() {
    return List.of(
        entry("A", "1 0 0", "1 0 0", "0 1 0.1"), entry("B", "0 1 0", "0 0.1 1", "0 1 1"));
  }

  @Test
  void textToImageRanksEachCaptionAgainstItsOwnImage() {
    RetrievalReport report = evaluator().evaluate(twoImages());

    assertThat(report.textToImage().sortedRanks()).containsExactly(1, 1, 1, 2);
    assertThat(report.textToImage().recallPercentAt(1)).isEqualTo(75.0);
    assertThat(report.textToImage().medianRank()).isEqualTo(1.0);
    assertThat(report.textToImage().meanReciprocalRank()).isCloseTo(0.875, within(1e-12));
  }

  @Test
  void imageToTextCountsAnyOfTheImagesCaptionsAsAHit() {
    RetrievalReport report = evaluator().evaluate(twoImages());

    assertThat(report.imageToText().sortedRanks()).containsExactly(1, 2);
    assertThat(report.imageToText().recallPercentAt(1)).isEqualTo(50.0);
    assertThat(report.imageToText().recallPercentAt(5)).isEqualTo(100.0);
    assertThat(report.imageToText().medianRank()).isEqualTo(1.5);
    assertThat(report.imageToText().meanReciprocalRank()).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void reportCountsTheEvaluatedImagesAndTexts() {
    RetrievalReport report = evaluator().evaluate(twoImages());

    assertThat(report.images()).isEqualTo(2);
    assertThat(report.texts()).isEqualTo(4);
    assertThat(report.skipped()).isEmpty();
  }

  @Test
  void rankingUsesTheIndexBatchedSearch() {
    evaluator().evaluate(twoImages());

    // 4 caption queries in batches of 3 against the image index, 2 image queries in one batch.
    assertThat(indexes).extracting(index -> index.batchedSearches).containsExactlyInAnyOrder(2, 1);
  }

  @Test
  void unreadableImageIsSkippedWithItsCaptions() {
    List<DatasetEntry> entries = new ArrayList<>(twoImages());
    entries.add(entry("C", "not a vector", "1 1 1"));

    RetrievalReport report = evaluator().evaluate(entries);

    assertThat(report.images()).isEqualTo(2);
    assertThat(report.texts()).isEqualTo(4);
    assertThat(report.skipped()).extracting(SkippedItem::item).containsExactly("C.jpg (12 bytes)");
  }

  @Test
  void imageWithoutUsableCaptionIsLeftOut() {
    List<DatasetEntry> entries = new ArrayList<>(twoImages());
    entries.add(entry("C", "1 1 1", "bad caption"));

    RetrievalReport report = evaluator().evaluate(entries);

    assertThat(report.images()).isEqualTo(2);
    assertThat(report.imageToText().queries()).isEqualTo(2);
    assertThat(report.skipped()).extracting(SkippedItem::item).contains("C");
  }

  @Test
  void datasetProblemsAreReportedAsSkipped() {
    List<DatasetEntry> entries = new ArrayList<>(twoImages());
    entries.add(DatasetEntry.problemsOnly(List.of(new SkippedItem("captions.txt:7", "no image"))));

    assertThat(evaluator().evaluate(entries).skipped())
        .containsExactly(new SkippedItem("captions.txt:7", "no image"));
  }

  @Test
  void datasetWithNothingUsableIsRefused() {
    assertThatThrownBy(() -> evaluator().evaluate(List.of(entry("C", "bad"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nothing to evaluate");
  }
}
