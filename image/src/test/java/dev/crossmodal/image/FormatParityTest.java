package dev.crossmodal.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format Pillow reads gives Pillow 9.4's mode and pixels (see {@code
 * tools/make_format_fixtures.py}): ICC-tagged JPEG, PNG and TIFF with the profile ignored, CMYK
 * TIFF by Pillow's formula, TIFF compressions, WebP, TGA, ICO/CUR, PNM, BMP, GIF, JPEG 2000.
 */
class FormatParityTest {
  private static final String DIR = "formats/";

  static Stream<ImageFixtures.Case> cases() {
    return ImageFixtures.cases(DIR).stream()
        .filter(c -> !c.json().path("exif_transpose").asBoolean(false));
  }

  static Stream<ImageFixtures.Case> uprightCases() {
    return ImageFixtures.cases(DIR).stream()
        .filter(c -> c.json().path("exif_transpose").asBoolean(false));
  }

  static Stream<ImageFixtures.Case> decodingCases() {
    return cases().filter(c -> c.config().equals("clip32"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodingCases")
  void opensInPillowsModeAndSize(ImageFixtures.Case c) {
    DecodedImage image =
        new ImageDecoder(ImageDecoder.PILLOW_MAX_PIXELS).decode(ImageFixtures.source(c.image()));

    assertThat(image.mode().pillowName()).isEqualTo(c.pillowMode());
    assertThat(image.width()).isEqualTo(c.json().get("width").asInt());
    assertThat(image.height()).isEqualTo(c.json().get("height").asInt());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cropEqualsPillows(ImageFixtures.Case c) {
    DecodedImage image =
        new ImageDecoder(ImageDecoder.PILLOW_MAX_PIXELS).decode(ImageFixtures.source(c.image()));

    assertCropMatches(c, c.transform().cropRgb(image));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uprightCases")
  void exifOrientationTurnsTheImageAsExifTransposeDoes(ImageFixtures.Case c) {
    ImageDecoder upright = ImageDecoder.builder().applyExifOrientation(true).build();

    assertCropMatches(c, c.transform().cropRgb(upright.decode(ImageFixtures.source(c.image()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uprightCases")
  void transformWithExifOrientationAppliesIt(ImageFixtures.Case c) {
    ImageTransform base = c.transform();
    ImageTransform upright =
        ImageTransform.builder()
            .resizeShortSide(base.resizeShortSide(), base.filter())
            .centerCrop(base.cropSize())
            .convertToRgbFirst(base.convertToRgbFirst())
            .normalize(base.mean(), base.std())
            .applyExifOrientation(true)
            .build();

    assertCropMatches(c, upright.cropRgb(upright.decoder().decode(ImageFixtures.source(c.image()))));
  }

  private static void assertCropMatches(ImageFixtures.Case c, byte[] actual) {
    byte[] expected = c.expectedRgb();
    assertThat(actual).hasSameSizeAs(expected);
    int worst = 0;
    int differing = 0;
    for (int i = 0; i < actual.length; i++) {
      int difference = Math.abs((actual[i] & 0xff) - (expected[i] & 0xff));
      worst = Math.max(worst, difference);
      differing += difference == 0 ? 0 : 1;
    }
    assertThat(worst)
        .as("largest difference in 8-bit levels (%d of %d samples differ)", differing,
            actual.length)
        .isLessThanOrEqualTo(c.tolerance());
  }
}
