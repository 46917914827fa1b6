package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  @TempDir Path workspace;

  @Test
  void indexesTheBundledToySetAndServesIt() throws Exception {
    DemoCommand demo = new DemoCommand();
    // The toy set lives at the repository root; tests run in examples/.
    new CommandLine(demo)
        .parseArgs("--port", "0", "--model", "test-colors", "--workspace", workspace.resolve("demo").toString(),
            "--data", Path.of("..", "data", "toy").toString());

    try (ServerRunner.Running running = demo.start()) {
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(URI.create(running.server().url() + "health")).build(), HttpResponse.BodyHandlers.ofString());

      JsonNode json = new ObjectMapper().readTree(health.body());
      assertThat(json.get("images").asInt()).isGreaterThan(10);
      assertThat(json.get("texts").asInt()).isGreaterThan(json.get("images").asInt());
    }
  }

  @Test
  void secondRunReusesTheWorkspace() throws Exception {
    String[] args = {"--port", "0", "--model", "test-colors", "--workspace", workspace.resolve("demo").toString(),
        "--data", Path.of("..", "data", "toy").toString()};
    DemoCommand first = new DemoCommand();
    new CommandLine(first).parseArgs(args);
    long images;
    try (ServerRunner.Running running = first.start()) {
      images = running.workspace().documents().count(dev.crossmodal.core.Modality.IMAGE);
    }
    DemoCommand second = new DemoCommand();
    new CommandLine(second).parseArgs(args);

    try (ServerRunner.Running running = second.start()) {
      assertThat(running.workspace().documents().count(dev.crossmodal.core.Modality.IMAGE)).isEqualTo(images);
    }
  }
}
