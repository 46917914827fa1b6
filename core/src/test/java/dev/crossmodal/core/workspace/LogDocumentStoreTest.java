package dev.crossmodal.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.Modality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDocumentStoreTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("documents.log");
  }

  private static final Document CAPTION =
      Document.text("img-1#0", "A dog runs").withTag(Document.TAG_IMAGE_ID, "img-1");
  private static final Document PHOTO = Document.image("img-1", ImageSource.of(Path.of("/data/dog.jpg")));

  @Test
  void committedDocumentsSurviveReopening() {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(List.of(PHOTO, CAPTION));
      store.commit();
    }
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      assertThat(store.get("img-1#0")).contains(CAPTION);
      assertThat(store.get("img-1")).contains(PHOTO);
      assertThat(store.count(Modality.TEXT)).isEqualTo(1);
      assertThat(store.count(Modality.IMAGE)).isEqualTo(1);
    }
  }

  @Test
  void uncommittedDocumentsAreVisibleButNotDurable() {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(List.of(CAPTION));
      assertThat(store.contains(CAPTION.id())).isTrue();
    }
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      assertThat(store.contains(CAPTION.id())).isFalse();
    }
  }

  @Test
  void deletesAreDurable() {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(List.of(PHOTO, CAPTION));
      store.commit();
      assertThat(store.delete(PHOTO.id())).isTrue();
      store.commit();
    }
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      assertThat(store.contains(PHOTO.id())).isFalse();
      assertThat(store.count(Modality.IMAGE)).isZero();
    }
  }

  @Test
  void upsertReplacesWithoutDoubleCounting() {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(List.of(CAPTION));
      store.putAll(List.of(Document.text(CAPTION.id(), "A dog walks")));
      store.commit();
    }
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      assertThat(store.get(CAPTION.id()).orElseThrow().text()).isEqualTo("A dog walks");
      assertThat(store.count(Modality.TEXT)).isEqualTo(1);
    }
  }

  @Test
  void tornLastRecordIsDroppedAndTheRestKept() throws IOException {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(List.of(PHOTO));
      store.commit();
      store.putAll(List.of(CAPTION));
      store.commit();
    }
    byte[] bytes = Files.readAllBytes(file());
    Files.write(file(), java.util.Arrays.copyOf(bytes, bytes.length - 5));
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      assertThat(store.contains(PHOTO.id())).isTrue();
      assertThat(store.contains(CAPTION.id())).isFalse();
    }
  }

  @Test
  void damageBeforeTheLastRecordIsRefused() throws IOException {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(List.of(PHOTO));
      store.commit();
      store.putAll(List.of(CAPTION));
      store.commit();
    }
    byte[] bytes = Files.readAllBytes(file());
    bytes[25] ^= 0x40; // inside the first record's payload
    Files.write(file(), bytes);
    assertThatThrownBy(() -> LogDocumentStore.open(file()))
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("checksum");
  }

  @Test
  void aFileOfAnotherKindIsRefused() throws IOException {
    Files.writeString(file(), "hello, I am not a document log");
    assertThatThrownBy(() -> LogDocumentStore.open(file()))
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("not a crossmodal document store");
  }

  @Test
  void anUnknownVersionIsRefused() throws IOException {
    LogDocumentStore.open(file()).close();
    byte[] bytes = Files.readAllBytes(file());
    bytes[11] = 9;
    Files.write(file(), bytes);
    assertThatThrownBy(() -> LogDocumentStore.open(file()))
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining("version 9");
  }

  @Test
  void compactionKeepsOnlyLiveDocuments() throws IOException {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      for (int round = 0; round < 3000; round++) {
        store.putAll(List.of(Document.text("t", "version " + round)));
        store.commit();
      }
    }
    assertThat(Files.size(file())).isLessThan(200_000);
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      assertThat(store.get("t").orElseThrow().text()).isEqualTo("version 2999");
      assertThat(store.size()).isEqualTo(1);
    }
  }

  private static final int TINY_BUFFER = 64;

  private List<Document> manyDocumentsWithOneLongerThanTheBuffer() {
    List<Document> documents = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      documents.add(Document.text("t" + i, "caption number " + i));
    }
    documents.add(Document.text("long", "word ".repeat(100)));
    return documents;
  }

  @Test
  void aLogManyTimesLargerThanTheReadBufferIsReadInPieces() throws IOException {
    List<Document> documents = manyDocumentsWithOneLongerThanTheBuffer();
    CommitCoverage.LogCoverage written;
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(documents);
      store.commit();
      written = store.coverage();
    }
    assertThat(Files.size(file())).isGreaterThan(100L * TINY_BUFFER);
    try (LogDocumentStore store = LogDocumentStore.open(file(), written, false, true, TINY_BUFFER)) {
      assertThat(store.coverage()).isEqualTo(written);
      assertThat(store.size()).isEqualTo(documents.size());
      for (Document document : documents) {
        assertThat(store.get(document.id())).contains(document);
      }
    }
  }

  @Test
  void aTornTailIsFoundThroughASmallReadBuffer() throws IOException {
    CommitCoverage.LogCoverage committed;
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(manyDocumentsWithOneLongerThanTheBuffer());
      store.commit();
      committed = store.coverage();
      store.putAll(List.of(CAPTION));
      store.commit();
    }
    byte[] bytes = Files.readAllBytes(file());
    Files.write(file(), java.util.Arrays.copyOf(bytes, bytes.length - 5));
    try (LogDocumentStore store = LogDocumentStore.open(file(), null, false, true, TINY_BUFFER)) {
      assertThat(store.coverage()).isEqualTo(committed);
      assertThat(store.contains(CAPTION.id())).isFalse();
    }
    assertThat(Files.size(file())).isEqualTo(committed.bytes());
  }

  @Test
  void damageFarIntoTheLogIsRefusedThroughASmallReadBuffer() throws IOException {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(manyDocumentsWithOneLongerThanTheBuffer());
      store.commit();
    }
    byte[] bytes = Files.readAllBytes(file());
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(file(), bytes);
    assertThatThrownBy(() -> LogDocumentStore.open(file(), null, false, true, TINY_BUFFER))
        .isInstanceOf(InvalidWorkspaceException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("is damaged at byte");
  }
}
