package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchIndexCommandTest {
  @TempDir Path dir;

  private CliRun bench(String quantize, Path file) {
    return CliRun.of(
        "bench", "index", "--vectors", "3000", "--dim", "24", "--queries", "7", "--top-k", "5",
        "--threads", "2", "--warmup", "1", "--quantize", quantize, "--file", file.toString(),
        "--json");
  }

  @Test
  void printsTheContractFieldsWithExactRecall() {
    CliRun run = bench("int8", dir.resolve("bench.cmx"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.fieldNames()).toIterable().contains(
        "vectors", "dim", "threads", "single_query_ms", "batch_query_ms", "recall_at_k",
        "commit_seconds", "append_commit_seconds", "open_seconds", "heap_bytes_per_vector",
        "write_seconds");
    assertThat(json.get("vectors").asInt()).isEqualTo(3000);
    assertThat(json.get("quantize").asText()).isEqualTo("int8");
    assertThat(json.get("recall_at_k").asDouble()).isEqualTo(1.0);
    assertThat(json.get("batch_equals_single").asBoolean()).isTrue();
    assertThat(json.get("commit_seconds").asDouble()).isPositive();
    assertThat(json.get("write_seconds").asDouble()).isPositive();
    assertThat(json.get("open_seconds").asDouble()).isPositive();
  }

  @Test
  void theFloatScanIsChosenWithQuantizeNoneAndAnOldIndexFileIsReplaced() throws Exception {
    Path file = dir.resolve("bench.cmx");
    Files.writeString(file, "an old file that is not an index");

    CliRun run = bench("none", file);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().get("quantize").asText()).isEqualTo("none");
    assertThat(run.json().get("recall_at_k").asDouble()).isEqualTo(1.0);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("bench.cmx", "bench.cmx.0.seg");
    }
  }

  @Test
  void anUnknownQuantizationIsRefused() {
    CliRun run = bench("int4", dir.resolve("bench.cmx"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--quantize must be int8 or none");
  }
}
