package dev.crossmodal.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SigLIP and Chinese-CLIP fixtures: tiny random-weight models in the Hugging Face ONNX layouts and
 * transformers' outputs for them, read from the test class path. Two sets, in the same format:
 *
 * <ul>
 *   <li>{@link #REFERENCE} ({@code families/}, tools/copy_family_fixtures.py): the product owner's
 *       reference set at the published sizes, without its Flickr material; the SigLIP copy has the
 *       split graphs and model.onnx, the Chinese-CLIP copy only the published single model.onnx.
 *   <li>{@link #OWN} ({@code families-own/}, tools/make_family_fixtures.py): other sizes (SigLIP
 *       text length 16, 32-pixel images; Chinese-CLIP shortest-edge resize + centre crop to 40),
 *       other tokenizer spellings, odd-sized synthetic images.
 * </ul>
 */
final class FamilyFixtures {
  static final String REFERENCE = "families";
  static final String OWN = "families-own";

  private static final Map<String, JsonNode> EXPECTED = new HashMap<>();

  private FamilyFixtures() {}

  static Path dir(String set) {
    try {
      return Path.of(FamilyFixtures.class.getResource(set + "/expected.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path dir() {
    return dir(REFERENCE);
  }

  static Path siglip() {
    return dir().resolve("siglip-tiny");
  }

  static Path chineseClip() {
    return dir().resolve("chinese-clip-tiny");
  }

  /** The model directory of a family in a set. */
  static Path model(String set, String family) {
    return dir(set).resolve(family(set, family).path("dir").asText());
  }

  static synchronized JsonNode family(String set, String name) {
    JsonNode expected =
        EXPECTED.computeIfAbsent(
            set,
            s -> {
              try {
                return new ObjectMapper().readTree(dir(s).resolve("expected.json").toFile());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return expected.path("families").path(name);
  }

  static JsonNode family(String name) {
    return family(REFERENCE, name);
  }

  static List<JsonNode> list(String set, String family, String key) {
    List<JsonNode> out = new ArrayList<>();
    family(set, family).path(key).forEach(out::add);
    return out;
  }
}
