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
 * The index, search and info commands end to end on a small Kaggle-layout dataset, with the
 * model-free {@code color-words} test model: colours in captions and in pixels share axes, so the
 * right answers are known.
 */
class IndexSearchCliTest {
  @TempDir Path dir;
  Path data;
  Path workspace;

  @BeforeEach
  void makeDataset() throws IOException {
    data = dir.resolve("flickr");
    workspace = dir.resolve("ws");
    Path images = data.resolve("images");
    List<String> rows = new ArrayList<>(List.of("image,caption"));
    for (String color : List.of("red", "green", "blue", "yellow")) {
      TestImages.solid(images, color + ".png", color);
      rows.add(color + ".png,a " + color + " square");
      rows.add(color + ".png,\"something " + color + ", flat\"");
    }
    Files.writeString(images.resolve("broken.png"), "this is text, not a PNG");
    rows.add("broken.png,a broken picture");
    rows.add("missing.png,a photo that is not there");
    rows.add("red.png,   ");
    Files.write(data.resolve("captions.txt"), rows);
  }

  private CliRun index(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("index", "--data", data.toString(), "--format", "flickr8k", "--model", "color-words",
                "--workspace", workspace.toString(), "--json"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void indexReportsCountsAndSkippedItemsAsJson() {
    CliRun run = index();

    assertThat(run.exitCode()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("images_indexed").asInt()).isEqualTo(4);
    // The broken image's caption goes with it, as a missing image's does.
    assertThat(json.get("texts_indexed").asInt()).isEqualTo(8);
    assertThat(json.get("seconds").isNumber()).isTrue();
    List<String> reasons = new ArrayList<>();
    json.get("skipped").forEach(s -> reasons.add(s.get("item").asText() + ": " + s.get("reason").asText()));
    assertThat(reasons).hasSize(3);
    assertThat(reasons).anySatisfy(r -> assertThat(r).contains("broken.png").endsWith("its 1 caption is skipped"));
    assertThat(reasons).anySatisfy(r -> assertThat(r).contains("missing.png"));
    assertThat(reasons).anySatisfy(r -> assertThat(r).contains("empty caption"));
  }

  @Test
  void reIndexingAddsNothingNew() {
    index();

    JsonNode again = index().json();

    assertThat(again.get("images_indexed").asInt()).isZero();
    assertThat(again.get("texts_indexed").asInt()).isZero();
    assertThat(again.get("already_indexed").asInt()).isEqualTo(12);
  }

  @Test
  void aLimitIndexesTheFirstImagesAndTheirCaptions() {
    JsonNode json = index("--limit", "2").json();

    assertThat(json.get("images_indexed").asInt()).isEqualTo(2);
    assertThat(json.get("texts_indexed").asInt()).isEqualTo(4);
  }

  @Test
  void infoShowsTheWorkspaceCounts() {
    index();

    JsonNode info = CliRun.of("info", "--workspace", workspace.toString(), "--json").json();

    assertThat(info.get("images").asInt()).isEqualTo(4);
    assertThat(info.get("texts").asInt()).isEqualTo(8);
    assertThat(info.get("model").asText()).isEqualTo("test:color-words");
    assertThat(info.get("dim").asInt()).isEqualTo(9);
  }

  @Test
  void aTextFindsTheImageOfItsColour() {
    index();

    JsonNode result =
        CliRun.of("search", "--workspace", workspace.toString(), "--text", "blue", "--top-k", "2", "--json").json();

    assertThat(result.get("query").get("text").asText()).isEqualTo("blue");
    JsonNode best = result.get("matches").get(0);
    assertThat(best.get("modality").asText()).isEqualTo("image");
    assertThat(best.get("uri").asText()).endsWith("blue.png");
    assertThat(best.get("score").asDouble()).isGreaterThan(result.get("matches").get(1).get("score").asDouble());
  }

  @Test
  void anImageFindsTheCaptionsOfItsColour() {
    index();
    Path query = TestImages.solid(dir.resolve("q"), "query.png", "green");

    JsonNode result =
        CliRun.of("search", "--workspace", workspace.toString(), "--image", query.toString(), "--top-k", "2", "--json")
            .json();

    for (JsonNode match : result.get("matches")) {
      assertThat(match.get("modality").asText()).isEqualTo("text");
      assertThat(match.get("text").asText()).contains("green");
    }
  }

  @Test
  void aMissingWorkspaceIsAClearErrorWithItsOwnExitCode() {
    CliRun run = CliRun.of("info", "--workspace", dir.resolve("nowhere").toString());

    assertThat(run.exitCode()).isEqualTo(ErrorHandler.BAD_WORKSPACE);
    assertThat(run.err()).contains("nowhere").contains("does not exist");
  }

  @Test
  void aMissingQueryImageNamesTheFile() {
    index();

    CliRun run = CliRun.of("search", "--workspace", workspace.toString(), "--image", "no-such.jpg");

    assertThat(run.exitCode()).isEqualTo(ErrorHandler.BAD_INPUT);
    assertThat(run.err()).contains("no-such.jpg").contains("no such file");
  }

  @Test
  void anUnknownFormatIsRefused() {
    CliRun run =
        CliRun.of("index", "--data", data.toString(), "--format", "coco", "--model", "color-words",
            "--workspace", workspace.toString());

    assertThat(run.exitCode()).isEqualTo(ErrorHandler.BAD_INPUT);
    assertThat(run.err()).contains("coco");
  }

  @Test
  void aWorkspaceOfAnotherModelIsRefused() {
    index();

    CliRun run =
        CliRun.of("index", "--data", data.toString(), "--format", "flickr8k", "--model", "vse",
            "--model-dir", dir.resolve("no-model").toString(), "--workspace", workspace.toString());

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("no-model");
  }

  @Test
  void embedPrintsOneLinePerInputInOrder() {
    Path red = TestImages.solid(dir.resolve("e"), "red.png", "red");

    CliRun run =
        CliRun.of("embed", "--model", "color-words", "--text", "red", "--image", red.toString(), "--text", "blue", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.lines()).hasSize(3);
    assertThat(run.lines().get(0)).contains("\"modality\":\"text\"").contains("\"input\":\"red\"");
    assertThat(run.lines().get(1)).contains("\"modality\":\"image\"");
    assertThat(run.lines().get(2)).contains("\"input\":\"blue\"");
  }
}
