package dev.crossmodal.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.StagedEncoder;
import dev.crossmodal.core.dataset.SkippedItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EncodingPipelineTest {

  /** Encodes "n" as the vector (n, 1); refuses texts that say "bad". */
  private static final class NumberEncoder implements StagedEncoder<Integer> {
    final List<Integer> batchSizes = new ArrayList<>();
    final AtomicInteger prepared = new AtomicInteger();

    @Override
    public Modality modality() {
      return Modality.TEXT;
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public Integer prepare(Document document) {
      prepared.incrementAndGet();
      if (document.text().equals("bad")) {
        throw new InvalidInputException("text " + document.id() + " is bad");
      }
      return Integer.parseInt(document.text());
    }

    @Override
    public synchronized float[][] encodePrepared(List<Integer> batch) {
      batchSizes.add(batch.size());
      return batch.stream().map(n -> new float[] {n, 1}).toArray(float[][]::new);
    }
  }

  private static List<Document> texts(String... values) {
    return IntStream.range(0, values.length).mapToObj(i -> Document.text("d" + i, values[i])).toList();
  }

  @Test
  void everyDocumentIsEncodedOnceInInputOrder() {
    NumberEncoder encoder = new NumberEncoder();
    List<Document> docs = IntStream.range(0, 10).mapToObj(i -> Document.text("d" + i, "" + i)).toList();
    List<Float> firstComponents = new ArrayList<>();

    try (EncodingPipeline pipeline = EncodingPipeline.builder().batchSize(3).prepareThreads(2).build()) {
      pipeline.run(encoder, docs.iterator(), (batch, vectors, skipped) -> {
        for (float[] v : vectors) {
          firstComponents.add(v[0]);
        }
      });
    }

    assertThat(firstComponents).containsExactly(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f);
    assertThat(encoder.batchSizes).containsExactly(3, 3, 3, 1);
    assertThat(encoder.prepared).hasValue(10);
  }

  @Test
  void aBadItemIsSkippedAndTheRestOfItsBatchEncoded() {
    NumberEncoder encoder = new NumberEncoder();
    List<String> encodedIds = new ArrayList<>();
    List<SkippedItem> allSkipped = new ArrayList<>();

    try (EncodingPipeline pipeline = EncodingPipeline.builder().batchSize(3).build()) {
      pipeline.run(encoder, texts("1", "bad", "3").iterator(), (batch, vectors, skipped) -> {
        batch.forEach(d -> encodedIds.add(d.id()));
        allSkipped.addAll(skipped);
        assertThat(vectors.length).isEqualTo(batch.size());
      });
    }

    assertThat(encodedIds).containsExactly("d0", "d2");
    assertThat(allSkipped).singleElement().satisfies(s -> assertThat(s.reason()).contains("d1 is bad"));
  }

  @Test
  void aPlainEncoderFallsBackToOneByOneToFindTheBadItem() {
    NumberEncoder staged = new NumberEncoder();
    dev.crossmodal.core.Encoder plain =
        new dev.crossmodal.core.Encoder() {
          @Override
          public Modality modality() {
            return Modality.TEXT;
          }

          @Override
          public int dimension() {
            return 2;
          }

          @Override
          public float[][] encode(List<Document> documents) {
            return staged.encode(documents);
          }
        };
    List<String> encodedIds = new ArrayList<>();
    List<SkippedItem> allSkipped = new ArrayList<>();

    try (EncodingPipeline pipeline = EncodingPipeline.builder().batchSize(4).build()) {
      pipeline.run(plain, texts("1", "bad", "3", "4").iterator(), (batch, vectors, skipped) -> {
        batch.forEach(d -> encodedIds.add(d.id()));
        allSkipped.addAll(skipped);
      });
    }

    assertThat(encodedIds).containsExactly("d0", "d2", "d3");
    assertThat(allSkipped).hasSize(1);
  }

  @Test
  void aDocumentOfAnotherModalityIsAProgrammingError() {
    NumberEncoder encoder = new NumberEncoder();
    List<Document> docs = List.of(Document.image("img", dev.crossmodal.core.ImageSource.of("x.png", new byte[0])));

    try (EncodingPipeline pipeline = EncodingPipeline.builder().build()) {
      assertThatThrownBy(() -> pipeline.run(encoder, docs.iterator(), (b, v, s) -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("encoder takes text");
    }
  }

  @Test
  void anUnexpectedFailureIsNotReportedAsABadItem() {
    StagedEncoder<Integer> broken =
        new StagedEncoder<>() {
          @Override
          public Modality modality() {
            return Modality.TEXT;
          }

          @Override
          public int dimension() {
            return 2;
          }

          @Override
          public Integer prepare(Document document) {
            throw new IllegalStateException("engine crashed");
          }

          @Override
          public float[][] encodePrepared(List<Integer> prepared) {
            return new float[0][];
          }
        };

    try (EncodingPipeline pipeline = EncodingPipeline.builder().build()) {
      assertThatThrownBy(() -> pipeline.run(broken, texts("1").iterator(), (b, v, s) -> {}))
          .hasMessageContaining("engine crashed");
    }
  }
}
