package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossmodal.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search --modality image|text --min-score S} and what {@code search --json} tells about
 * each match: an image's file name and captions, a caption's image id and path.
 */
class SearchOptionsCliTest {
  @TempDir Path dir;
  Path workspace;

  @BeforeEach
  void indexFourColours() throws IOException {
    Path data = dir.resolve("flickr");
    workspace = dir.resolve("ws");
    List<String> rows = new ArrayList<>(List.of("image,caption"));
    for (String colour : List.of("red", "green", "blue", "yellow")) {
      TestImages.solid(data.resolve("images"), colour + ".png", colour);
      rows.add(colour + ".png,a " + colour + " square");
      rows.add(colour + ".png,\"something " + colour + ", flat\"");
    }
    Files.write(data.resolve("captions.txt"), rows);
    CliRun indexed = CliRun.of("index", "--data", data.toString(), "--format", "flickr8k", "--model", "color-words",
        "--workspace", workspace.toString(), "--json");
    assertThat(indexed.exitCode()).as(indexed.err()).isZero();
  }

  private JsonNode search(String... args) {
    List<String> all = new ArrayList<>(List.of("search", "--workspace", workspace.toString(), "--json"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new)).json();
  }

  private Path photo(String colour) {
    return TestImages.solid(dir.resolve("queries"), colour + ".png", colour);
  }

  @Test
  void anImageMatchCarriesItsFileNameAndCaptions() {
    JsonNode best = search("--text", "blue", "--top-k", "1").at("/matches/0");

    assertThat(best.get("file").asText()).isEqualTo("blue.png");
    assertThat(best.get("captions")).extracting(JsonNode::asText).containsExactly("a blue square", "something blue, flat");
  }

  @Test
  void aCaptionMatchCarriesItsImagesIdAndPath() {
    JsonNode best = search("--image", photo("green").toString(), "--top-k", "1").at("/matches/0");

    assertThat(best.get("image_id").asText()).isNotBlank();
    assertThat(best.get("image_uri").asText()).endsWith("green.png");
  }

  @Test
  void modalityImageMakesAnImageFindImages() {
    JsonNode matches = search("--image", photo("yellow").toString(), "--modality", "image", "--top-k", "2").get("matches");

    assertThat(matches).hasSize(2).allSatisfy(m -> assertThat(m.get("modality").asText()).isEqualTo("image"));
    assertThat(matches.get(0).get("file").asText()).isEqualTo("yellow.png");
  }

  @Test
  void modalityTextMakesATextFindCaptions() {
    JsonNode matches = search("--text", "red", "--modality", "text", "--top-k", "3").get("matches");

    assertThat(matches).hasSize(3).allSatisfy(m -> assertThat(m.get("modality").asText()).isEqualTo("text"));
    assertThat(matches.get(0).get("text").asText()).contains("red");
  }

  @Test
  void minScoreDropsLowerMatches() {
    JsonNode all = search("--text", "red", "--top-k", "4").get("matches");
    double best = all.get(0).get("score").asDouble();
    double second = all.get(1).get("score").asDouble();
    assertThat(best).isGreaterThan(second);

    JsonNode kept = search("--text", "red", "--top-k", "4", "--min-score", String.valueOf((best + second) / 2)).get("matches");

    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).get("file").asText()).isEqualTo("red.png");
  }

  @Test
  void anUnknownModalityIsRefusedAsBadInput() {
    CliRun run = CliRun.of("search", "--workspace", workspace.toString(), "--text", "red", "--modality", "video");

    assertThat(run.exitCode()).isEqualTo(ErrorHandler.BAD_INPUT);
    assertThat(run.err()).contains("--modality").contains("video");
  }
}
