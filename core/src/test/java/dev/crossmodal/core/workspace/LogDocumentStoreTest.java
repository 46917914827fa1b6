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

  private static List<String> idsInOrder(LogDocumentStore store) {
    List<String> ids = new java.util.ArrayList<>();
    store.forEach(document -> ids.add(document.id()));
    return ids;
  }

  @Test
  void forEachKeepsInsertionOrderAcrossCommittedAndUncommittedDocuments() {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(List.of(Document.text("a", "1"), Document.text("b", "2"), Document.text("c", "3")));
      store.commit();
      store.putAll(List.of(Document.text("a", "1 again"), Document.text("d", "4")));
      store.delete("b");
      store.putAll(List.of(Document.text("b", "2 again")));
      assertThat(idsInOrder(store)).containsExactly("a", "c", "d", "b");
      store.commit();
      assertThat(idsInOrder(store)).containsExactly("a", "c", "d", "b");
      assertThat(store.get("a").orElseThrow().text()).isEqualTo("1 again");
      assertThat(store.get("b").orElseThrow().text()).isEqualTo("2 again");
    }
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      assertThat(idsInOrder(store)).containsExactly("a", "c", "d", "b");
    }
  }

  @Test
  void documentsAreReadFromTheRewrittenLogWithoutReopening() {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(List.of(PHOTO, CAPTION));
      for (int round = 0; round < 1500; round++) {
        store.putAll(List.of(Document.text("t", "version " + round)));
        store.commit();
      }
      assertThat(store.get("t").orElseThrow().text()).isEqualTo("version 1499");
      assertThat(store.get(CAPTION.id())).contains(CAPTION);
      assertThat(store.get(PHOTO.id())).contains(PHOTO);
      assertThat(idsInOrder(store)).containsExactly(PHOTO.id(), CAPTION.id(), "t");
      assertThat(store.count(Modality.TEXT)).isEqualTo(2);
      assertThat(store.count(Modality.IMAGE)).isEqualTo(1);
    }
  }

  @Test
  void aReaderKeepsReadingTheLogItOpenedWhenTheWriterRewritesIt() {
    try (LogDocumentStore writer = LogDocumentStore.open(file())) {
      writer.putAll(List.of(PHOTO, CAPTION));
      writer.commit();
      try (LogDocumentStore reader = LogDocumentStore.open(file(), writer.coverage(), false, false)) {
        for (int round = 0; round < 1500; round++) {
          writer.putAll(List.of(Document.text("t", "version " + round)));
          writer.commit();
        }
        assertThat(reader.get(CAPTION.id())).contains(CAPTION);
        assertThat(reader.get(PHOTO.id())).contains(PHOTO);
        assertThat(reader.contains("t")).isFalse();
      }
    }
  }

  @Test
  void aCommittedRecordDamagedAfterOpeningIsReportedWhenRead() throws IOException {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(List.of(PHOTO, CAPTION));
      store.commit();
      byte[] bytes = Files.readAllBytes(file());
      bytes[25] ^= 0x40; // inside the first record's payload
      try (java.nio.channels.FileChannel channel =
          java.nio.channels.FileChannel.open(file(), java.nio.file.StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(bytes, 25, 1), 25);
      }
      assertThatThrownBy(() -> store.get(PHOTO.id()))
          .isInstanceOf(InvalidWorkspaceException.class)
          .hasMessageContaining(file().toString())
          .hasMessageContaining("checksum");
    }
  }

  @Test
  void idsOfAModalityAreListedInInsertionOrder() {
    try (LogDocumentStore store = LogDocumentStore.open(file())) {
      store.putAll(List.of(CAPTION, PHOTO, Document.text("b", "2")));
      store.commit();
      store.putAll(List.of(Document.text("c", "3")));
      assertThat(store.ids(Modality.TEXT)).containsExactly(CAPTION.id(), "b", "c");
      assertThat(store.ids(Modality.IMAGE)).containsExactly(PHOTO.id());
      assertThat(store.ids(Modality.of("sketch", Modality.ContentKind.IMAGE))).isEmpty();
    }
  }
}
