package dev.crossmodal.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format cut short is refused naming the file, as Pillow refuses a truncated file. Files are
 * cut in half, the animated GIF at a sixth: its first frame, all that is decoded, lies in the
 * first half, which Pillow reads without complaint too.
 */
class TruncatedFormatsTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.PILLOW_MAX_PIXELS);

  static Stream<String> images() {
    return ImageFixtures.cases("formats/").stream()
        .filter(c -> c.config().equals("clip32"))
        .map(ImageFixtures.Case::image);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void halfAFileIsRefused(String name) {
    byte[] whole = ImageFixtures.bytes(name);
    byte[] half = Arrays.copyOf(whole, whole.length / (name.endsWith("animated.gif") ? 6 : 2));

    assertThatThrownBy(() -> decoder.decode("half-" + name, half))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("half-" + name);
  }
}
