package dev.crossmodal.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Encoder;
import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.pipeline.InMemoryFileIndex;
import dev.crossmodal.testing.ColorWordsModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
  @TempDir Path root;

  private final ColorWordsModel model = new ColorWordsModel();
  private final VectorIndexFactory indexes = InMemoryFileIndex.factory();
  private final ModelSpec spec = ModelSpec.of("test").withOption("device", "cpu");

  private Path dir() {
    return root.resolve("ws");
  }

  private Workspace create() {
    return Workspace.openOrCreate(dir(), spec, model, indexes);
  }

  private static void add(Workspace ws, Document doc, float[] vector) {
    ws.index(doc.modality()).upsert(doc.id(), vector);
    ws.documents().putAll(List.of(doc));
  }

  @Test
  void aNewWorkspaceRecordsItsModelAndDimension() {
    try (Workspace ws = create()) {
      Manifest m = ws.manifest();
      assertThat(m.modelId()).isEqualTo("test:color-words");
      assertThat(m.dimension()).isEqualTo(ColorWordsModel.DIMENSION);
      assertThat(m.modelSpec().provider()).isEqualTo(spec.provider());
      assertThat(m.modalities()).containsExactly(Modality.IMAGE, Modality.TEXT);
    }
  }

  @Test
  void runTimeOptionsAreNotRecorded() {
    create().close();
    try (Workspace ws = Workspace.open(dir(), indexes, Workspace.OpenMode.READ_ONLY)) {
      assertThat(ws.manifest().modelSpec()).isEqualTo(ModelSpec.of("test"));
    }
  }

  @Test
  void committedDocumentsAndCountsSurviveReopening() {
    try (Workspace ws = create()) {
      add(ws, Document.text("t1", "red"), ColorWordsModel.axis("red"));
      ws.commit();
    }
    try (Workspace ws = Workspace.open(dir(), indexes, Workspace.OpenMode.READ_ONLY)) {
      assertThat(ws.manifest().count(Modality.TEXT)).isEqualTo(1);
      assertThat(ws.document("t1")).isPresent();
      assertThat(ws.index(Modality.TEXT).contains("t1")).isTrue();
    }
  }

  @Test
  void aWorkspaceBuiltWithAnotherModelIsRefused() {
    create().close();
    CrossModalModel other = new RenamedModel(model, "test:other");

    assertThatThrownBy(() -> Workspace.openOrCreate(dir(), spec, other, indexes))
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("test:color-words")
        .hasMessageContaining("test:other")
        .hasMessageContaining("new --workspace");
  }

  @Test
  void aDamagedManifestIsRefused() throws IOException {
    create().close();
    Path manifest = dir().resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"dimension\" : 9", "\"dimension\" : 10"));

    assertThatThrownBy(() -> Workspace.open(dir(), indexes))
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void aFolderWithoutManifestIsNotAWorkspace() throws IOException {
    Files.createDirectories(dir());

    assertThatThrownBy(() -> Workspace.open(dir(), indexes))
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("not a crossmodal workspace");
  }

  @Test
  void aMissingFolderIsReportedWithWhatToDo() {
    assertThatThrownBy(() -> Workspace.open(dir(), indexes))
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("crossmodal index");
  }

  @Test
  void aNonEmptyFolderIsNotTurnedIntoAWorkspace() throws IOException {
    Files.createDirectories(dir());
    Files.writeString(dir().resolve("holiday.txt"), "my notes");

    assertThatThrownBy(this::create)
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("not empty");
  }

  @Test
  void onlyOneWriterAtATime() {
    try (Workspace first = create()) {
      assertThatThrownBy(() -> Workspace.open(dir(), indexes))
          .isInstanceOf(InvalidWorkspaceException.class)
          .hasMessageContaining("being written");
      try (Workspace reader = Workspace.open(dir(), indexes, Workspace.OpenMode.READ_ONLY)) {
        assertThat(reader.manifest().modelId()).isEqualTo(first.manifest().modelId());
      }
    }
  }

  @Test
  void vectorsWithoutDocumentsAreRemovedOnTheNextWriteOpen() throws IOException {
    try (Workspace ws = create()) {
      add(ws, Document.text("kept", "red"), ColorWordsModel.axis("red"));
      ws.commit();
      // A crash between the index commit and the document commit leaves a vector alone.
      ws.beginCommit();
      ws.index(Modality.TEXT).upsert("orphan", ColorWordsModel.axis("blue"));
      ws.index(Modality.TEXT).commit();
    }
    try (Workspace ws = Workspace.open(dir(), indexes)) {
      assertThat(ws.index(Modality.TEXT).ids()).containsExactly("kept");
    }
  }

  @Test
  void readOnlyWorkspacesCannotCommit() {
    create().close();
    try (Workspace ws = Workspace.open(dir(), indexes, Workspace.OpenMode.READ_ONLY)) {
      assertThatThrownBy(ws::commit).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void anInMemoryWorkspaceNeedsNoFolder() {
    Workspace ws = Workspace.inMemory(model);
    add(ws, Document.text("t", "green"), ColorWordsModel.axis("green"));
    ws.commit();

    assertThat(ws.directory()).isEmpty();
    assertThat(ws.manifest().count(Modality.TEXT)).isEqualTo(1);
  }

  private record RenamedModel(CrossModalModel base, String id) implements CrossModalModel {
    @Override
    public int dimension() {
      return base.dimension();
    }

    @Override
    public Set<Modality> modalities() {
      return base.modalities();
    }

    @Override
    public Encoder encoder(Modality modality) {
      return base.encoder(modality);
    }

    @Override
    public void close() {}
  }
}
