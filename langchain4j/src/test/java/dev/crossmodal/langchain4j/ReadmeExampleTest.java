package dev.crossmodal.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.testing.ColorWordsModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example is the code in {@link ReadmeExample}, and it runs. */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void readmeShowsTheCompiledExample() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String example = Files.readString(Path.of("src/test/java/dev/crossmodal/langchain4j/ReadmeExample.java"));
    String code = example.substring(example.indexOf("// README-BEGIN") + "// README-BEGIN".length(), example.indexOf("// README-END"));

    assertThat(lines(readme)).containsSubsequence(lines(code));
    assertThat(lines(code)).hasSizeLessThanOrEqualTo(12);
  }

  @Test
  void exampleEmbedsTextsAndAPhotoWithTheModelsDimension() throws Exception {
    Path photo = dir.resolve("red.jpg");
    BufferedImage red = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        red.setRGB(x, y, ColorWordsModel.rgb("red"));
      }
    }
    ImageIO.write(red, "jpg", photo.toFile());

    ReadmeExample.Result result = ReadmeExample.run(ModelSpec.of("color-words"), photo);

    assertThat(result.dimension()).isEqualTo(ColorWordsModel.DIMENSION);
    assertThat(result.query().dimension()).isEqualTo(ColorWordsModel.DIMENSION);
    assertThat(result.captions()).hasSize(2).allSatisfy(e -> assertThat(e.dimension()).isEqualTo(ColorWordsModel.DIMENSION));
    assertThat(result.photo().dimension()).isEqualTo(ColorWordsModel.DIMENSION);
  }

  private static List<String> lines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
