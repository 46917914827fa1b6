package dev.crossmodal.core.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.InvalidModelException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsAutoTest {

  @Test
  void autoNeedsALocalModel() {
    assertThatThrownBy(() -> Models.load(ModelSpec.of(Models.AUTO)))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("directory or file");
  }

  @Test
  void aMissingPathIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nothing-here");

    assertThatThrownBy(() -> Models.load(ModelSpec.of(Models.AUTO).withModelDir(missing)))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void aDirectoryNoProviderRecognisesAsksForTheFamily(@TempDir Path dir) {
    assertThatThrownBy(() -> Models.detect(dir))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("name the family");
  }
}
