package dev.crossmodal.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.DatasetFormats;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core finds this module's formats by name, with no compile-time dependency on it. */
class BuiltInDatasetsTest {
  @TempDir Path dir;

  @Test
  void coreListsEveryFormatOfThisModule() {
    assertThat(DatasetFormats.names()).containsAll(Datasets.FORMATS);
  }

  @Test
  void coreOpensAFormatByName() throws IOException {
    assertThat(DatasetFormats.open("flickr8k", DatasetFixtures.kaggle(dir), null))
        .isInstanceOf(Flickr8kDataset.class);
  }

  @Test
  void coreRefusesAnUnknownFormatListingTheKnownOnes() {
    assertThatThrownBy(() -> DatasetFormats.open("coco", dir, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'coco'")
        .hasMessageContaining("karpathy");
  }
}
