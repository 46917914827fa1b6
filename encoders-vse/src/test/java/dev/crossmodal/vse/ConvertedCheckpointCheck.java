package dev.crossmodal.vse;

import static dev.crossmodal.vse.TinyModelFixture.cosine;
import static dev.crossmodal.vse.TinyModelFixture.floats;
import static dev.crossmodal.vse.TinyModelFixture.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.image.PixelTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs models converted by tools/convert_vsepp.py from real-size checkpoints against the PyTorch
 * outputs that tools/test_convert_vsepp.py wrote. Those models are hundreds of megabytes, so this
 * class is not part of the default test run (its name does not end in Test): the Python test
 * starts it with {@code -Dtest=ConvertedCheckpointCheck -Dvse.convertedChecks=a/check.json,...}.
 */
class ConvertedCheckpointCheck {
  static Stream<Path> checks() {
    String property = System.getProperty("vse.convertedChecks");
    if (property == null || property.isBlank()) {
      throw new IllegalStateException(
          "run through tools/test_convert_vsepp.py: system property vse.convertedChecks is unset");
    }
    return Arrays.stream(property.split(",")).map(Path::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void convertedModelReproducesPyTorch(Path checkFile) throws IOException {
    JsonNode check = new ObjectMapper().readTree(checkFile.toFile());
    try (VseModel model =
        VseModel.builder().modelDir(Path.of(check.get("model_dir").asText())).build()) {
      List<TokenIds> tokens = new ArrayList<>();
      for (JsonNode text : check.get("texts")) {
        TokenIds ids = model.textEncoder().prepare(Document.text("t", text.get("text").asText()));
        assertThat(ids.ids()).as(text.get("text").asText()).containsExactly(ints(text.get("tokens")));
        tokens.add(ids);
      }
      float[][] texts = model.textEncoder().encodePrepared(tokens);
      for (int i = 0; i < texts.length; i++) {
        JsonNode text = check.get("texts").get(i);
        float[] expected = floats(text.get("embedding"));
        assertThat(cosine(texts[i], expected))
            .as("text '%s'", text.get("text").asText())
            .isGreaterThanOrEqualTo(0.99999);
        assertThat(texts[i]).as("text '%s'", text.get("text").asText())
            .containsExactly(expected, within(2e-4f));
      }

      int count = check.get("image_count").asInt();
      FloatBuffer samples =
          ByteBuffer.wrap(Files.readAllBytes(Path.of(check.get("pixels_file").asText())))
              .order(ByteOrder.LITTLE_ENDIAN)
              .asFloatBuffer();
      List<PixelTensor> pixels = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        float[] data = new float[3 * 224 * 224];
        samples.get(data);
        pixels.add(new PixelTensor(data, 3, 224, 224));
      }
      float[][] images = model.imageEncoder().encodePrepared(pixels);
      for (int i = 0; i < count; i++) {
        float[] expected = floats(check.get("image_embeddings").get(i));
        assertThat(cosine(images[i], expected)).as("image #%d", i).isGreaterThanOrEqualTo(0.99999);
        // Random trunks give all inputs similar directions (cosine ~0.99 between different
        // inputs), so check every component too: they differ by ~1e-2 between inputs.
        assertThat(images[i]).as("image #%d", i).containsExactly(expected, within(2e-4f));
      }
    }
  }
}
