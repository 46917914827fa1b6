package dev.crossmodal.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import dev.crossmodal.testing.ColorWordsModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CrossModalEmbeddingModelTest {
  private final ColorWordsModel colours = new ColorWordsModel();
  private final CrossModalEmbeddingModel model = CrossModalEmbeddingModel.builder().model(colours).build();

  @AfterEach
  void close() {
    colours.close();
  }

  private static float[] vector(Embedding e) {
    return e.vector();
  }

  @Test
  void textEmbeddingIsTheModelsTextVector() {
    Embedding embedding = model.embed("a red square").content();

    assertThat(vector(embedding)).containsExactly(colours.encoder(Modality.TEXT).encode(Document.text("q", "a red square")));
  }

  @Test
  void embedAllKeepsTheOrderOfTheSegments() {
    List<Embedding> embeddings = model.embedAll(List.of(TextSegment.from("red"), TextSegment.from("blue"))).content();

    assertThat(embeddings).hasSize(2);
    assertThat(vector(embeddings.get(0))).containsExactly(vector(model.embed("red").content()));
    assertThat(vector(embeddings.get(1))).containsExactly(vector(model.embed("blue").content()));
  }

  @Test
  void dimensionAndNameAreTheModels() {
    assertThat(model.dimension()).isEqualTo(colours.dimension());
    assertThat(model.modelName()).isEqualTo(colours.id());
  }

  @Test
  void imageContentIsEmbeddedByTheImageEncoderIntoTheSameSpace() throws Exception {
    byte[] png = png("blue");
    EmbeddingRequest request = EmbeddingRequest.builder()
        .inputs(List.of(EmbeddingInput.from(ImageContent.from(Base64.getEncoder().encodeToString(png), "image/png"))))
        .build();

    Embedding photo = model.embed(request).embeddings().get(0);

    assertThat(vector(photo)).containsExactly(
        colours.encoder(Modality.IMAGE).encode(Document.image("i", ImageSource.of("blue.png", png))));
    assertThat(CosineSimilarity.between(model.embed("blue").content(), photo))
        .isGreaterThan(CosineSimilarity.between(model.embed("red").content(), photo));
  }

  @Test
  void textAndImageContentsAreBothSupported() {
    assertThat(model.supportedContentTypes()).containsExactlyInAnyOrder(ContentType.TEXT, ContentType.IMAGE);
  }

  @Test
  void anInputOfSeveralContentsIsRefused() {
    EmbeddingRequest request = EmbeddingRequest.builder()
        .inputs(List.of(EmbeddingInput.from(TextContent.from("red"), TextContent.from("blue"))))
        .build();

    assertThatThrownBy(() -> model.embed(request)).isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("one text or one image");
  }

  @Test
  void aModelHandedInStaysOpenWhenTheEmbeddingModelCloses() {
    model.close();

    assertThat(colours.encoder(Modality.TEXT).encode(Document.text("q", "red"))).hasSize(colours.dimension());
  }

  @Test
  void builderNeedsASpecOrAModel() {
    assertThatThrownBy(() -> CrossModalEmbeddingModel.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void itIsALangChain4jEmbeddingModel() {
    EmbeddingModel asLangChain = model;
    assertThat(asLangChain.embed(TextSegment.from("green")).content().dimension()).isEqualTo(colours.dimension());
  }

  private static byte[] png(String colour) throws Exception {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        image.setRGB(x, y, ColorWordsModel.rgb(colour));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
