package dev.crossmodal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class ImageTransformTest {

  @Test
  void openAiClipPresetIsBicubicCropThenConvert() {
    ImageTransform clip =
        ImageTransform.openAiClip(336, ImageTransform.openAiClipMean(), ImageTransform.openAiClipStd());

    assertThat(clip.resizeShortSide()).isEqualTo(336);
    assertThat(clip.cropSize()).isEqualTo(336);
    assertThat(clip.filter()).isEqualTo(ResampleFilter.BICUBIC);
    assertThat(clip.convertToRgbFirst()).isFalse();
    assertThat(clip.mean()).containsExactly(0.48145466f, 0.4578275f, 0.40821073f);
    assertThat(clip.std()).containsExactly(0.26862954f, 0.26130258f, 0.27577711f);
  }

  @Test
  void vsePlusPlusPresetIsConvertThenBilinear256Crop224WithImageNetStatistics() {
    ImageTransform vse = ImageTransform.vsePlusPlus();

    assertThat(vse.convertToRgbFirst()).isTrue();
    assertThat(vse.filter()).isEqualTo(ResampleFilter.BILINEAR);
    assertThat(vse.resizeShortSide()).isEqualTo(256);
    assertThat(vse.cropSize()).isEqualTo(224);
    assertThat(vse.mean()).containsExactly(0.485f, 0.456f, 0.406f);
    assertThat(vse.std()).containsExactly(0.229f, 0.224f, 0.225f);
  }

  @Test
  void applyGivesAChannelMajorTensorOfTheCropSize() {
    PixelTensor tensor = ImageTransform.openAiClip().apply(ImageFixtures.source("rgb-wide.png"));

    assertThat(tensor.channels()).isEqualTo(3);
    assertThat(tensor.height()).isEqualTo(224);
    assertThat(tensor.width()).isEqualTo(224);
    assertThat(tensor.data()).hasSize(3 * 224 * 224);
  }

  @Test
  void normalisationIsTorchsFloat32Arithmetic() {
    // A white pixel: (255/255 - mean) / std in float32, per channel.
    byte[] white = new byte[4 * 4 * 3];
    java.util.Arrays.fill(white, (byte) 255);
    ImageTransform transform =
        ImageTransform.builder()
            .resizeShortSide(4, ResampleFilter.BILINEAR)
            .centerCrop(4)
            .normalize(new float[] {0.5f, 0.25f, 0f}, new float[] {0.5f, 0.75f, 2f})
            .build();

    PixelTensor tensor = transform.apply(DecodedImage.of(PilMode.RGB, 4, 4, white));

    assertThat(tensor.get(0, 1, 2)).isEqualTo(1f);
    assertThat(tensor.get(1, 3, 3)).isEqualTo((1f - 0.25f) / 0.75f);
    assertThat(tensor.get(2, 0, 0)).isEqualTo(0.5f);
  }

  @Test
  void undecodableInputIsInvalidInputNamingTheSource() {
    ImageSource text = ImageSource.of("notes.jpg", "not an image".getBytes());

    assertThatThrownBy(() -> ImageTransform.vsePlusPlus().apply(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("notes.jpg");
  }

  @Test
  void maxPixelsIsEnforcedByApply() {
    ImageTransform strict = ImageTransform.builder().maxPixels(100).build();

    assertThatThrownBy(() -> strict.apply(ImageFixtures.source("rgb-odd.png")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void builderRejectsInvalidSettings() {
    assertThatThrownBy(() -> ImageTransform.builder().centerCrop(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageTransform.builder().resizeShortSide(-1, ResampleFilter.BICUBIC))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageTransform.builder().maxPixels(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageTransform.builder().normalize(new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A greyscale image whose every column holds its own index, so a crop's offset is visible. */
  private static DecodedImage columns(int width, int height) {
    byte[] pixels = new byte[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        pixels[y * width + x] = (byte) x;
      }
    }
    return DecodedImage.of(PilMode.L, width, height, pixels);
  }

  private static ImageTransform identityCrop(int crop, ImageTransform.CropRounding rounding) {
    return ImageTransform.builder()
        .resizeShortSide(4, ResampleFilter.NEAREST)
        .centerCrop(crop)
        .cropRounding(rounding)
        .rescale(1.0)
        .build();
  }

  @Test
  void exactResizeWithoutCropGivesATensorOfThatSize() {
    ImageTransform squash =
        ImageTransform.builder().resizeExact(6, 4, ResampleFilter.BICUBIC).noCrop().convertToRgbFirst(true).build();

    PixelTensor tensor = squash.apply(columns(9, 3));

    assertThat(new int[] {tensor.channels(), tensor.height(), tensor.width()}).containsExactly(3, 4, 6);
    assertThat(squash.outputWidth()).isEqualTo(6);
    assertThat(squash.resizeShortSide()).isZero();
  }

  @Test
  void flooredCropRoundingTakesTheLeftPixelOfAnOddMarginWhereTorchvisionRoundsHalfToEven() {
    // A 4x7 image, crop 4: margin 3, offset 1.5 -> floor 1 (Hugging Face), round-half-even 2 (torchvision).
    DecodedImage image = columns(7, 4);

    PixelTensor floored = identityCrop(4, ImageTransform.CropRounding.FLOOR).apply(image);
    PixelTensor rounded = identityCrop(4, ImageTransform.CropRounding.ROUND_HALF_EVEN).apply(image);

    assertThat(floored.get(0, 0, 0)).isEqualTo(1f);
    assertThat(rounded.get(0, 0, 0)).isEqualTo(2f);
  }

  @Test
  void rescaleFactorReplacesTheDivisionBy255() {
    PixelTensor raw = identityCrop(4, ImageTransform.CropRounding.FLOOR).apply(columns(4, 4));

    assertThat(raw.get(1, 0, 3)).isEqualTo(3f);
  }

  @Test
  void shortSideResizeWithoutCropIsRefused() {
    assertThatThrownBy(() -> ImageTransform.builder().resizeShortSide(224, ResampleFilter.BICUBIC).noCrop().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("centre crop");
  }
}
