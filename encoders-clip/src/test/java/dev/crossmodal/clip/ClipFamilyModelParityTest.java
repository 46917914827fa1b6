package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.image.PixelTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SigLIP and Chinese-CLIP against transformers' own pipelines for the same files (the fixtures'
 * expected.json), with the reference set's tolerances: identical ids over the padded length,
 * pixels within 0.02, cosine >= 0.99999.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipFamilyModelParityTest {
  private static final double MIN_COSINE = 0.99999;
  private static final double PIXEL_TOLERANCE = 0.02;
  private static final List<String> SETS = List.of(FamilyFixtures.REFERENCE, FamilyFixtures.OWN);
  private static final List<String> FAMILIES = List.of("siglip", "chinese-clip");

  private final Map<String, ClipFamilyModel> models = new HashMap<>();

  @AfterAll
  void close() {
    models.values().forEach(ClipFamilyModel::close);
  }

  private synchronized ClipFamilyModel model(String set, String family) {
    return models.computeIfAbsent(
        set + "/" + family,
        k -> ClipFamilyModel.builder().modelDir(FamilyFixtures.model(set, family)).batchSize(7).threads(1).build());
  }

  Stream<Arguments> families() {
    return SETS.stream().flatMap(set -> FAMILIES.stream().map(f -> Arguments.of(set, f)));
  }

  Stream<Arguments> texts() {
    return families()
        .flatMap(a -> {
          String set = (String) a.get()[0];
          String family = (String) a.get()[1];
          return FamilyFixtures.list(set, family, "texts").stream()
              .map(t -> Arguments.of(set, family, t.path("kind").asText(), t));
        });
  }

  Stream<Arguments> images() {
    return families()
        .flatMap(a -> {
          String set = (String) a.get()[0];
          String family = (String) a.get()[1];
          return FamilyFixtures.list(set, family, "images").stream()
              .map(i -> Arguments.of(set, family, i.path("file").asText(), i));
        });
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("texts")
  void tokenIdsAreTheOnesTransformersFeedsPaddedToTheContextLength(
      String set, String family, String kind, JsonNode text) {
    TokenIds ids = model(set, family).textEncoder().prepare(Document.text("t", text.path("text").asText()));

    assertThat(ids.ids()).containsExactly(Fixtures.ints(text.path("input_ids")));
    assertThat(ids.length()).isEqualTo(text.path("n_tokens").asInt());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("families")
  void textEmbeddingsMatchTransformersInOneBatch(String set, String family) {
    List<JsonNode> texts = FamilyFixtures.list(set, family, "texts");
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      docs.add(Document.text("t" + i, texts.get(i).path("text").asText()));
    }

    float[][] vectors = model(set, family).textEncoder().encode(docs);

    for (int i = 0; i < texts.size(); i++) {
      assertThat(Fixtures.cosine(vectors[i], Fixtures.floats(texts.get(i).path("embedding"))))
          .as("%s %s text %s", set, family, texts.get(i).path("kind").asText())
          .isGreaterThanOrEqualTo(MIN_COSINE);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("images")
  void pixelsMatchTheImageProcessor(String set, String family, String file, JsonNode image) {
    PixelTensor pixels = model(set, family).imageEncoder().prepare(imageDocument(set, file));

    JsonNode expected = image.path("pixels");
    assertThat(new int[] {pixels.channels(), pixels.height(), pixels.width()})
        .containsExactly(Fixtures.ints(expected.path("shape")));
    JsonNode index = expected.path("index");
    JsonNode value = expected.path("value");
    for (int k = 0; k < index.size(); k++) {
      assertThat((double) pixels.data()[index.get(k).asInt()])
          .as("%s %s %s sample %d", set, family, file, index.get(k).asInt())
          .isCloseTo(value.get(k).asDouble(), within(PIXEL_TOLERANCE));
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("images")
  void imageEmbeddingsMatchTransformers(String set, String family, String file, JsonNode image) {
    float[] vector = model(set, family).imageEncoder().encode(imageDocument(set, file));

    assertThat(Fixtures.cosine(vector, Fixtures.floats(image.path("embedding"))))
        .isGreaterThanOrEqualTo(MIN_COSINE);
  }

  private static Document imageDocument(String set, String file) {
    return Document.image("i", ImageSource.of(FamilyFixtures.dir(set).resolve("images").resolve(file)));
  }
}
