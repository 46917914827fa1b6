package dev.crossmodal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Decompression bombs are refused from their headers, before any pixel buffer is allocated (the
 * bombs are made by {@code tools/make_format_fixtures.py}).
 */
class DecodeBudgetTest {
  private final ImageDecoder pillowLimit = new ImageDecoder(ImageDecoder.PILLOW_MAX_PIXELS);
  private final ImageDecoder serverLimit =
      ImageDecoder.builder().maxPixels(ImageDecoder.SERVER_MAX_PIXELS).build();

  @Test
  void jpegDeclaringMorePixelsThanItsDataCanHoldIsRefusedAsTruncated() {
    byte[] bomb = ImageFixtures.bytes("bombs/declared-9000.jpg");
    assertThat(bomb.length).isLessThan(1000);

    // 81 MP is under Pillow's limit: the refusal comes from the scan's length, not the limit.
    assertThatThrownBy(() -> pillowLimit.decode("declared-9000.jpg", bomb))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("declared-9000.jpg")
        .hasMessageContaining("truncated")
        .hasMessageContaining("9000x9000");
  }

  @Test
  void refusalFromTheHeaderChargesNothingToTheBudget() {
    PixelBudget budget = PixelBudget.of(100_000_000);

    assertThatThrownBy(
            () -> pillowLimit.decode("b.jpg", ImageFixtures.bytes("bombs/declared-9000.jpg"), budget))
        .isInstanceOf(InvalidInputException.class);

    assertThat(budget.remaining()).isEqualTo(100_000_000);
  }

  @Test
  void realPngOverTheServerLimitIsRefusedBeforeDecoding() {
    byte[] png = ImageFixtures.gunzip("bombs/real-9000.png.gz");

    assertThatThrownBy(() -> serverLimit.decode("real-9000.png", png))
        .isInstanceOf(ImageTooLargeException.class)
        .hasMessageContaining("real-9000.png")
        .hasMessageContaining("9000x9000")
        .hasMessageContaining("too large");
  }

  @Test
  void pngWhoseImageDataCannotInflateToItsDeclaredSizeIsRefusedAsTruncated() {
    byte[] png = ImageFixtures.gunzip("bombs/real-9000.png.gz");
    byte[] cut = java.util.Arrays.copyOf(png, 4000);

    assertThatThrownBy(() -> pillowLimit.decode("cut.png", cut))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void readHeaderReportsTheDeclaredSizeWithoutDecoding() {
    ImageHeader header =
        pillowLimit.readHeader("real-9000.png", ImageFixtures.gunzip("bombs/real-9000.png.gz"));

    assertThat(header).isEqualTo(new ImageHeader("png", 9000, 9000));
    assertThat(header.pixels()).isEqualTo(81_000_000L);
  }

  @Test
  void readHeaderNamesTheFormatOfPluginFormats() {
    assertThat(pillowLimit.readHeader("x", ImageFixtures.bytes("formats/lossy.webp")))
        .isEqualTo(new ImageHeader("webp", 41, 33));
    assertThat(pillowLimit.readHeader("x", ImageFixtures.bytes("formats/cmyk.tif")))
        .isEqualTo(new ImageHeader("tiff", 38, 34));
    assertThat(pillowLimit.readHeader("x", ImageFixtures.bytes("formats/bmp-entries.ico")))
        .isEqualTo(new ImageHeader("ico", 32, 32));
  }

  @Test
  void budgetRefusesTheImageThatNoLongerFitsAndKeepsWhatIsLeft() {
    PixelBudget budget = PixelBudget.of(41 * 33 + 100);
    pillowLimit.decode("first.webp", ImageFixtures.bytes("formats/lossy.webp"), budget);

    assertThatThrownBy(
            () -> pillowLimit.decode("second.webp", ImageFixtures.bytes("formats/lossy.webp"), budget))
        .isInstanceOf(ImageTooLargeException.class)
        .hasMessageContaining("second.webp")
        .hasMessageContaining("pixel budget");
    assertThat(budget.remaining()).isEqualTo(100);
  }

  @Test
  void pluginFormatsAreCheckedAgainstTheLimitFromTheirHeaders() {
    ImageDecoder tiny = new ImageDecoder(100);

    for (String name : new String[] {"formats/lossy.webp", "formats/cmyk.tif", "formats/rgb.tga",
        "formats/rgb.ppm", "formats/animated.gif", "formats/lossless.jp2",
        "formats/bmp-entries.ico", "formats/cursor.cur", "formats/rgb.bmp"}) {
      assertThatThrownBy(() -> tiny.decode(name, ImageFixtures.bytes(name)))
          .as(name)
          .isInstanceOf(ImageTooLargeException.class)
          .hasMessageContaining(name);
    }
  }

  @Test
  void budgetChargedFromManyThreadsNeverOverspends() throws Exception {
    PixelBudget budget = PixelBudget.of(1_000);
    ImageHeader tenPixels = new ImageHeader("png", 5, 2);
    java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 50; i++) {
                  try {
                    budget.charge("x", tenPixels);
                    admitted.incrementAndGet();
                  } catch (ImageTooLargeException e) {
                    // the budget is spent
                  }
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(admitted.get()).isEqualTo(100);
    assertThat(budget.remaining()).isZero();
  }

  @Test
  void budgetMustBePositive() {
    assertThatThrownBy(() -> PixelBudget.of(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
