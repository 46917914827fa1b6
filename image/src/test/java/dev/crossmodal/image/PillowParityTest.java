package dev.crossmodal.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture image through every pipeline configuration gives exactly what Pillow 9.4 and
 * torchvision 0.14 give (see {@code tools/make_image_fixtures.py}).
 */
class PillowParityTest {

  static Stream<ImageFixtures.Case> cases() {
    return ImageFixtures.cases().stream();
  }

  static Stream<ImageFixtures.Case> tensorCases() {
    return cases().filter(c -> c.json().has("f32"));
  }

  static List<ImageFixtures.Case> decodingCases() {
    return cases().filter(c -> c.config().equals("clip32")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodingCases")
  void decodesIntoPillowsMode(ImageFixtures.Case c) {
    DecodedImage image =
        new ImageDecoder(ImageTransform.DEFAULT_MAX_PIXELS).decode(ImageFixtures.source(c.image()));

    assertThat(image.mode().pillowName()).isEqualTo(c.pillowMode());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eightBitCropEqualsPillowsExactly(ImageFixtures.Case c) {
    DecodedImage image =
        new ImageDecoder(ImageTransform.DEFAULT_MAX_PIXELS).decode(ImageFixtures.source(c.image()));

    byte[] actual = c.transform().cropRgb(image);

    int[] rows = c.rows();
    byte[] expected = c.expectedRgb();
    if (rows == null) {
      assertThat(actual).isEqualTo(expected);
    } else {
      int rowBytes = c.crop() * 3;
      for (int i = 0; i < rows.length; i++) {
        byte[] row = new byte[rowBytes];
        System.arraycopy(actual, rows[i] * rowBytes, row, 0, rowBytes);
        byte[] want = new byte[rowBytes];
        System.arraycopy(expected, i * rowBytes, want, 0, rowBytes);
        assertThat(row).as("row %d", rows[i]).isEqualTo(want);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tensorCases")
  void normalisedTensorEqualsTorchs(ImageFixtures.Case c) {
    PixelTensor tensor = c.transform().apply(ImageFixtures.source(c.image()));

    assertThat(tensor.channels()).isEqualTo(3);
    assertThat(tensor.height()).isEqualTo(c.crop());
    assertThat(tensor.width()).isEqualTo(c.crop());
    assertThat(tensor.data()).containsExactly(c.expectedTensor());
  }
}
