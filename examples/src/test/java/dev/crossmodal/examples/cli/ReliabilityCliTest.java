package dev.crossmodal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 at the command line: damaged workspaces exit 4 and are left byte for byte as they
 * were, input files that are not what they claim exit 2, and option values out of range exit 2.
 */
class ReliabilityCliTest {
  @TempDir Path dir;
  Path data;
  Path workspace;

  @BeforeEach
  void indexFourColours() throws IOException {
    data = dir.resolve("flickr");
    workspace = dir.resolve("ws");
    List<String> rows = new ArrayList<>(List.of("image,caption"));
    for (String color : List.of("red", "green", "blue", "yellow")) {
      TestImages.solid(data.resolve("images"), color + ".png", color);
      rows.add(color + ".png,a " + color + " square");
    }
    Files.write(data.resolve("captions.txt"), rows);
    assertThat(index().exitCode()).isZero();
  }

  private CliRun index(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("index", "--data", data.toString(), "--format", "flickr8k", "--model", "color-words",
                "--workspace", workspace.toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private Map<String, byte[]> files() throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (Stream<Path> list = Files.list(workspace)) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  private void assertReadersExit4AndLeaveItAsItIs(String expected) throws IOException {
    Map<String, byte[]> before = files();
    CliRun info = CliRun.of("info", "--workspace", workspace.toString());
    CliRun search = CliRun.of("search", "--workspace", workspace.toString(), "--text", "red");

    assertThat(info.exitCode()).as(info.err()).isEqualTo(4);
    assertThat(info.err()).contains(expected);
    assertThat(search.exitCode()).as(search.err()).isEqualTo(4);
    Map<String, byte[]> after = files();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void aLogCutInHalf() throws IOException {
    Path log = workspace.resolve("documents.log");
    byte[] bytes = Files.readAllBytes(log);
    Files.write(log, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertReadersExit4AndLeaveItAsItIs("documents.log");
    assertThat(index().exitCode()).isEqualTo(4);
  }

  @Test
  void aDeletedLog() throws IOException {
    Files.delete(workspace.resolve("documents.log"));

    assertReadersExit4AndLeaveItAsItIs("documents.log is missing");
  }

  @Test
  void aDeletedVectorsFile() throws IOException {
    Files.delete(workspace.resolve("vectors-image.flat"));

    assertReadersExit4AndLeaveItAsItIs("vectors-image.flat");
  }

  @Test
  void swappedVectorsFiles() throws IOException {
    Path image = workspace.resolve("vectors-image.flat");
    Path text = workspace.resolve("vectors-text.flat");
    Path aside = workspace.resolve("aside.tmp-swap");
    Files.move(image, aside);
    Files.move(text, image);
    Files.move(aside, text);

    assertReadersExit4AndLeaveItAsItIs("swapped");
    assertThat(index().exitCode()).isEqualTo(4);
  }

  @Test
  void latin1CaptionsExit2NamingTheLine() throws IOException {
    Files.write(data.resolve("captions.txt"),
        "image,caption\nred.png,un carré rouge\n".getBytes(StandardCharsets.ISO_8859_1));

    CliRun run = index();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("captions.txt:2").contains("--encoding");
    assertThat(index("--encoding", "ISO-8859-1").exitCode()).isZero();
  }

  @Test
  void swappedCaptionColumnsExit2() throws IOException {
    Files.writeString(data.resolve("captions.txt"), "caption,image\na red square,red.png\n");

    CliRun run = index();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("swapped").contains("image,caption");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--batch-size=0", "--batch-size=1000000000", "--batch-size=-3", "--limit=-5",
      "--checkpoint-seconds=-1", "--encoding=no-such-charset"})
  void optionsOutOfRangeExit2(String option) {
    CliRun run = index(option);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(option.substring(0, option.indexOf('=')));
  }
}
