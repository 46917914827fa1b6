package dev.crossmodal.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetFormats;
import dev.crossmodal.core.memory.InMemoryVectorIndex;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import dev.crossmodal.core.pipeline.Indexer;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark in local[2], bound to the loopback interface, encoding with the deterministic test model. */
class SparkEncodeJobTest {
  private static final ModelSpec MODEL = ModelSpec.of("color-words");
  private static SparkSession spark;

  @TempDir Path tmp;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("crossmodal-test")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** Kaggle's Flickr8k layout: two good photos with captions, one undecodable with a caption. */
  private Dataset smallDataset() throws Exception {
    Path dir = tmp.resolve("data");
    TestImages.solid(dir.resolve("images"), "red.png", "red");
    TestImages.solid(dir.resolve("images"), "blue.png", "blue");
    Files.write(dir.resolve("images/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    Files.writeString(
        dir.resolve("captions.txt"),
        """
        image,caption
        red.png,a red square
        red.png,something red
        blue.png,a blue square
        broken.jpg,a green thing
        """);
    return DatasetFormats.open("flickr8k", dir, null);
  }

  private static Map<String, Document> documentsOf(Workspace ws) {
    Map<String, Document> docs = new TreeMap<>();
    ws.documents().forEach(d -> docs.put(d.id(), d));
    return docs;
  }

  @Test
  void writesOneRowPerEncodedDocumentWithTheModelsVectors() throws Exception {
    Path out = tmp.resolve("vectors");
    EncodeReport report = SparkEncodeJob.builder(smallDataset(), MODEL, out).batchSize(2).build().run(spark);

    assertThat(report.images()).isEqualTo(2);
    assertThat(report.texts()).isEqualTo(3);
    List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
    assertThat(rows).hasSize(5);
    try (CrossModalModel model = Models.load(MODEL)) {
      for (Row row : rows) {
        Document doc = VectorTable.toDocument(row);
        float[] expected = model.encoder(doc.modality()).encode(doc);
        assertThat(VectorTable.vector(row)).containsExactly(expected);
      }
    }
  }

  @Test
  void skipsAnUndecodableImageWithItsCaptionsAndSaysSo() throws Exception {
    Path out = tmp.resolve("vectors");
    EncodeReport report = SparkEncodeJob.builder(smallDataset(), MODEL, out).build().run(spark);

    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.item()).contains("broken.jpg");
      assertThat(s.reason()).endsWith("; its 1 caption is skipped");
    });
    EncodedVectorsManifest manifest = EncodedVectorsManifest.read(out);
    assertThat(manifest.skipped()).isEqualTo(report.skipped());
    assertThat(manifest.spec().provider()).isEqualTo("color-words");
    assertThat(manifest.dimension()).isEqualTo(report.dimension());
  }

  @Test
  void importFillsAWorkspaceExactlyAsIndexDoes() throws Exception {
    Dataset dataset = smallDataset();
    Path out = tmp.resolve("vectors");
    SparkEncodeJob.builder(dataset, MODEL, out).build().run(spark);

    try (CrossModalModel model = Models.load(MODEL);
        Workspace indexed = Workspace.openOrCreate(tmp.resolve("indexed"), MODEL, model, InMemoryVectorIndex.factory());
        Workspace imported = Workspace.openOrCreate(tmp.resolve("imported"), MODEL, model, InMemoryVectorIndex.factory())) {
      Indexer.builder(indexed, model).build().index(dataset, -1);
      VectorImport.ImportReport report = VectorImport.builder(imported, out).build().run(spark);

      assertThat(report.imported(Modality.IMAGE)).isEqualTo(2);
      assertThat(report.imported(Modality.TEXT)).isEqualTo(3);
      assertThat(documentsOf(imported)).isEqualTo(documentsOf(indexed));
      float[] query = model.encoder(Modality.TEXT).encode(Document.text("q", "red"));
      for (Modality modality : List.of(Modality.IMAGE, Modality.TEXT)) {
        List<SearchHit> expected = indexed.index(modality).search(query, 5);
        assertThat(imported.index(modality).search(query, 5)).isEqualTo(expected);
      }
    }
  }

  @Test
  void importingTwiceAddsNothingTheSecondTime() throws Exception {
    Path out = tmp.resolve("vectors");
    SparkEncodeJob.builder(smallDataset(), MODEL, out).build().run(spark);
    try (CrossModalModel model = Models.load(MODEL);
        Workspace ws = Workspace.openOrCreate(tmp.resolve("ws"), MODEL, model, InMemoryVectorIndex.factory())) {
      VectorImport.builder(ws, out).build().run(spark);
      VectorImport.ImportReport again = VectorImport.builder(ws, out).build().run(spark);

      assertThat(again.imported()).isEmpty();
      assertThat(again.alreadyPresent()).isEqualTo(5);
    }
  }

  @Test
  void refusesAFolderThatIsNotEncodingOutput() {
    try (CrossModalModel model = Models.load(MODEL);
        Workspace ws = Workspace.openOrCreate(tmp.resolve("ws"), MODEL, model, InMemoryVectorIndex.factory())) {
      assertThatThrownBy(() -> VectorImport.builder(ws, tmp).build().run(spark))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("_crossmodal.json");
    }
  }
}
