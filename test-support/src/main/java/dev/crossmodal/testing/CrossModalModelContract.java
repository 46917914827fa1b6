package dev.crossmodal.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every text-and-image {@link CrossModalModel} must do, as JUnit 5 tests: extend this class
 * and return the model (it may be shared across tests; the kit never closes it).
 *
 * <pre>{@code
 * class ClipModelContractTest extends CrossModalModelContract {
 *   static final CrossModalModel MODEL = ClipModel.builder().modelDir(tinyModelDir).build();
 *   protected CrossModalModel model() { return MODEL; }
 * }
 * }</pre>
 */
public abstract class CrossModalModelContract {
  /** A folder for the kit's test images. */
  @TempDir protected Path dir;

  /** For the test class that says which model to check. */
  protected CrossModalModelContract() {}

  /** {@return the model under test} */
  protected abstract CrossModalModel model();

  private Document photo(String id, String color) {
    return Document.image(id, ImageSource.of(TestImages.solid(dir, id + ".png", color)));
  }

  @Test
  void itHasAnIdentityADimensionAndTextAndImageEncoders() {
    CrossModalModel model = model();
    assertThat(model.id()).isNotBlank();
    assertThat(model.dimension()).isPositive();
    assertThat(model.modalities()).contains(Modality.TEXT, Modality.IMAGE);
    for (Modality modality : model.modalities()) {
      assertThat(model.encoder(modality).dimension()).isEqualTo(model.dimension());
      assertThat(model.encoder(modality).modality()).isEqualTo(modality);
    }
  }

  @Test
  void textsAndImagesBecomeFiniteUnitVectorsOfTheDimension() {
    float[] text = model().encoder(Modality.TEXT).encode(Document.text("t", "a red square"));
    float[] image = model().encoder(Modality.IMAGE).encode(photo("p", "red"));
    for (float[] v : List.of(text, image)) {
      assertThat(v).hasSize(model().dimension());
      double norm = 0;
      for (float x : v) {
        assertThat(Float.isFinite(x)).isTrue();
        norm += x * x;
      }
      assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void encodingIsDeterministicAndABatchEqualsSingleCalls() {
    var encoder = model().encoder(Modality.TEXT);
    List<Document> texts = List.of(Document.text("a", "a dog"), Document.text("b", "two cats on a sofa"));
    float[][] batch = encoder.encode(texts);
    assertThat(batch).hasNumberOfRows(2);
    for (int i = 0; i < texts.size(); i++) {
      float[] single = encoder.encode(texts.get(i));
      for (int d = 0; d < single.length; d++) {
        assertThat(batch[i][d]).isCloseTo(single[d], org.assertj.core.data.Offset.offset(1e-4f));
      }
    }
    var images = model().encoder(Modality.IMAGE);
    assertThat(images.encode(photo("q", "blue"))).containsExactly(images.encode(photo("q", "blue")));
  }

  @Test
  void anEncoderForAModalityItLacksIsRefused() {
    assertThatThrownBy(() -> model().encoder(Modality.of("audio", Modality.ContentKind.IMAGE)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
