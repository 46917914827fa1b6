package dev.crossmodal.vse;

import static dev.crossmodal.vse.TinyModelFixture.cosine;
import static dev.crossmodal.vse.TinyModelFixture.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.image.PixelTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VseModelImageTest {
  private static VseModel model;
  private static JsonNode images;

  @BeforeAll
  static void load() {
    model = VseModel.builder().modelDir(TinyModelFixture.dir()).build();
    images = TinyModelFixture.expected().get("images");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static Document document(JsonNode image) {
    Path file = TinyModelFixture.dir().resolve("images").resolve(image.get("file").asText());
    return Document.image(image.get("file").asText(), ImageSource.of(file));
  }

  @Test
  void pixelsMatchVseppsTestTransform() {
    for (JsonNode image : images) {
      PixelTensor pixels = model.imageEncoder().prepare(document(image));
      assertThat(new int[] {pixels.channels(), pixels.height(), pixels.width()})
          .containsExactly(3, 224, 224);
      JsonNode samples = image.get("pixels");
      for (int k = 0; k < samples.get("index").size(); k++) {
        assertThat(pixels.data()[samples.get("index").get(k).asInt()])
            .as("%s sample %d", image.get("file").asText(), k)
            .isCloseTo((float) samples.get("value").get(k).asDouble(),
                org.assertj.core.data.Offset.offset(0.02f));
      }
    }
  }

  @Test
  void embeddingsMatchThePyTorchModel() {
    for (JsonNode image : images) {
      float[] vector = model.imageEncoder().encode(document(image));
      assertThat(cosine(vector, floats(image.get("embedding"))))
          .as(image.get("file").asText())
          .isGreaterThanOrEqualTo(0.99999);
    }
  }

  @Test
  void aBatchGivesEachImageItsOwnVector() {
    List<Document> documents = new ArrayList<>();
    images.forEach(image -> documents.add(document(image)));
    float[][] vectors = model.imageEncoder().encode(documents);
    for (int i = 0; i < vectors.length; i++) {
      assertThat(cosine(vectors[i], floats(images.get(i).get("embedding"))))
          .as(images.get(i).get("file").asText())
          .isGreaterThanOrEqualTo(0.99999);
    }
  }

  @Test
  void pixelTensorsOfAnotherSizeAreRefused() {
    PixelTensor small = new PixelTensor(new float[3 * 32 * 32], 3, 32, 32);
    assertThatThrownBy(() -> model.imageEncoder().encodePrepared(List.of(small)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[3,32,32]");
  }

  @Test
  void undecodableImageIsNamed() {
    Document broken = Document.image("broken", ImageSource.of("broken.png", new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> model.imageEncoder().prepare(broken))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("broken.png");
  }

  @Test
  void imageEncoderRefusesText() {
    assertThatThrownBy(() -> model.imageEncoder().prepare(Document.text("cap-1", "a dog")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cap-1");
  }
}
