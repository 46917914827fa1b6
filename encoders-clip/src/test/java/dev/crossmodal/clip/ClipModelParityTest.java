package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.StagedEncoder;
import dev.crossmodal.image.PixelTensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Both layouts against the embeddings openai/CLIP's eager PyTorch pipeline gives for the same
 * weights (tools/make_clip_fixtures.py), with SPEC.md's tolerance: cosine >= 0.99999.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipModelParityTest {
  private static final double MIN_COSINE = 0.99999;

  private ClipModel onnx;
  private ClipModel torchScript;

  @BeforeAll
  void load() {
    onnx = ClipModel.builder().modelDir(Fixtures.hfTiny()).batchSize(5).threads(1).build();
    torchScript = ClipModel.builder().modelDir(Fixtures.openAiTinyJit()).batchSize(5).threads(1).build();
  }

  @AfterAll
  void close() {
    onnx.close();
    torchScript.close();
  }

  @Test
  void onnxTextEmbeddingsMatchOpenAisPipeline() {
    assertTextParity(onnx, "hf_tiny_embedding");
  }

  @Test
  void torchScriptTextEmbeddingsMatchOpenAisPipeline() {
    assertTextParity(torchScript, "openai_tiny_embedding");
  }

  @Test
  void onnxImageEmbeddingsMatchOpenAisPipeline() {
    assertImageParity(onnx, "hf_tiny_embedding");
  }

  @Test
  void torchScriptImageEmbeddingsMatchOpenAisPipeline() {
    assertImageParity(torchScript, "openai_tiny_embedding");
  }

  @Test
  void imagePixelsMatchOpenAisTransform() {
    @SuppressWarnings("unchecked")
    StagedEncoder<PixelTensor> images = (StagedEncoder<PixelTensor>) torchScript.encoder(Modality.IMAGE);
    for (JsonNode image : Fixtures.images()) {
      PixelTensor pixels = images.prepare(imageDocument(image));
      JsonNode expected = image.get("clip_pixels");
      assertThat(new int[] {pixels.channels(), pixels.height(), pixels.width()})
          .containsExactly(Fixtures.ints(expected.get("shape")));
      for (JsonNode sample : expected.get("samples")) {
        assertThat(pixels.data()[sample.get(0).asInt()])
            .as("%s sample %d", image.get("file").asText(), sample.get(0).asInt())
            .isCloseTo((float) sample.get(1).asDouble(), org.assertj.core.data.Offset.offset(0.02f));
      }
    }
  }

  @Test
  void embeddingsAreUnitLength() {
    float[] v = onnx.encoder(Modality.TEXT).encode(Document.text("t", "a red car"));
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void trimmedBatchesGiveTheSameVectorsAsSingleCaptions() {
    List<Document> docs = textDocuments();
    float[][] batched = onnx.encoder(Modality.TEXT).encode(docs);
    for (int i = 0; i < docs.size(); i++) {
      float[] single = onnx.encoder(Modality.TEXT).encode(docs.get(i));
      assertThat(Fixtures.cosine(batched[i], single)).as(docs.get(i).text()).isGreaterThan(0.999999);
    }
  }

  private static void assertTextParity(ClipModel model, String key) {
    List<Document> docs = textDocuments();
    float[][] vectors = model.encoder(Modality.TEXT).encode(docs);
    List<JsonNode> texts = Fixtures.texts();
    for (int i = 0; i < texts.size(); i++) {
      assertThat(Fixtures.cosine(vectors[i], Fixtures.floats(texts.get(i).get(key))))
          .as("text %s", texts.get(i).get("text").asText())
          .isGreaterThanOrEqualTo(MIN_COSINE);
    }
  }

  private static void assertImageParity(ClipModel model, String key) {
    List<JsonNode> images = Fixtures.images();
    List<Document> docs = new ArrayList<>();
    for (JsonNode image : images) {
      docs.add(imageDocument(image));
    }
    float[][] vectors = model.encoder(Modality.IMAGE).encode(docs);
    for (int i = 0; i < images.size(); i++) {
      assertThat(Fixtures.cosine(vectors[i], Fixtures.floats(images.get(i).get(key))))
          .as("image %s", images.get(i).get("file").asText())
          .isGreaterThanOrEqualTo(MIN_COSINE);
    }
  }

  private static List<Document> textDocuments() {
    List<Document> docs = new ArrayList<>();
    List<JsonNode> texts = Fixtures.texts();
    for (int i = 0; i < texts.size(); i++) {
      docs.add(Document.text("t" + i, texts.get(i).get("text").asText()));
    }
    return docs;
  }

  private static Document imageDocument(JsonNode image) {
    String file = image.get("file").asText();
    return Document.image(file, ImageSource.of(Fixtures.dir().resolve(file)));
  }
}
