package dev.crossmodal.vse;

import static dev.crossmodal.vse.TinyModelFixture.cosine;
import static dev.crossmodal.vse.TinyModelFixture.floats;
import static dev.crossmodal.vse.TinyModelFixture.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.TokenIds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VseModelTextTest {
  private static VseModel model;
  private static JsonNode texts;

  @BeforeAll
  static void load() {
    model = VseModel.builder().modelDir(TinyModelFixture.dir()).build();
    texts = TinyModelFixture.expected().get("texts");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void tokensMatchThePyTorchPipeline() {
    for (JsonNode text : texts) {
      TokenIds ids = model.textEncoder().prepare(Document.text("t", text.get("text").asText()));
      assertThat(ids.ids()).as(text.get("text").asText()).containsExactly(ints(text.get("tokens")));
    }
  }

  @Test
  void embeddingsMatchThePyTorchModel() {
    for (JsonNode text : texts) {
      float[] vector = model.textEncoder().encode(Document.text("t", text.get("text").asText()));
      assertThat(cosine(vector, floats(text.get("embedding"))))
          .as(text.get("text").asText())
          .isGreaterThanOrEqualTo(0.99999);
    }
  }

  @Test
  void aPaddedBatchGivesEachCaptionItsOwnVector() {
    List<Document> documents = new ArrayList<>();
    for (JsonNode text : texts) {
      documents.add(Document.text("t" + documents.size(), text.get("text").asText()));
    }
    float[][] batch = model.textEncoder().encode(documents);
    assertThat(batch.length).isEqualTo(texts.size());
    for (int i = 0; i < batch.length; i++) {
      assertThat(cosine(batch[i], floats(texts.get(i).get("embedding"))))
          .as(texts.get(i).get("text").asText())
          .isGreaterThanOrEqualTo(0.99999);
    }
  }

  @Test
  void paddingInsideTokenIdsIsIgnored() {
    TokenIds plain = model.textEncoder().prepare(Document.text("t", "a dog runs"));
    int[] padded = java.util.Arrays.copyOf(plain.ids(), plain.length() + 7);
    float[][] vectors =
        model.textEncoder().encodePrepared(List.of(plain, new TokenIds(padded, plain.length())));
    assertThat(cosine(vectors[0], vectors[1])).isGreaterThanOrEqualTo(0.999999);
  }

  @Test
  void vectorsHaveUnitLength() {
    float[] vector = model.textEncoder().encode(Document.text("t", "two dogs play in the snow"));
    double sum = 0;
    for (float x : vector) {
      sum += x * x;
    }
    assertThat(Math.sqrt(sum)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void dimensionIsTheGraphsOutputWidth() {
    assertThat(model.dimension()).isEqualTo(TinyModelFixture.expected().get("dim").asInt());
    assertThat(model.textEncoder().dimension()).isEqualTo(model.dimension());
    assertThat(model.imageEncoder().dimension()).isEqualTo(model.dimension());
  }

  @Test
  void emptyCaptionEncodesAsStartAndEndLikeVsepp() {
    TokenIds ids = model.textEncoder().prepare(Document.text("t", "  "));
    assertThat(ids.ids()).containsExactly(1, 2);
    assertThat(model.textEncoder().encodePrepared(List.of(ids))[0]).hasSize(model.dimension());
  }

  @Test
  void emptyTokenIdsAreRefused() {
    assertThatThrownBy(() -> model.textEncoder().encodePrepared(List.of(TokenIds.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("#0");
  }

  @Test
  void textEncoderRefusesImages() {
    Document image = Document.image("img-1", ImageSource.of("x.png", new byte[0]));
    assertThatThrownBy(() -> model.textEncoder().prepare(image))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("img-1");
  }

  @Test
  void encoderForModalityReturnsTheStagedEncoders() {
    assertThat(model.encoder(Modality.TEXT)).isSameAs(model.textEncoder());
    assertThat(model.encoder(Modality.IMAGE)).isSameAs(model.imageEncoder());
    assertThat(model.modalities()).containsExactlyInAnyOrder(Modality.TEXT, Modality.IMAGE);
  }

  @Test
  void encoderForAnotherModalityIsRefused() {
    Modality title = Modality.of("title", Modality.ContentKind.TEXT);
    assertThatThrownBy(() -> model.encoder(title)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentCallsGiveTheSameVectorsAsSequentialOnes() throws Exception {
    List<Document> documents = new ArrayList<>();
    for (JsonNode text : texts) {
      documents.add(Document.text("t" + documents.size(), text.get("text").asText()));
    }
    float[][] sequential = model.textEncoder().encode(documents);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<float[]>> futures = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (Document document : documents) {
          futures.add(pool.submit(() -> model.textEncoder().encode(document)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        float[] expected = sequential[i % documents.size()];
        assertThat(cosine(futures.get(i).get(), expected)).isGreaterThanOrEqualTo(0.999999);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void emptyBatchGivesNoVectors() {
    assertThat(model.textEncoder().encodePrepared(List.of())).isEmpty();
  }
}
