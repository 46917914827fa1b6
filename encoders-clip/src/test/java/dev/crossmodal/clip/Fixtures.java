package dev.crossmodal.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fixtures written by tools/make_clip_fixtures.py, read from the test class path. */
final class Fixtures {
  private static JsonNode expected;

  private Fixtures() {}

  static Path dir() {
    try {
      return Path.of(Fixtures.class.getResource("fixtures/expected.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path hfTiny() {
    return dir().resolve("hf-tiny");
  }

  static Path openAiTinyJit() {
    return dir().resolve("openai-tiny-jit.pt");
  }

  static synchronized JsonNode expected() {
    if (expected == null) {
      try {
        expected = new ObjectMapper().readTree(dir().resolve("expected.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return expected;
  }

  static List<JsonNode> texts() {
    List<JsonNode> texts = new ArrayList<>();
    expected().get("texts").forEach(texts::add);
    return texts;
  }

  static List<JsonNode> images() {
    List<JsonNode> images = new ArrayList<>();
    expected().get("images").forEach(images::add);
    return images;
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  static double cosine(float[] a, float[] b) {
    return dev.crossmodal.core.VectorNorms.cosine(a, b);
  }
}
