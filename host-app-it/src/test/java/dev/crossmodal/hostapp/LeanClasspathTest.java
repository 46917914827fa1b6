package dev.crossmodal.hostapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A host app that wants CLIP on ONNX Runtime gets ONNX Runtime, not PyTorch. */
class LeanClasspathTest {

  @Test
  void noPyTorchOnTheClassPath() {
    assertThat(HostClasspath.entries()).map(Path::toString).noneMatch(p -> p.contains("pytorch"));
  }

  @Test
  void onnxRuntimeAndTheDatasetFormatsAreThere() {
    assertThat(HostClasspath.entries()).map(Path::toString)
        .anyMatch(p -> p.contains("onnxruntime"))
        .anyMatch(p -> p.contains("datasets"));
  }

  @Test
  void theClassPathIsUnder150MB() {
    long bytes = HostClasspath.entries().stream().mapToLong(HostClasspath::size).sum();
    assertThat(bytes).as("host class path bytes").isLessThan(150_000_000L);
  }
}
