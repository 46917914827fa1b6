package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.core.image.PixelTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

  private ClipFamilyModel siglip;
  private ClipFamilyModel chineseClip;

  @BeforeAll
  void load() {
    siglip = ClipFamilyModel.builder().modelDir(FamilyFixtures.siglip()).batchSize(7).threads(1).build();
    chineseClip =
        ClipFamilyModel.builder().modelDir(FamilyFixtures.chineseClip()).batchSize(7).threads(1).build();
  }

  @AfterAll
  void close() {
    siglip.close();
    chineseClip.close();
  }

  private ClipFamilyModel model(String family) {
    return family.equals("siglip") ? siglip : chineseClip;
  }

  Stream<Arguments> texts() {
    return Stream.of("siglip", "chinese-clip")
        .flatMap(f -> FamilyFixtures.list(f, "texts").stream().map(t -> Arguments.of(f, t.path("kind").asText(), t)));
  }

  Stream<Arguments> images() {
    return Stream.of("siglip", "chinese-clip")
        .flatMap(f -> FamilyFixtures.list(f, "images").stream().map(i -> Arguments.of(f, i.path("file").asText(), i)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("texts")
  void tokenIdsAreTheOnesTransformersFeedsPaddedToTheContextLength(String family, String kind, JsonNode text) {
    TokenIds ids = model(family).textEncoder().prepare(Document.text("t", text.path("text").asText()));

    assertThat(ids.ids()).containsExactly(Fixtures.ints(text.path("input_ids")));
    assertThat(ids.length()).isEqualTo(text.path("n_tokens").asInt());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void textEmbeddingsMatchTransformersInOneBatch(String family) {
    List<JsonNode> texts = FamilyFixtures.list(family, "texts");
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      docs.add(Document.text("t" + i, texts.get(i).path("text").asText()));
    }

    float[][] vectors = model(family).textEncoder().encode(docs);

    for (int i = 0; i < texts.size(); i++) {
      assertThat(Fixtures.cosine(vectors[i], Fixtures.floats(texts.get(i).path("embedding"))))
          .as("%s text %s", family, texts.get(i).path("kind").asText())
          .isGreaterThanOrEqualTo(MIN_COSINE);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("images")
  void pixelsMatchTheImageProcessor(String family, String file, JsonNode image) {
    PixelTensor pixels =
        model(family).imageEncoder().prepare(Document.image("i", ImageSource.of(FamilyFixtures.dir().resolve("images").resolve(file))));

    JsonNode expected = image.path("pixels");
    assertThat(new int[] {pixels.channels(), pixels.height(), pixels.width()})
        .containsExactly(Fixtures.ints(expected.path("shape")));
    JsonNode index = expected.path("index");
    JsonNode value = expected.path("value");
    for (int k = 0; k < index.size(); k++) {
      assertThat((double) pixels.data()[index.get(k).asInt()])
          .as("%s %s sample %d", family, file, index.get(k).asInt())
          .isCloseTo(value.get(k).asDouble(), org.assertj.core.api.Assertions.within(PIXEL_TOLERANCE));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("images")
  void imageEmbeddingsMatchTransformers(String family, String file, JsonNode image) {
    float[] vector =
        model(family).imageEncoder().encode(Document.image("i", ImageSource.of(FamilyFixtures.dir().resolve("images").resolve(file))));

    assertThat(Fixtures.cosine(vector, Fixtures.floats(image.path("embedding")))).isGreaterThanOrEqualTo(MIN_COSINE);
  }

  Stream<String> families() {
    return Stream.of("siglip", "chinese-clip");
  }
}
