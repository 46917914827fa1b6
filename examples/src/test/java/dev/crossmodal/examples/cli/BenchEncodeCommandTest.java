package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchEncodeCommandTest {
  /** The tiny CLIP that encoders-clip's fixture script commits; the module's tests run from examples/. */
  private static final Path TINY_CLIP =
      Path.of("../encoders-clip/src/test/resources/dev/crossmodal/clip/fixtures/hf-tiny");

  @Test
  void printsTheThreeRatesAsOneJsonLine() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      exit = CrossmodalCli.run(
          "bench", "encode", "--model", "clip", "--model-dir", TINY_CLIP.toString(),
          "--data", "../data/toy", "--format", "toy", "--batch-size", "4", "--json");
    } finally {
      System.setOut(original);
    }

    assertThat(exit).isZero();
    String out = stdout.toString(StandardCharsets.UTF_8).strip();
    assertThat(out.lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(out);
    assertThat(json.fieldNames()).toIterable()
        .containsExactly("images_per_s", "texts_per_s", "session_images_per_s");
    assertThat(json.get("images_per_s").asDouble()).isPositive();
    assertThat(json.get("texts_per_s").asDouble()).isPositive();
    assertThat(json.get("session_images_per_s").asDouble()).isPositive();
  }
}
