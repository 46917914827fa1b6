package dev.crossmodal.hostapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.examples.cli.CrossmodalCli;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example, as written, compiled and run in a fresh JVM on the host class path
 * only (core, index-flat, encoders-clip and what they bring), with the tiny CLIP of encoders-clip's
 * fixtures and 30 generated photos with captions; then the CLI searches the workspace it built.
 */
class ReadmeExampleTest {
  private static final Path ROOT = Path.of(System.getProperty("repo.root", ".."));
  private static final Path TINY_CLIP =
      ROOT.resolve("encoders-clip/src/test/resources/dev/crossmodal/clip/fixtures/hf-tiny");
  private static final String MARKER = "<!-- host-app-it/ReadmeExampleTest";

  @TempDir static Path app;
  static String output;

  @BeforeAll
  static void compileAndRunTheExample() throws Exception {
    copyTree(TINY_CLIP, app.resolve("models/clip"));
    photosWithCaptions(app.resolve("data/flickr8k"), 30);
    Files.copy(app.resolve("data/flickr8k/images/photo07.jpg"), app.resolve("dog.jpg"));

    Path source = app.resolve("src/Example.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, readmeExample());
    Path classes = Files.createDirectories(app.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("-cp", HostClasspath.asString(), "-d", classes.toString(), "-Xlint:all", "-Werror"), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
    assertThat(compiled).as("README example compiles on the host class path:%n%s", diagnostics).isTrue();

    Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
    Process run = new ProcessBuilder(javaBinary.toString(), "--add-modules=jdk.incubator.vector",
        "-Dai.djl.offline=true", "-cp", classes + File.pathSeparator + HostClasspath.asString(), "Example")
        .directory(app.toFile()).redirectErrorStream(true).start();
    output = new String(run.getInputStream().readAllBytes());
    assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(run.exitValue()).as(output).isZero();
  }

  @Test
  void itIndexesThePhotosAndTheirCaptions() {
    assertThat(output).contains("image=30").contains("text=60");
  }

  @Test
  void itFindsImagesCaptionsAndSimilarImages() {
    assertThat(output).containsPattern("file:/\\S+\\.jpg, \"photo \\d+ .+\", 5 similar");
    assertThat(output).contains("3 similar captions");
  }

  @Test
  void theWorkspaceRecordsTheModelsIdentityAndLocationButNoRunTimeOptions() throws IOException {
    String manifest = Files.readString(app.resolve("ws/manifest.json"));
    assertThat(manifest).contains("\"provider\" : \"clip\"").containsPattern("\"digest\" : \"sha256:[0-9a-f]{16}\"")
        .contains(app.resolve("models/clip").toString()).doesNotContain("options");
  }

  @Test
  void theCliSearchesTheWorkspaceWithNoModelFlag() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CrossmodalCli.run(new PrintWriter(out), new PrintWriter(err),
        "search", "--workspace", app.resolve("ws").toString(), "--text", "a dog on the beach", "--json");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"matches\"").contains("photo");
  }

  private static String readmeExample() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int marker = readme.indexOf(MARKER);
    assertThat(marker).as("README marks the example this test compiles").isNotNegative();
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find(marker)).isTrue();
    return block.group(1);
  }

  /** Flickr8k's Kaggle layout: images/ and captions.txt, two captions per photo. */
  private static void photosWithCaptions(Path dir, int count) throws IOException {
    Files.createDirectories(dir.resolve("images"));
    List<String> lines = new ArrayList<>(List.of("image,caption"));
    for (int i = 0; i < count; i++) {
      String name = String.format("photo%02d.jpg", i);
      BufferedImage image = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          image.setRGB(x, y, Color.HSBtoRGB(i / (float) count, (x + 1) / 48f, (y + 1) / 40f));
        }
      }
      ImageIO.write(image, "jpg", dir.resolve("images").resolve(name).toFile());
      lines.add(name + ",photo " + i + " of a dog on the beach");
      lines.add(name + ",photo " + i + " in colour number " + i);
    }
    Files.write(dir.resolve("captions.txt"), lines);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
