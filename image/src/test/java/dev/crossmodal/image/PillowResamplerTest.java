package dev.crossmodal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PillowResamplerTest {

  private static DecodedImage random(PilMode mode, int w, int h, long seed) {
    Random random = new Random(seed);
    if (mode == PilMode.I) {
      int[] wide = new int[w * h];
      for (int i = 0; i < wide.length; i++) {
        wide[i] = random.nextInt(70_000);
      }
      return DecodedImage.wide(w, h, wide);
    }
    byte[] pixels = new byte[w * h * mode.channels()];
    random.nextBytes(pixels);
    if (mode == PilMode.P) {
      byte[] palette = new byte[768];
      random.nextBytes(palette);
      return DecodedImage.palette(w, h, pixels, palette);
    }
    return DecodedImage.of(mode, w, h, pixels);
  }

  /** Pixel (x, y) of an image as ints, zero outside it. */
  private static int[] pixel(DecodedImage image, int x, int y) {
    int ch = image.mode().channels();
    int[] out = new int[ch];
    if (x < 0 || y < 0 || x >= image.width() || y >= image.height()) {
      return out;
    }
    for (int c = 0; c < ch; c++) {
      int i = (y * image.width() + x) * ch + c;
      out[c] = image.mode() == PilMode.I ? image.wide()[i] : image.pixels()[i] & 0xff;
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(PilMode.class)
  void croppedResizeEqualsResizeThenCrop(PilMode mode) {
    DecodedImage image = random(mode, 53, 37, mode.ordinal());
    for (ResampleFilter filter : ResampleFilter.values()) {
      DecodedImage full = PillowResampler.resize(image, 31, 22, filter);
      int[][] windows = {{0, 0, 31, 22}, {3, 2, 20, 17}, {-4, -3, 40, 30}, {25, 20, 10, 10}};
      for (int[] w : windows) {
        DecodedImage crop =
            PillowResampler.resizeAndCrop(image, 31, 22, filter, w[0], w[1], w[2], w[3]);
        for (int y = 0; y < w[3]; y++) {
          for (int x = 0; x < w[2]; x++) {
            assertThat(pixel(crop, x, y))
                .as("%s %s window %s at %d,%d", mode, filter, java.util.Arrays.toString(w), x, y)
                .isEqualTo(pixel(full, x + w[0], y + w[1]));
          }
        }
      }
    }
  }

  @Test
  void resizeToTheSameSizeCopiesPixelsEvenWithAlpha() {
    // Pillow returns a copy without the premultiply round trip, which would lose precision.
    DecodedImage image = random(PilMode.RGBA, 19, 11, 7);

    DecodedImage same = PillowResampler.resize(image, 19, 11, ResampleFilter.BICUBIC);

    assertThat(same.pixels()).isEqualTo(image.pixels());
  }

  @Test
  void constantImageStaysConstantUnderEveryFilter() {
    byte[] grey = new byte[40 * 30];
    java.util.Arrays.fill(grey, (byte) 200);
    DecodedImage image = DecodedImage.of(PilMode.L, 40, 30, grey);
    for (ResampleFilter filter : ResampleFilter.values()) {
      for (int[] size : new int[][] {{13, 9}, {97, 71}, {40, 7}}) {
        DecodedImage resized = PillowResampler.resize(image, size[0], size[1], filter);
        for (byte b : resized.pixels()) {
          assertThat(b & 0xff).as("%s %dx%d", filter, size[0], size[1]).isEqualTo(200);
        }
      }
    }
  }

  @Test
  void paletteImagesAreResizedByNearestNeighbourWhateverTheFilter() {
    DecodedImage image = random(PilMode.P, 23, 17, 3);

    DecodedImage bicubic = PillowResampler.resize(image, 40, 9, ResampleFilter.BICUBIC);
    DecodedImage nearest = PillowResampler.resize(image, 40, 9, ResampleFilter.NEAREST);

    assertThat(bicubic.pixels()).isEqualTo(nearest.pixels());
    assertThat(bicubic.palette()).isSameAs(image.palette());
  }

  @Test
  void nonPositiveSizesAreRejected() {
    DecodedImage image = random(PilMode.RGB, 4, 4, 1);

    assertThatThrownBy(() -> PillowResampler.resize(image, 0, 4, ResampleFilter.BILINEAR))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
