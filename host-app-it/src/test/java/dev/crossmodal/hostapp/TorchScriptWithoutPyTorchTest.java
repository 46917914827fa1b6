package dev.crossmodal.hostapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the lean class path (no PyTorch), an openai TorchScript file is refused with a message that
 * names the artifact to add, instead of a NoClassDefFoundError.
 */
class TorchScriptWithoutPyTorchTest {
  private static final Path JIT = Path.of(System.getProperty("repo.root", ".."))
      .resolve("encoders-clip/src/test/resources/dev/crossmodal/clip/fixtures/openai-tiny-jit.pt");

  @TempDir Path app;

  @Test
  void aPtFileIsRefusedNamingTheTorchScriptArtifact() throws Exception {
    Path source = app.resolve("LoadPt.java");
    Files.writeString(source, """
        import dev.crossmodal.clip.ClipModel;
        import dev.crossmodal.core.InvalidModelException;
        import java.nio.file.Path;

        public class LoadPt {
          public static void main(String[] args) {
            try {
              ClipModel.builder().modelDir(Path.of(args[0])).build().close();
              System.out.println("loaded");
            } catch (InvalidModelException e) {
              System.out.println("refused: " + e.getMessage());
            }
          }
        }
        """);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.getTask(null, null, null, List.of("-cp", HostClasspath.asString(), "-d", app.toString()),
        null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call()).isTrue();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process run = new ProcessBuilder(java.toString(), "-Dai.djl.offline=true",
        "-cp", app + File.pathSeparator + HostClasspath.asString(), "LoadPt", JIT.toString())
        .redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes());
    assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(output).contains("refused: ").contains("crossmodal-encoders-clip-torchscript")
        .doesNotContain("NoClassDefFoundError");
  }
}
