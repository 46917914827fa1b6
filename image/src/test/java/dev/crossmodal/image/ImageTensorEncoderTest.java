package dev.crossmodal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.VectorNorms;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageTensorEncoderTest {
  private static final ImageTransform TRANSFORM =
      ImageTransform.builder().resizeShortSide(4, ResampleFilter.BILINEAR).centerCrop(4).build();

  /** Encodes a tensor as the unnormalised vector [first sample, 1]; records batch sizes. */
  private static final class FirstSampleEncoder extends ImageTensorEncoder {
    final List<Integer> batchSizes = new ArrayList<>();

    FirstSampleEncoder(int batchSize) {
      super(TRANSFORM, 2, batchSize);
    }

    @Override
    protected float[][] infer(List<PixelTensor> batch) {
      batchSizes.add(batch.size());
      float[][] rows = new float[batch.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = new float[] {batch.get(i).data()[0], 1};
      }
      return rows;
    }
  }

  private static PixelTensor tensor(float first, int size) {
    float[] data = new float[3 * size * size];
    data[0] = first;
    return new PixelTensor(data, 3, size, size);
  }

  private static ImageSource png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ImageSource.of("red.png", out.toByteArray());
  }

  @Test
  void encodesImagesWithTheModalityAndDimensionGiven() {
    FirstSampleEncoder encoder = new FirstSampleEncoder(8);
    assertThat(encoder.modality()).isEqualTo(Modality.IMAGE);
    assertThat(encoder.dimension()).isEqualTo(2);
    assertThat(encoder.transform()).isSameAs(TRANSFORM);
  }

  @Test
  void prepareAppliesTheTransform() {
    PixelTensor pixels = new FirstSampleEncoder(8).prepare(Document.image("p", png(12, 8)));
    assertThat(new int[] {pixels.channels(), pixels.height(), pixels.width()})
        .containsExactly(3, 4, 4);
    assertThat(pixels.get(0, 0, 0)).isEqualTo(1f); // red, scaled to [0, 1], mean 0, std 1
    assertThat(pixels.get(1, 0, 0)).isEqualTo(0f);
  }

  @Test
  void prepareRefusesTextNamingTheDocument() {
    assertThatThrownBy(() -> new FirstSampleEncoder(8).prepare(Document.text("cap-1", "a dog")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("document cap-1 is text, not an image");
  }

  @Test
  void encodePreparedRefusesATensorOfAnotherShapeBeforeRunningTheModel() {
    FirstSampleEncoder encoder = new FirstSampleEncoder(1);
    assertThatThrownBy(() -> encoder.encodePrepared(List.of(tensor(1, 4), tensor(1, 5))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("pixel tensor #1 of the batch is [3,5,5] but the model needs [3,4,4]");
    assertThat(encoder.batchSizes).isEmpty();
  }

  @Test
  void encodePreparedRunsBatchesAndNormalises() {
    FirstSampleEncoder encoder = new FirstSampleEncoder(2);
    float[][] vectors = encoder.encodePrepared(List.of(tensor(0, 4), tensor(3, 4), tensor(-1, 4)));
    assertThat(encoder.batchSizes).containsExactly(2, 1);
    assertThat(vectors[0]).containsExactly(0, 1);
    assertThat(vectors[1]).containsExactly(VectorNorms.normalized(new float[] {3, 1}));
    assertThat(vectors[2]).containsExactly(VectorNorms.normalized(new float[] {-1, 1}));
  }
}
