package dev.crossmodal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.DocumentStore;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link DocumentStore} must do, as JUnit 5 tests: extend this class and say how to
 * open one. Stores that keep files set {@link #persistent()} so the reopening test runs too.
 *
 * <pre>{@code
 * class LogDocumentStoreContractTest extends DocumentStoreContract {
 *   protected DocumentStore open(Path dir) { return LogDocumentStore.open(dir.resolve("documents.log")); }
 *   protected boolean persistent() { return true; }
 * }
 * }</pre>
 */
public abstract class DocumentStoreContract {
  /** A folder the store may keep its files in; empty before each test. */
  @TempDir protected Path dir;

  /** The store under test. */
  protected DocumentStore store;

  /** For the test class that says how to create the store. */
  protected DocumentStoreContract() {}

  /**
   * Opens the store kept under {@code dir}, or an empty one.
   *
   * @param dir a folder of the test's own
   * @return the store under test
   */
  protected abstract DocumentStore open(Path dir);

  /** {@return whether what was committed is there after closing and opening again} */
  protected boolean persistent() {
    return false;
  }

  /** Opens the store under test. */
  @BeforeEach
  protected void openStore() {
    store = open(dir);
  }

  /** Closes the store under test. */
  @AfterEach
  protected void closeStore() {
    store.close();
  }

  private static Document image(String id) {
    return Document.image(id, ImageSource.of(Path.of("/photos", id + ".jpg"))).withTag("source_name", id);
  }

  @Test
  void storedDocumentsAreFoundByIdWithTheirContentAndTags() {
    Document caption = Document.text("c1", "a dog on the beach");
    store.putAll(List.of(image("i1"), caption));
    assertThat(store.get("c1")).contains(caption);
    assertThat(store.get("i1")).contains(image("i1"));
    assertThat(store.get("i1").orElseThrow().tag("source_name")).contains("i1");
    assertThat(store.contains("i1")).isTrue();
    assertThat(store.get("missing")).isEmpty();
  }

  @Test
  void countsArePerModality() {
    store.putAll(List.of(image("i1"), image("i2"), Document.text("c1", "x")));
    assertThat(store.count(Modality.IMAGE)).isEqualTo(2);
    assertThat(store.count(Modality.TEXT)).isEqualTo(1);
  }

  @Test
  void putReplacesTheDocumentOfTheSameId() {
    store.putAll(List.of(Document.text("c1", "old")));
    store.putAll(List.of(Document.text("c1", "new")));
    assertThat(store.get("c1").orElseThrow().text()).isEqualTo("new");
    assertThat(store.count(Modality.TEXT)).isEqualTo(1);
  }

  @Test
  void deleteRemovesAndSaysWhetherItWasPresent() {
    store.putAll(List.of(Document.text("c1", "x")));
    assertThat(store.delete("c1")).isTrue();
    assertThat(store.delete("c1")).isFalse();
    assertThat(store.contains("c1")).isFalse();
    assertThat(store.count(Modality.TEXT)).isZero();
  }

  @Test
  void forEachVisitsEveryLiveDocumentOnce() {
    store.putAll(List.of(image("i1"), Document.text("c1", "x"), Document.text("c2", "y")));
    store.delete("c2");
    List<String> seen = new ArrayList<>();
    store.forEach(d -> seen.add(d.id()));
    assertThat(seen).containsExactlyInAnyOrder("i1", "c1");
  }

  @Test
  void whatWasCommittedIsThereAfterReopeningWhenPersistent() {
    store.putAll(List.of(image("i1"), Document.text("c1", "kept"), Document.text("c2", "gone")));
    store.delete("c2");
    store.commit();
    store.close();
    store = open(dir);
    if (persistent()) {
      assertThat(store.get("c1").map(Document::text)).contains("kept");
      assertThat(store.contains("c2")).isFalse();
      assertThat(store.count(Modality.IMAGE)).isEqualTo(1);
    } else {
      assertThat(store.count(Modality.TEXT)).isZero();
    }
  }
}
