package dev.crossmodal.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.core.ImageSource;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageTypesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ffd8ffe0, image/jpeg",
    "89504e470d0a1a0a, image/png",
    "47494638, image/gif",
    "424d, image/bmp",
    "524946460000000057454250, image/webp",
    "49492a00, image/tiff",
    "4d4d002a, image/tiff",
    "00000100, image/vnd.microsoft.icon",
    "0000000c6a502020, image/jp2",
    "5036, image/x-portable-anymap",
    "68656c6c6f, application/octet-stream",
  })
  void firstBytesNameTheType(String hex, String type) {
    assertThat(ImageTypes.contentType(java.util.HexFormat.of().parseHex(hex))).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"a.JPG, image/jpeg", "b.tiff, image/tiff", "c.ppm, image/x-portable-anymap", "d.webp, image/webp"})
  void aUsualExtensionNamesTheTypeWithoutOpeningTheFile(String name, String type) {
    assertThat(ImageTypes.contentType(ImageSource.of(Path.of("/no/such/folder", name)))).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"http://192.0.2.1/photo", "https://192.0.2.1/x?y=1"})
  void aRemoteImageWithoutAUsualExtensionIsNeverFetched(String uri) {
    assertThat(ImageTypes.contentType(new ImageSource.UriImage(java.net.URI.create(uri)))).isEqualTo("application/octet-stream");
  }
}
