package dev.crossmodal.vse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The random-weight VSE++ and its PyTorch outputs that tools/make_vse_fixtures.py writes. */
final class TinyModelFixture {
  private TinyModelFixture() {}

  static Path dir() {
    try {
      return Path.of(TinyModelFixture.class.getResource("tiny-model/vocab.json").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode expected() {
    try {
      return new ObjectMapper().readTree(dir().resolve("expected.json").toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static float[] floats(JsonNode array) {
    float[] values = new float[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) array.get(i).asDouble();
    }
    return values;
  }

  static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }

  static double cosine(float[] a, float[] b) {
    return dev.crossmodal.core.VectorNorms.cosine(a, b);
  }
}
