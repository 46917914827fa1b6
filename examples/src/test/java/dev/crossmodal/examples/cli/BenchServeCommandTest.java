package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.testing.ColorWordsModel;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.examples.server.CrossmodalServer;
import org.junit.jupiter.api.Test;

class BenchServeCommandTest {

  @Test
  void reportsLatencyPercentilesOfEveryRequest() throws Exception {
    ColorWordsModel model = new ColorWordsModel();
    try (Workspace workspace = Workspace.inMemory(model);
        CrossmodalServer server = ServerRunner.start(workspace, model, "127.0.0.1", 0)) {
      CliRun run =
          CliRun.of("bench", "serve", "--url", "http://127.0.0.1:" + server.port(), "--clients", "2", "--requests", "5", "--json");

      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode json = run.json();
      assertThat(json.get("requests").asInt()).isEqualTo(10);
      assertThat(json.get("errors").asInt()).isZero();
      assertThat(json.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(json.get("p50_ms").asDouble());
    }
  }

  @Test
  void countsRefusedRequestsAsErrors() throws Exception {
    ColorWordsModel model = new ColorWordsModel();
    try (Workspace workspace = Workspace.inMemory(model);
        CrossmodalServer server = ServerRunner.start(workspace, model, "127.0.0.1", 0)) {
      CliRun run =
          CliRun.of("bench", "serve", "--url", "http://127.0.0.1:" + server.port(), "--clients", "1", "--requests", "3", "--top-k", "1000", "--warmup", "0", "--json");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.json().get("errors").asInt()).isEqualTo(3);
    }
  }

  @Test
  void nearestRankPercentile() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    assertThat(BenchServeCommand.percentile(sorted, 50)).isEqualTo(5);
    assertThat(BenchServeCommand.percentile(sorted, 99)).isEqualTo(10);
  }
}
