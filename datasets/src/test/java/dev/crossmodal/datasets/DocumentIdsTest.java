package dev.crossmodal.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentIdsTest {
  @TempDir Path tmp;

  @Test
  void imageIdIsTheStartOfTheSha256OfTheFileBytes() throws IOException {
    Path file = Files.writeString(tmp.resolve("x.bin"), "abc", StandardCharsets.US_ASCII);
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertThat(DocumentIds.imageId(file)).isEqualTo("ba7816bf8f01cfea");
  }

  @Test
  void imageIdOfBytesEqualsImageIdOfAFileHoldingThem() throws IOException {
    byte[] bytes = {1, 2, 3, 4};
    Path file = Files.write(tmp.resolve("y.bin"), bytes);
    assertThat(DocumentIds.imageId(bytes)).isEqualTo(DocumentIds.imageId(file));
  }

  @Test
  void captionIdIsImageIdHashIndex() {
    assertThat(DocumentIds.captionId("0123456789abcdef", 4)).isEqualTo("0123456789abcdef#4");
  }

  @Test
  void captionIdRefusesANegativeIndex() {
    assertThatThrownBy(() -> DocumentIds.captionId("x", -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
