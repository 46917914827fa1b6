package dev.crossmodal.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinesDatasetTest {
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("corpus.txt"), content);
  }

  private static List<DatasetEntry> entries(Path file) {
    try (Stream<DatasetEntry> entries = LinesDataset.of(file).entries()) {
      return entries.toList();
    }
  }

  private static List<String> texts(List<DatasetEntry> entries) {
    return entries.stream().flatMap(e -> e.captions().stream()).map(Document::text).toList();
  }

  @Test
  void eachLineIsOneTextDocumentWithoutAnImage() throws IOException {
    List<DatasetEntry> entries = entries(file("a red car\na blue boat\n"));

    assertThat(texts(entries)).containsExactly("a red car", "a blue boat");
    assertThat(entries).noneMatch(DatasetEntry::hasImage);
  }

  @Test
  void idsAreHashesOfTheTextSoTheyDoNotDependOnLineNumbers() throws IOException {
    Path first = file("a red car\n");
    String id = entries(first).get(0).captions().get(0).id();
    Path shifted = file("a new first line\na red car\n");

    assertThat(id).isEqualTo(DocumentIds.textId("a red car")).startsWith("text-");
    assertThat(entries(shifted).get(1).captions().get(0).id()).isEqualTo(id);
  }

  @Test
  void identicalLinesGetTheSameId() throws IOException {
    List<DatasetEntry> entries = entries(file("red\n  red  \n"));

    assertThat(entries).extracting(e -> e.captions().get(0).id()).containsOnly(DocumentIds.textId("red"));
  }

  @Test
  void blankLinesAreNotDocumentsAndWhiteSpaceIsStripped() throws IOException {
    assertThat(texts(entries(file("\n  \n\tgreen hat \n\n")))).containsExactly("green hat");
  }

  @Test
  void windowsLineEndsAByteOrderMarkAndAMissingLastNewlineAreHandled() throws IOException {
    assertThat(texts(entries(file("\uFEFFred\r\nblue")))).containsExactly("red", "blue");
  }

  @Test
  void aLineThatIsNotUtf8IsReportedByLineNumberAndTheRestIsRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("red\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {'b', (byte) 0xC3, (byte) 0x28, '\n'});
    bytes.writeBytes("blue\n".getBytes(StandardCharsets.UTF_8));
    Path file = Files.write(dir.resolve("corpus.txt"), bytes.toByteArray());

    List<DatasetEntry> entries = entries(file);

    assertThat(texts(entries)).containsExactly("red", "blue");
    assertThat(entries.stream().flatMap(e -> e.problems().stream()))
        .containsExactly(new SkippedItem("corpus.txt:2", "not valid UTF-8; line skipped"));
  }

  @Test
  void aFolderOrAMissingFileIsRefusedNamingIt() {
    assertThatThrownBy(() -> LinesDataset.of(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("is a folder");
    assertThatThrownBy(() -> LinesDataset.of(dir.resolve("nope.txt")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nope.txt")
        .hasMessageContaining("does not exist");
  }

  @Test
  void datasetsOpensTheLinesFormat() throws IOException {
    assertThat(Datasets.open("lines", file("x\n"), null)).isInstanceOf(LinesDataset.class);
  }
}
