package dev.crossmodal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageTransform.DEFAULT_MAX_PIXELS);

  static Stream<String> inputsPillowRefuses() {
    return ImageFixtures.refused().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputsPillowRefuses")
  void refusesWhatPillowRefusesNamingTheSource(String name) {
    ImageSource source = ImageFixtures.source(name);

    assertThatThrownBy(() -> decoder.decode(source))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(source.toString());
  }

  @Test
  void truncatedJpegIsReportedAsTruncated() {
    assertThatThrownBy(() -> decoder.decode(ImageFixtures.source("truncated.jpg")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void missingFileIsInvalidInputNamingThePath() {
    Path missing = Path.of("no", "such", "photo.jpg");

    assertThatThrownBy(() -> decoder.decode(ImageSource.of(missing)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void pngLargerThanTheLimitIsRefusedFromItsHeader() {
    // A header claiming 100000 x 100000 pixels and no pixel data: decoding would fail or exhaust
    // memory, so the refusal must come from the header alone.
    byte[] png = ImageFixtures.bytes("rgb-odd.png");
    byte[] huge = Arrays.copyOf(png, 33);
    writeInt(huge, 16, 100_000);
    writeInt(huge, 20, 100_000);

    assertThatThrownBy(() -> decoder.decode(ImageSource.of("huge.png", huge)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("huge.png")
        .hasMessageContaining("too large");
  }

  @Test
  void jpegLargerThanTheLimitIsRefusedFromItsHeader() {
    byte[] jpeg = ImageFixtures.bytes("rgb.jpg").clone();
    int sof = indexOfFrameHeader(jpeg);
    jpeg[sof + 5] = (byte) 0xEA; // height 60000
    jpeg[sof + 6] = (byte) 0x60;
    jpeg[sof + 7] = (byte) 0xEA; // width 60000
    jpeg[sof + 8] = (byte) 0x60;

    assertThatThrownBy(() -> decoder.decode(ImageSource.of("huge.jpg", jpeg)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("huge.jpg")
        .hasMessageContaining("too large");
  }

  @Test
  void imageExactlyAtTheLimitIsAccepted() {
    DecodedImage image = new ImageDecoder(37L * 29).decode(ImageFixtures.source("rgb-odd.png"));

    assertThat(image.width() * image.height()).isEqualTo(37 * 29);
  }

  @Test
  void imageOnePixelOverTheLimitIsRefused() {
    ImageDecoder strict = new ImageDecoder(37L * 29 - 1);

    assertThatThrownBy(() -> strict.decode(ImageFixtures.source("rgb-odd.png")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void paletteImageKeepsIndicesAndPalette() {
    DecodedImage image = decoder.decode(ImageFixtures.source("palette-trns.png"));

    assertThat(image.mode()).isEqualTo(PilMode.P);
    assertThat(image.palette()).hasSize(768);
    assertThat(image.pixels()).hasSize(image.width() * image.height());
  }

  @Test
  void sixteenBitGreyKeepsItsFullRange() {
    DecodedImage image = decoder.decode(ImageFixtures.source("gray16.png"));

    assertThat(image.mode()).isEqualTo(PilMode.I);
    assertThat(Arrays.stream(image.wide()).max().orElseThrow()).isGreaterThan(255);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"formats/linear.jpg", "formats/p3.jpg"})
  void embeddedColourProfileIsIgnoredWhereTheJdkAloneWouldApplyIt(String name) throws Exception {
    // FormatParityTest shows these pixels equal Pillow's; this shows the fixtures would catch a
    // decoder that applies the profile, as the JDK's reader used as it is does.
    java.awt.image.BufferedImage converted =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(ImageFixtures.bytes(name)));
    DecodedImage ours = decoder.decode(ImageFixtures.source(name));

    int differing = 0;
    for (int y = 0; y < ours.height(); y++) {
      for (int x = 0; x < ours.width(); x++) {
        int o = (y * ours.width() + x) * 3;
        int rgb = ((ours.pixels()[o] & 0xff) << 16) | ((ours.pixels()[o + 1] & 0xff) << 8)
            | (ours.pixels()[o + 2] & 0xff);
        differing += (converted.getRGB(x, y) & 0xffffff) == rgb ? 0 : 1;
      }
    }
    assertThat(differing).as("pixels the JDK alone converts").isGreaterThan(0);
  }

  private static int indexOfFrameHeader(byte[] jpeg) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xC0) {
        return i;
      }
    }
    throw new IllegalStateException("no baseline frame header");
  }

  private static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
