package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.testing.ColorWordsModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  /*
   * Kaggle layout: red, green, blue and yellow squares with two captions each. The colour-words
   * model ranks every caption's image first, except "a square" captions, which only carry the
   * bias axis and tie with every image (ties go by id, a content hash: the rank is not fixed).
   */
  private void writeDataset(boolean vagueCaptions) throws IOException {
    Files.createDirectories(data.resolve("images"));
    List<String> rows = new ArrayList<>(List.of("image,caption"));
    for (String colour : List.of("red", "green", "blue", "yellow")) {
      BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          image.setRGB(x, y, ColorWordsModel.rgb(colour));
        }
      }
      ImageIO.write(image, "png", data.resolve("images/" + colour + ".png").toFile());
      rows.add(colour + ".png,a " + colour + " square");
      rows.add(colour + ".png," + (vagueCaptions ? "a square" : "something " + colour));
    }
    Files.write(data.resolve("captions.txt"), rows);
  }

  @Test
  void jsonLineHasExactlyTheContractFields() throws IOException {
    writeDataset(false);

    CliRun run = CliRun.of("eval", "--data", data.toString(), "--format", "flickr8k", "--model", "test-colors", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.properties()).extracting(e -> e.getKey())
        .containsExactly("text_to_image", "image_to_text", "images", "texts");
    assertThat(json.get("text_to_image").properties()).extracting(e -> e.getKey())
        .containsExactly("R@1", "R@5", "R@10", "MedR", "MRR");
    assertThat(json.get("image_to_text").properties()).extracting(e -> e.getKey())
        .containsExactly("R@1", "R@5", "R@10", "MedR", "MRR");
  }

  @Test
  void perfectModelScoresHundredPercent() throws IOException {
    writeDataset(false);

    CliRun run = CliRun.of("eval", "--data", data.toString(), "--format", "flickr8k", "--model", "test-colors", "--json");

    JsonNode json = run.json();
    assertThat(json.get("images").asInt()).isEqualTo(4);
    assertThat(json.get("texts").asInt()).isEqualTo(8);
    for (String direction : List.of("text_to_image", "image_to_text")) {
      assertThat(json.at("/" + direction + "/R@1").asDouble()).isEqualTo(100.0);
      assertThat(json.at("/" + direction + "/MedR").asDouble()).isEqualTo(1.0);
      assertThat(json.at("/" + direction + "/MRR").asDouble()).isEqualTo(1.0);
    }
  }

  @Test
  void imageToTextIsAHitWhenAnyCaptionRanksFirst() throws IOException {
    writeDataset(true);

    CliRun run = CliRun.of("eval", "--data", data.toString(), "--format", "flickr8k", "--model", "test-colors", "--json");

    // Each image's "a COLOUR square" caption ranks first, whatever its vague caption does.
    assertThat(run.json().at("/image_to_text/R@1").asDouble()).isEqualTo(100.0);
  }

  @Test
  void limitEvaluatesOnlyTheFirstImages() throws IOException {
    writeDataset(false);

    CliRun run = CliRun.of("eval", "--data", data.toString(), "--format", "flickr8k", "--model", "test-colors", "--limit", "2", "--json");

    JsonNode json = run.json();
    assertThat(json.get("images").asInt()).isEqualTo(2);
    assertThat(json.get("texts").asInt()).isEqualTo(4);
  }

  @Test
  void withoutJsonTheTableGoesToStdout() throws IOException {
    writeDataset(false);

    CliRun run = CliRun.of("eval", "--data", data.toString(), "--format", "flickr8k", "--model", "test-colors");

    assertThat(run.out()).contains("text -> image", "image -> text", "R@1", "MedR");
  }

  @Test
  void missingDatasetFailsWithAOneLineMessage() {
    CliRun run = CliRun.of("eval", "--data", data.resolve("nowhere").toString(), "--format", "flickr8k", "--model", "test-colors");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).startsWith("error: ").doesNotContain("Exception");
  }
}
