package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossmodal.testing.ColorWordsModel;
import dev.crossmodal.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at different moments of an index run, then a re-run: the workspace must open, and
 * hold every item exactly once, as after a clean run.
 */
class KillDuringIndexingTest {
  private static final int IMAGES = 40;

  @TempDir Path dir;

  private Path makeDataset() throws IOException {
    Path data = dir.resolve("data");
    List<String> rows = new ArrayList<>(List.of("image,caption"));
    for (int i = 0; i < IMAGES; i++) {
      String color = ColorWordsModel.COLORS.get(i % ColorWordsModel.COLORS.size());
      // Distinct sizes make distinct files, so every image has its own content-hash id.
      TestImages.solid(data.resolve("images"), "img" + i + ".png", color);
      Path file = data.resolve("images").resolve("img" + i + ".png");
      Files.write(file, appendComment(Files.readAllBytes(file), i));
      rows.add("img" + i + ".png,a " + color + " thing number " + i);
      rows.add("img" + i + ".png,picture " + i + " in " + color);
    }
    Files.write(data.resolve("captions.txt"), rows);
    return data;
  }

  /** Appends bytes after the PNG's end: decoders ignore them, the content hash does not. */
  private static byte[] appendComment(byte[] png, int i) {
    byte[] out = java.util.Arrays.copyOf(png, png.length + 4);
    out[png.length + 3] = (byte) i;
    return out;
  }

  private Process startIndex(Path data, Path workspace) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(java, "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
            CrossmodalCli.class.getName(), "index", "--data", data.toString(), "--format", "flickr8k",
            "--model", "color-words", "--model-option", "delay_ms=15", "--batch-size", "4",
            "--checkpoint-seconds", "0", "--workspace", workspace.toString(), "--json");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("log-" + System.nanoTime() + ".txt").toFile())
        .start();
  }

  /** Waits until the run has committed some documents, so that the kill lands mid-run. */
  private static void awaitFirstCommit(Path workspace) throws InterruptedException, IOException {
    Path log = workspace.resolve("documents.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.size(log) > 12) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the index run never committed");
  }

  @ParameterizedTest(name = "killed {0} ms after its first commit")
  @ValueSource(ints = {0, 7, 150, 400})
  void aReRunAfterKillEndsWithEveryItemExactlyOnce(int killAfterMillis) throws Exception {
    Path data = makeDataset();
    Path workspace = dir.resolve("ws");

    Process victim = startIndex(data, workspace);
    awaitFirstCommit(workspace);
    Thread.sleep(killAfterMillis);
    victim.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
    assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
    JsonNode partial = CliRun.of("info", "--workspace", workspace.toString(), "--json").json();
    assertThat(partial.get("images").asInt() + partial.get("texts").asInt())
        .as("the kill landed mid-run")
        .isLessThan(3 * IMAGES);

    Process rerun = startIndex(data, workspace);
    assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(rerun.exitValue()).isZero();

    JsonNode info = CliRun.of("info", "--workspace", workspace.toString(), "--json").json();
    assertThat(info.get("images").asInt()).isEqualTo(IMAGES);
    assertThat(info.get("texts").asInt()).isEqualTo(2 * IMAGES);
    JsonNode again =
        CliRun.of("index", "--data", data.toString(), "--format", "flickr8k", "--model", "color-words",
                "--workspace", workspace.toString(), "--json")
            .json();
    assertThat(again.get("images_indexed").asInt()).isZero();
    assertThat(again.get("texts_indexed").asInt()).isZero();
  }
}
