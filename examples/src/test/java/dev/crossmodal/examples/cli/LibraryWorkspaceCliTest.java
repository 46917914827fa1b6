package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.core.CrossModalIndex;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workspace a host application built with CrossModalIndex is searchable from the command line. */
class LibraryWorkspaceCliTest {
  @TempDir Path tmp;
  Path ws;
  Path modelDir;

  @BeforeEach
  void builtByTheLibrary() throws IOException {
    ws = tmp.resolve("ws");
    modelDir = Files.createDirectories(tmp.resolve("model"));
    Path red = TestImages.solid(tmp.resolve("photos"), "red.png", "red");
    try (CrossModalIndex index = CrossModalIndex.openOrCreate(
        ws, ModelSpec.of("color-words").withModelDir(modelDir).withOption("threads", "2"))) {
      index.add(List.of(Document.image("red", ImageSource.of(red)), Document.text("c1", "a red kite")));
    }
  }

  @Test
  void searchNeedsNoModelFlag() {
    CliRun run = CliRun.of("search", "--workspace", ws.toString(), "--text", "red", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().path("matches").get(0).path("id").asText()).isEqualTo("red");
  }

  @Test
  void infoShowsWhereTheModelComesFrom() {
    CliRun run = CliRun.of("info", "--workspace", ws.toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().path("model_location").asText()).isEqualTo(modelDir.toString());
  }

  @Test
  void aMovedModelIsFoundWithModelDir() throws IOException {
    Path moved = Files.move(modelDir, tmp.resolve("moved"));
    CliRun lost = CliRun.of("search", "--workspace", ws.toString(), "--text", "red");
    assertThat(lost.exitCode()).isNotZero();
    assertThat(lost.err()).contains("--model-dir");
    CliRun found = CliRun.of(
        "search", "--workspace", ws.toString(), "--model-dir", moved.toString(), "--text", "red", "--json");
    assertThat(found.exitCode()).as(found.err()).isZero();
    assertThat(CliRun.of("info", "--workspace", ws.toString(), "--model-dir", moved.toString()).exitCode()).isZero();
  }
}
