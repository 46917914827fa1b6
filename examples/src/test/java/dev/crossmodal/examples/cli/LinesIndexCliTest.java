package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index --format lines --model color-words}: a text corpus indexed from the command line
 * with the model-free test model, as the README's scale check does with a million lines.
 */
class LinesIndexCliTest {
  @TempDir Path dir;

  private JsonNode index(Path corpus, Path workspace) {
    CliRun run = CliRun.of("index", "--format", "lines", "--model", "color-words", "--data", corpus.toString(),
        "--workspace", workspace.toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.json();
  }

  @Test
  void eachLineIsIndexedAndSearchable() throws IOException {
    Path corpus = Files.writeString(dir.resolve("corpus.txt"), "a red kite\n\na green hat\na blue boat\n");
    Path workspace = dir.resolve("ws");

    JsonNode report = index(corpus, workspace);
    JsonNode hits = CliRun.of("search", "--workspace", workspace.toString(), "--text", "green", "--same-modality", "--top-k", "1", "--json")
        .json();

    assertThat(report.get("texts_indexed").asInt()).isEqualTo(3);
    assertThat(report.get("skipped")).isEmpty();
    assertThat(hits.get("matches").get(0).get("text").asText()).isEqualTo("a green hat");
  }

  @Test
  void reRunsAddOnlyNewLinesEvenWhenLinesMove() throws IOException {
    Path corpus = Files.writeString(dir.resolve("corpus.txt"), "a red kite\na blue boat\n");
    Path workspace = dir.resolve("ws");
    index(corpus, workspace);
    Files.writeString(corpus, "a yellow ball\na red kite\na blue boat\na red kite\n");

    JsonNode again = index(corpus, workspace);

    assertThat(again.get("texts_indexed").asInt()).isEqualTo(1);
    assertThat(again.get("already_indexed").asInt()).isEqualTo(3);
  }
}
