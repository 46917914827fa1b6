package dev.crossmodal.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starts fresh JVMs, because the kernel is chosen once per JVM. */
class KernelSelectionTest {

  private static String probe(String... jvmOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), KernelProbe.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    process.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void withoutTheIncubatorModuleTheScalarKernelIsUsedAndSearchStillWorks() throws Exception {
    assertThat(probe()).isEqualTo("scalar b");
  }

  @Test
  void withTheIncubatorModuleThePanamaKernelIsUsed() throws Exception {
    assertThat(probe("--add-modules=jdk.incubator.vector")).isEqualTo("panama b");
  }

  @Test
  void theSystemPropertyForcesTheScalarKernel() throws Exception {
    assertThat(probe("--add-modules=jdk.incubator.vector", "-Dcrossmodal.vector.scalar=true"))
        .isEqualTo("scalar b");
  }
}
