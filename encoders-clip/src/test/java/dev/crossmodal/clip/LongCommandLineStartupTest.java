package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime 1.29 needs native stack in proportion to the process command line while its
 * environment starts: with a 60,000-character {@code -cp}, started on the main thread, the JVM
 * died with SIGSEGV (exit 139) and no error report.
 */
class LongCommandLineStartupTest {

  @Test
  void theEngineStartsInAJvmWithAVeryLongClassPath() throws IOException, InterruptedException {
    StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
    for (int i = 0; classPath.length() < 60_000; i++) {
      classPath.append(File.pathSeparator).append("/nonexistent/padding/of/a/long/class/path/jar-")
          .append(i).append(".jar");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(List.of(java.toString(), "-Xss1m",
            "--enable-native-access=ALL-UNNAMED", "-cp", classPath.toString(),
            StartOnnxEngineMain.class.getName()))
        .redirectErrorStream(true)
        .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("started with inputs [input_ids, attention_mask]");
  }
}
