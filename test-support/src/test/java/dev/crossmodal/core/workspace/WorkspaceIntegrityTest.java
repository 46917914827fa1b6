package dev.crossmodal.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.pipeline.InMemoryFileIndex;
import dev.crossmodal.testing.ColorWordsModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 1 and 2: readers never write, and a workspace whose files do not match its last
 * commit is refused, naming the file, instead of giving wrong answers.
 */
class WorkspaceIntegrityTest {
  @TempDir Path root;

  private final ColorWordsModel model = new ColorWordsModel();
  private final VectorIndexFactory indexes = InMemoryFileIndex.factory();
  private Path dir;

  @BeforeEach
  void threeImagesAndFourCaptions() {
    dir = root.resolve("ws");
    try (Workspace ws = Workspace.openOrCreate(dir, ModelSpec.of("test"), model, indexes)) {
      for (String colour : List.of("red", "green", "blue")) {
        add(ws, Document.image("img-" + colour, Modality.IMAGE,
            dev.crossmodal.core.ImageSource.of(Path.of(colour + ".png"))), colour);
      }
      for (String colour : List.of("red", "green", "blue", "yellow")) {
        add(ws, Document.text("cap-" + colour, "a " + colour + " thing"), colour);
      }
      ws.commit();
    }
  }

  private static void add(Workspace ws, Document doc, String colour) {
    ws.index(doc.modality()).upsert(doc.id(), ColorWordsModel.axis(colour));
    ws.documents().putAll(List.of(doc));
  }

  private Workspace reader() {
    return Workspace.open(dir, indexes, Workspace.OpenMode.READ_ONLY);
  }

  private Workspace writer() {
    return Workspace.open(dir, indexes, Workspace.OpenMode.READ_WRITE);
  }

  private Path log() {
    return dir.resolve("documents.log");
  }

  private Path vectors(Modality modality) {
    return dir.resolve("vectors-" + modality.name() + "." + indexes.name());
  }

  private Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  private void assertUnchangedBy(Runnable action) throws IOException {
    Map<String, byte[]> before = snapshot();
    action.run();
    Map<String, byte[]> after = snapshot();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void aReaderLeavesATailBeyondTheCommitAsItFoundIt() throws IOException {
    // A writer mid-append: bytes after the commit that do not (yet) form a whole record.
    Files.write(log(), new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);

    assertUnchangedBy(() -> {
      try (Workspace ws = reader()) {
        assertThat(ws.documents().count(Modality.TEXT)).isEqualTo(4);
      }
    });
  }

  @Test
  void onlyTheWriterCutsATailBeyondTheCommit() throws IOException {
    long committed = Files.size(log());
    Files.write(log(), new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);

    writer().close();

    assertThat(Files.size(log())).isEqualTo(committed);
  }

  @Test
  void aLogCutInHalfIsRefusedByReadersAndWritersAndLeftAsItIs() throws IOException {
    byte[] whole = Files.readAllBytes(log());
    Files.write(log(), java.util.Arrays.copyOf(whole, whole.length / 2));

    assertUnchangedBy(() -> assertThatThrownBy(this::reader)
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("documents.log")
        .hasMessageContaining("truncated"));
    assertUnchangedBy(() -> assertThatThrownBy(this::writer)
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("documents.log"));
  }

  @Test
  void aDeletedLogIsAnErrorNotAnEmptyWorkspace() throws IOException {
    Files.delete(log());

    assertUnchangedBy(() -> assertThatThrownBy(this::reader)
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("documents.log is missing"));
    assertThatThrownBy(this::writer).hasMessageContaining("documents.log is missing");
    assertThat(log()).doesNotExist();
  }

  @Test
  void aDeletedVectorsFileIsAnError() throws IOException {
    Files.delete(vectors(Modality.IMAGE));

    assertUnchangedBy(() -> assertThatThrownBy(this::reader)
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("vectors-image")
        .hasMessageContaining("missing"));
    assertThatThrownBy(this::writer).hasMessageContaining("missing");
    assertThat(vectors(Modality.IMAGE)).doesNotExist();
  }

  @Test
  void swappedVectorsFilesAreNamedAsSwapped() throws IOException {
    Path image = vectors(Modality.IMAGE);
    Path text = vectors(Modality.TEXT);
    Path aside = dir.resolve("aside");
    Files.move(image, aside);
    Files.move(text, image);
    Files.move(aside, text);

    assertUnchangedBy(() -> assertThatThrownBy(this::reader)
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("swapped"));
    assertUnchangedBy(() -> assertThatThrownBy(this::writer)
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("swapped"));
  }

  @Test
  void aLogReplacedByAnotherOfTheSameLengthIsRefused() throws IOException {
    byte[] bytes = Files.readAllBytes(log());
    bytes[bytes.length - 3] ^= 0x20;
    Files.write(log(), bytes);

    assertThatThrownBy(this::reader)
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("documents.log");
  }

  @Test
  void aCommitCutShortAfterItsIndexesIsRecoveredByTheWriter() throws IOException {
    try (Workspace ws = writer()) {
      ws.beginCommit();
      add(ws, Document.text("cap-new", "a red one"), "red");
      ws.index(Modality.TEXT).commit(); // then the process dies
    }
    try (Workspace ws = reader()) {
      assertThat(ws.documents().count(Modality.TEXT)).isEqualTo(4);
    }
    try (Workspace ws = writer()) {
      assertThat(ws.index(Modality.TEXT).ids()).doesNotContain("cap-new").hasSize(4);
    }
    try (Workspace ws = reader()) {
      assertThat(ws.index(Modality.TEXT).size()).isEqualTo(4);
    }
  }

  @Test
  void aWriterRemovesTheTemporaryFileOfAnInterruptedManifestWrite() throws IOException {
    Path stray = Files.writeString(dir.resolve(".manifest.json.12345.tmp"), "{");

    try (Workspace ws = reader()) {
      assertThat(stray).exists();
    }
    writer().close();

    assertThat(stray).doesNotExist();
  }

  @Test
  void theManifestRecordsWhatTheCommitCoveredOfEachFile() throws IOException {
    String manifest = Files.readString(dir.resolve("manifest.json"));

    assertThat(manifest).contains("\"documents.log\"").contains("\"records\" : 7")
        .contains("\"bytes\" : " + Files.size(log()))
        .contains("\"vectors-image." + indexes.name() + "\"").contains("\"modality\" : \"image\"")
        .contains("\"vectors\" : 3").contains("\"fingerprint\"");
  }

  @Test
  void readersBesideACommittingWriterNeverFailAndSeeWholeCommits() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread writerThread =
        new Thread(
            () -> {
              try (Workspace ws = writer()) {
                for (int i = 0; i < 40; i++) {
                  add(ws, Document.text("more-" + i, "red " + i), "red");
                  ws.commit();
                }
              } finally {
                done.set(true);
              }
            });
    writerThread.start();
    int opened = 0;
    while (!done.get() || opened == 0) {
      try (Workspace ws = reader()) {
        // Every document the reader sees has its vector: it saw one whole commit.
        assertThat(ws.index(Modality.TEXT).size()).isEqualTo(ws.documents().count(Modality.TEXT));
      }
      opened++;
    }
    writerThread.join();
    try (Workspace ws = reader()) {
      assertThat(ws.documents().count(Modality.TEXT)).isEqualTo(44);
    }
  }

  @Test
  void aFifoInPlaceOfTheLogIsRefusedWithoutBeingOpened() throws Exception {
    Files.delete(log());
    Process mkfifo = new ProcessBuilder("mkfifo", log().toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThatThrownBy(this::reader)
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void aCompactedLogStillMatchesItsCommit() throws IOException {
    long before = Files.size(log());
    try (Workspace ws = writer()) {
      for (int round = 0; round < 300; round++) {
        for (String colour : List.of("red", "green", "blue", "yellow")) {
          ws.documents().putAll(List.of(Document.text("cap-" + colour, "a " + colour + " thing " + round)));
        }
        ws.commit(); // past 2 x documents + 1024 records the log is rewritten
      }
    }
    try (Workspace ws = reader()) {
      assertThat(ws.documents().get("cap-red").orElseThrow().text()).isEqualTo("a red thing 299");
    }
    assertThat(Files.size(log())).isLessThan(before * 40);
  }
}
