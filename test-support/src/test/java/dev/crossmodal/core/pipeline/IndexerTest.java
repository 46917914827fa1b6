package dev.crossmodal.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.IndexReport;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.Progress;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import dev.crossmodal.core.memory.InMemoryVectorIndex;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.testing.ColorWordsModel;
import dev.crossmodal.testing.TestImages;
import dev.crossmodal.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexerTest {
  @TempDir Path dir;

  private final ColorWordsModel model = new ColorWordsModel();

  private Document image(String name, String color) {
    return Document.image(name, ImageSource.of(TestImages.solid(dir.resolve("images"), name + ".png", color)));
  }

  private static Document caption(String imageId, int n, String text) {
    return Document.text(imageId + "#" + n, text).withTag(Document.TAG_IMAGE_ID, imageId);
  }

  private Dataset datasetOf(List<DatasetEntry> entries) {
    return new Dataset() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public Stream<DatasetEntry> entries() {
        return entries.stream();
      }
    };
  }

  @Test
  void aCorruptImageIsSkippedAndReportedWhileTheRestIsIndexed() throws IOException {
    Path corrupt = dir.resolve("corrupt.png");
    Files.writeString(corrupt, "not an image");
    Workspace ws = Workspace.inMemory(model);
    List<Document> docs =
        List.of(
            image("a", "red"),
            Document.image("bad", ImageSource.of(corrupt)),
            image("b", "blue"),
            caption("a", 0, "red"));

    IndexReport report = Indexer.builder(ws, model).batchSize(2).build().index(docs);

    assertThat(report.indexed(Modality.IMAGE)).isEqualTo(2);
    assertThat(report.indexed(Modality.TEXT)).isEqualTo(1);
    assertThat(report.skipped()).extracting(SkippedItem::item).containsExactly(corrupt.toString());
    assertThat(ws.index(Modality.IMAGE).ids()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void theCaptionsOfAnImageThatCannotBeDecodedAreSkippedWithIt() throws IOException {
    Path corrupt = dir.resolve("corrupt.png");
    Files.writeString(corrupt, "not an image");
    Workspace ws = Workspace.inMemory(model);
    // Captions listed before their images: the image still has to be tried first.
    List<Document> docs =
        List.of(
            caption("a", 0, "red"),
            caption("bad", 0, "green"),
            caption("bad", 1, "blue"),
            image("a", "red"),
            Document.image("bad", ImageSource.of(corrupt)));

    IndexReport report = Indexer.builder(ws, model).batchSize(2).build().index(docs);

    assertThat(report.indexed(Modality.TEXT)).isEqualTo(1);
    assertThat(ws.index(Modality.TEXT).ids()).containsExactly("a#0");
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.item()).isEqualTo(corrupt.toString());
      assertThat(s.reason()).endsWith("; its 2 captions are skipped");
    });
  }

  @Test
  void problemsFoundWhileReadingTheDatasetAreReported() {
    Workspace ws = Workspace.inMemory(model);
    Dataset dataset =
        datasetOf(
            List.of(
                new DatasetEntry(image("a", "red"), List.of(caption("a", 0, "red")), List.of()),
                DatasetEntry.problemsOnly(List.of(new SkippedItem("captions.txt:3", "image file not found")))));

    IndexReport report = Indexer.builder(ws, model).build().index(dataset, -1);

    assertThat(report.skipped()).containsExactly(new SkippedItem("captions.txt:3", "image file not found"));
    assertThat(report.indexed(Modality.IMAGE)).isEqualTo(1);
  }

  @Test
  void aLimitTakesTheFirstImagesAndTheirCaptions() {
    Workspace ws = Workspace.inMemory(model);
    List<DatasetEntry> entries = new ArrayList<>();
    for (String color : List.of("red", "green", "blue")) {
      entries.add(new DatasetEntry(image(color, color), List.of(caption(color, 0, color), caption(color, 1, color)), List.of()));
    }

    IndexReport report = Indexer.builder(ws, model).build().index(datasetOf(entries), 2);

    assertThat(report.indexed(Modality.IMAGE)).isEqualTo(2);
    assertThat(report.indexed(Modality.TEXT)).isEqualTo(4);
    assertThat(ws.documents().contains("blue")).isFalse();
  }

  @Test
  void reIndexingAddsOnlyWhatIsMissing() {
    Path wsDir = dir.resolve("ws");
    List<Document> first = List.of(image("a", "red"), caption("a", 0, "red"));
    List<Document> both = List.of(image("a", "red"), caption("a", 0, "red"), image("b", "green"));
    try (Workspace ws = Workspace.openOrCreate(wsDir, ModelSpec.of("test"), model, InMemoryFileIndex.factory())) {
      Indexer.builder(ws, model).build().index(first);
    }
    try (Workspace ws = Workspace.openOrCreate(wsDir, ModelSpec.of("test"), model, InMemoryFileIndex.factory())) {
      IndexReport report = Indexer.builder(ws, model).build().index(both);

      assertThat(report.alreadyPresent()).isEqualTo(2);
      assertThat(report.indexed(Modality.IMAGE)).isEqualTo(1);
      assertThat(ws.manifest().count(Modality.IMAGE)).isEqualTo(2);
      assertThat(ws.manifest().count(Modality.TEXT)).isEqualTo(1);
    }
  }

  @Test
  void duplicateIdsInOneRunAreIndexedOnce() {
    Workspace ws = Workspace.inMemory(model);
    Document a = image("a", "red");

    IndexReport report = Indexer.builder(ws, model).build().index(List.of(a, a));

    assertThat(report.indexed(Modality.IMAGE)).isEqualTo(1);
    assertThat(ws.index(Modality.IMAGE).size()).isEqualTo(1);
  }

  @Test
  void progressReachesTheTotal() {
    Workspace ws = Workspace.inMemory(model);
    List<Progress> seen = new ArrayList<>();

    Indexer.builder(ws, model)
        .batchSize(1)
        .progress(seen::add)
        .build()
        .index(List.of(image("a", "red"), caption("a", 0, "red"), caption("a", 1, "red")));

    Progress last = seen.get(seen.size() - 1);
    assertThat(last.task()).isEqualTo("indexing");
    assertThat(last.done()).isEqualTo(3);
    assertThat(last.total()).isEqualTo(3);
  }

  @Test
  void cancellingStopsEarlyAndKeepsWhatWasDone() {
    Indexer[] indexer = new Indexer[1];
    int[] encoded = {0};
    dev.crossmodal.core.Encoder cancelAfterTwoBatches =
        new dev.crossmodal.core.Encoder() {
          @Override
          public Modality modality() {
            return Modality.TEXT;
          }

          @Override
          public int dimension() {
            return model.dimension();
          }

          @Override
          public float[][] encode(List<Document> documents) {
            encoded[0] += documents.size();
            if (encoded[0] >= 4) {
              indexer[0].cancel();
            }
            return model.encoder(Modality.TEXT).encode(documents);
          }
        };
    dev.crossmodal.core.CrossModalModel textOnly = new SingleEncoderModel(model, cancelAfterTwoBatches);
    Workspace ws = Workspace.inMemory(textOnly);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      docs.add(Document.text("t" + i, "red " + i));
    }
    indexer[0] = Indexer.builder(ws, textOnly).batchSize(2).textBatchSize(2).build();

    IndexReport report = indexer[0].index(docs);

    assertThat(report.interrupted()).isTrue();
    assertThat(report.indexed(Modality.TEXT)).isEqualTo(4);
    assertThat(ws.documents().count(Modality.TEXT)).isEqualTo(4);
  }

  @Test
  void aDatasetIsReadOneWindowAtATimeNotCollectedFirst() {
    int[] read = {0};
    int[] readWhenFirstEncoded = {-1};
    dev.crossmodal.core.Encoder watching = textEncoderCalling(() -> {
      if (readWhenFirstEncoded[0] < 0) {
        readWhenFirstEncoded[0] = read[0];
      }
    });
    dev.crossmodal.core.CrossModalModel textOnly = new SingleEncoderModel(model, watching);
    Workspace ws = Workspace.inMemory(textOnly);
    Dataset large = new Dataset() {
      @Override
      public String name() {
        return "large";
      }

      @Override
      public Stream<DatasetEntry> entries() {
        return Stream.iterate(0, i -> i + 1)
            .limit(100_000)
            .peek(i -> read[0]++)
            .map(i -> DatasetEntry.text(Document.text("t" + i, "red " + i)));
      }
    };

    IndexReport report = Indexer.builder(ws, textOnly).batchSize(2).textBatchSize(2).build().index(large, -1);

    assertThat(report.indexed(Modality.TEXT)).isEqualTo(100_000);
    assertThat(readWhenFirstEncoded[0]).isEqualTo(Indexer.TEXT_WINDOW_BATCHES * 2);
  }

  @Test
  void aLimitCountsTheTextsOfATextOnlyDataset() {
    Workspace ws = Workspace.inMemory(model);
    List<DatasetEntry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(DatasetEntry.text(Document.text("t" + i, "blue " + i)));
    }

    IndexReport report = Indexer.builder(ws, model).build().index(datasetOf(entries), 3);

    assertThat(report.indexed(Modality.TEXT)).isEqualTo(3);
  }

  @Test
  void aDuplicateInALaterWindowCountsAsAlreadyIndexed() {
    Workspace ws = Workspace.inMemory(model);
    List<DatasetEntry> entries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      entries.add(DatasetEntry.text(Document.text("t" + (i % 20), "green " + (i % 20))));
    }

    IndexReport report = Indexer.builder(ws, model).batchSize(1).textBatchSize(1).build().index(datasetOf(entries), -1);

    assertThat(report.indexed(Modality.TEXT)).isEqualTo(20);
    assertThat(report.alreadyPresent()).isEqualTo(20);
  }

  @Test
  void workIsCommittedEveryCheckpointDocumentsWhateverTheTime() {
    Path wsDir = dir.resolve("ws");
    Path log = wsDir.resolve("documents.log");
    long[] logSizeAtLastBatch = {0};
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      docs.add(Document.text("t" + i, "red " + i));
    }
    dev.crossmodal.core.Encoder watching = textEncoderCalling(() -> {
      try {
        logSizeAtLastBatch[0] = Files.size(log);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    dev.crossmodal.core.CrossModalModel textOnly = new SingleEncoderModel(model, watching);
    try (Workspace ws = Workspace.openOrCreate(wsDir, ModelSpec.of("test"), textOnly, InMemoryFileIndex.factory())) {
      long empty = Files.size(log);
      Indexer.builder(ws, textOnly)
          .batchSize(2)
          .textBatchSize(2)
          .checkpointInterval(java.time.Duration.ofHours(1))
          .checkpointDocuments(4)
          .build()
          .index(docs);

      // The last batch starts after 8 documents, two checkpoints of 4 documents each.
      assertThat(logSizeAtLastBatch[0]).isGreaterThan(empty);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** ColorWords' text encoder, calling {@code before} ahead of every batch. */
  private dev.crossmodal.core.Encoder textEncoderCalling(Runnable before) {
    return new dev.crossmodal.core.Encoder() {
      @Override
      public Modality modality() {
        return Modality.TEXT;
      }

      @Override
      public int dimension() {
        return model.dimension();
      }

      @Override
      public float[][] encode(List<Document> documents) {
        before.run();
        return model.encoder(Modality.TEXT).encode(documents);
      }
    };
  }

  /** A model with one encoder, for tests that need to watch or slow down encoding. */
  private record SingleEncoderModel(dev.crossmodal.core.CrossModalModel base, dev.crossmodal.core.Encoder encoder)
      implements dev.crossmodal.core.CrossModalModel {
    @Override
    public String id() {
      return base.id();
    }

    @Override
    public int dimension() {
      return base.dimension();
    }

    @Override
    public java.util.Set<Modality> modalities() {
      return java.util.Set.of(encoder.modality());
    }

    @Override
    public dev.crossmodal.core.Encoder encoder(Modality modality) {
      return encoder;
    }

    @Override
    public void close() {}
  }
}
