package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.datasets.Datasets;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.pipeline.Indexer;
import dev.crossmodal.testing.ColorWordsModel;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.index.flat.FlatIndex;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private Path workspace;

  @BeforeEach
  void indexToySet() {
    workspace = dir.resolve("ws");
    ColorWordsModel model = new ColorWordsModel();
    try (Workspace ws = Workspace.openOrCreate(workspace, ModelSpec.of("test-colors"), model, FlatIndex.factory())) {
      Indexer.builder(ws, model).build().index(Datasets.open("toy", Path.of("..", "data", "toy"), null), -1);
    }
  }

  private ServerRunner.Running start(String... extra) {
    ServeCommand serve = new ServeCommand();
    String[] args = new String[extra.length + 4];
    args[0] = "--workspace";
    args[1] = workspace.toString();
    args[2] = "--port";
    args[3] = "0";
    System.arraycopy(extra, 0, args, 4, extra.length);
    new CommandLine(serve).parseArgs(args);
    return serve.start();
  }

  @Test
  void servesAWorkspaceWithTheModelItWasIndexedWith() throws Exception {
    try (ServerRunner.Running running = start()) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(running.server().url() + "search"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"top_k\": 3, \"data\": [\"something red\"]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode best = new ObjectMapper().readTree(response.body()).at("/data/docs/0/matches/0");
      assertThat(best.get("modality").asText()).isEqualTo("image");
      HttpResponse<byte[]> image =
          HTTP.send(HttpRequest.newBuilder(URI.create(best.get("uri").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(image.statusCode()).isEqualTo(200);
      assertThat(image.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/");
    }
  }

  @Test
  void missingWorkspaceFailsWithAOneLineMessage() {
    CliRun run = CliRun.of("serve", "--workspace", dir.resolve("nowhere").toString(), "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ErrorHandler.BAD_WORKSPACE);
    assertThat(run.err()).startsWith("error: ").contains("nowhere").doesNotContain("Exception");
  }
}
