package dev.crossmodal.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Encoder;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.dataset.SkippedItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageFirstEncodingTest {

  /** Encodes every document as the vector (1), but refuses the documents whose id is listed. */
  private record RefusingEncoder(Modality modality, Set<String> refused) implements Encoder {
    @Override
    public int dimension() {
      return 1;
    }

    @Override
    public float[][] encode(List<Document> documents) {
      for (Document document : documents) {
        if (refused.contains(document.id())) {
          throw new InvalidInputException("cannot encode");
        }
      }
      return documents.stream().map(d -> new float[] {1}).toArray(float[][]::new);
    }
  }

  /** A model whose encoders refuse the listed documents. */
  private record RefusingModel(Set<String> refused) implements CrossModalModel {
    @Override
    public String id() {
      return "refusing";
    }

    @Override
    public int dimension() {
      return 1;
    }

    @Override
    public Set<Modality> modalities() {
      return Set.of(Modality.IMAGE, Modality.TEXT);
    }

    @Override
    public Encoder encoder(Modality modality) {
      return new RefusingEncoder(modality, refused);
    }

    @Override
    public void close() {}
  }

  /** What a sink was handed: encoded document ids in order, and the captions it was told were left out. */
  private static final class Recording implements ImageFirstEncoding.BatchSink {
    final List<String> encoded = new ArrayList<>();
    final List<Modality> batchModalities = new ArrayList<>();
    int captionsLeftOut;

    @Override
    public void accept(Modality modality, List<Document> documents, float[][] vectors, List<SkippedItem> failed) {
      batchModalities.add(modality);
      documents.forEach(d -> encoded.add(d.id()));
    }

    @Override
    public void captionsLeftOut(Modality modality, int captions) {
      captionsLeftOut += captions;
    }
  }

  private static Document image(String id) {
    return Document.image(id, ImageSource.of(Path.of("photos", id + ".jpg")));
  }

  private static Document caption(String imageId, int n) {
    return Document.text(imageId + "#" + n, "caption " + n + " of " + imageId)
        .withTag(Document.TAG_IMAGE_ID, imageId);
  }

  private static ImageFirstEncoding encoding(String... refusedIds) {
    return ImageFirstEncoding.builder(new RefusingModel(Set.of(refusedIds))).batchSize(2).prepareThreads(1).build();
  }

  @Test
  void imagesAreEncodedBeforeCaptionsListedAheadOfThem() {
    Recording sink = new Recording();
    try (ImageFirstEncoding encoding = encoding()) {
      encoding.encode(List.of(caption("a", 0), image("a")), new ArrayList<>(), sink);
    }

    assertThat(sink.encoded).containsExactly("a", "a#0");
    assertThat(sink.batchModalities).containsExactly(Modality.IMAGE, Modality.TEXT);
  }

  @Test
  void theCaptionsOfAnImageThatCannotBeEncodedAreLeftOut() {
    Recording sink = new Recording();
    try (ImageFirstEncoding encoding = encoding("bad")) {
      encoding.encode(
          List.of(image("a"), caption("a", 0), image("bad"), caption("bad", 0), caption("bad", 1)),
          new ArrayList<>(),
          sink);
    }

    assertThat(sink.encoded).containsExactly("a", "a#0");
  }

  @Test
  void aFailedImageIsReportedWithHowManyCaptionsWentWithIt() {
    List<SkippedItem> skipped = new ArrayList<>();
    try (ImageFirstEncoding encoding = encoding("bad")) {
      encoding.encode(List.of(image("bad"), caption("bad", 0), caption("bad", 1)), skipped, new Recording());
    }

    assertThat(skipped)
        .containsExactly(new SkippedItem(Path.of("photos", "bad.jpg").toString(),
            "cannot encode; its 2 captions are skipped"));
  }

  @Test
  void aSingleLeftOutCaptionIsCountedInTheSingular() {
    List<SkippedItem> skipped = new ArrayList<>();
    try (ImageFirstEncoding encoding = encoding("bad")) {
      encoding.encode(List.of(image("bad"), caption("bad", 0)), skipped, new Recording());
    }

    assertThat(skipped).extracting(SkippedItem::reason).containsExactly("cannot encode; its 1 caption is skipped");
  }

  @Test
  void aFailedImageWithoutCaptionsKeepsItsReason() {
    List<SkippedItem> skipped = new ArrayList<>();
    try (ImageFirstEncoding encoding = encoding("bad")) {
      encoding.encode(List.of(image("bad"), image("a"), caption("a", 0)), skipped, new Recording());
    }

    assertThat(skipped).extracting(SkippedItem::reason).containsExactly("cannot encode");
  }

  @Test
  void theSinkIsToldHowManyCaptionsWereLeftOut() {
    Recording sink = new Recording();
    try (ImageFirstEncoding encoding = encoding("bad")) {
      encoding.encode(List.of(image("bad"), caption("bad", 0), caption("bad", 1)), new ArrayList<>(), sink);
    }

    assertThat(sink.captionsLeftOut).isEqualTo(2);
  }

  @Test
  void captionsInALaterWindowOfAnImageThatFailedEarlierAreLeftOut() {
    Recording sink = new Recording();
    List<SkippedItem> skipped = new ArrayList<>();
    try (ImageFirstEncoding encoding = encoding("bad")) {
      encoding.encode(List.of(image("bad")), skipped, sink);
      encoding.encode(List.of(caption("bad", 0), image("a"), caption("a", 0)), skipped, sink);
    }

    assertThat(sink.encoded).containsExactly("a", "a#0");
    assertThat(skipped).extracting(SkippedItem::reason).containsExactly("cannot encode; its 1 caption is skipped");
  }

  @Test
  void aCaptionThatCannotBeEncodedIsSkippedAloneAndItsImageKept() {
    Recording sink = new Recording();
    List<SkippedItem> skipped = new ArrayList<>();
    try (ImageFirstEncoding encoding = encoding("a#1")) {
      encoding.encode(List.of(image("a"), caption("a", 0), caption("a", 1)), skipped, sink);
    }

    assertThat(sink.encoded).containsExactly("a", "a#0");
    assertThat(skipped).containsExactly(new SkippedItem("\"caption 1 of a\"", "cannot encode"));
  }

  @Test
  void nothingIsEncodedOnceAStopIsRequested() {
    Recording sink = new Recording();
    List<SkippedItem> skipped = new ArrayList<>();
    try (ImageFirstEncoding encoding =
        ImageFirstEncoding.builder(new RefusingModel(Set.of())).stopWhen(() -> true).build()) {
      encoding.encode(List.of(image("a"), caption("a", 0)), skipped, sink);
    }

    assertThat(sink.encoded).isEmpty();
    assertThat(skipped).isEmpty();
  }

  @Test
  void textsGoToTheirEncoderInLargerBatchesThanImages() {
    List<Integer> textBatches = new ArrayList<>();
    List<Document> window = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      window.add(image("i" + i));
      window.add(caption("i" + i, 0));
      window.add(caption("i" + i, 1));
    }
    try (ImageFirstEncoding encoding =
        ImageFirstEncoding.builder(new RefusingModel(Set.of())).batchSize(1).prepareThreads(1).build()) {
      encoding.encode(window, new ArrayList<>(), (modality, documents, vectors, failed) -> {
        if (modality.equals(Modality.TEXT)) {
          textBatches.add(documents.size());
        }
      });
    }

    assertThat(textBatches).containsExactly(6);
  }

  @Test
  void theCaptionsSkippedTextCountsInThePlural() {
    assertThat(ImageFirstEncoding.captionsSkipped(5)).isEqualTo("; its 5 captions are skipped");
  }
}
