package dev.crossmodal.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SigLIP and Chinese-CLIP fixtures (tools/copy_family_fixtures.py): tiny random-weight models in
 * the published ONNX layouts and transformers' outputs for them, read from the test class path.
 * The SigLIP copy has the split graphs and model.onnx; the Chinese-CLIP copy only the published
 * single model.onnx.
 */
final class FamilyFixtures {
  private static JsonNode expected;

  private FamilyFixtures() {}

  static Path dir() {
    try {
      return Path.of(FamilyFixtures.class.getResource("families/expected.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path siglip() {
    return dir().resolve("siglip-tiny");
  }

  static Path chineseClip() {
    return dir().resolve("chinese-clip-tiny");
  }

  static synchronized JsonNode family(String name) {
    if (expected == null) {
      try {
        expected = new ObjectMapper().readTree(dir().resolve("expected.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return expected.path("families").path(name);
  }

  static List<JsonNode> list(String family, String key) {
    List<JsonNode> out = new ArrayList<>();
    family(family).path(key).forEach(out::add);
    return out;
  }
}
