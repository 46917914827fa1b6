package dev.crossmodal.datasets;

import static dev.crossmodal.datasets.DatasetFixtures.entries;
import static dev.crossmodal.datasets.DatasetFixtures.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.DatasetEntry;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 7: a captions file that is not what it claims (another encoding, other columns,
 * another separator) is refused naming the problem, never read as "0 indexed" or with U+FFFD.
 */
class CaptionFileDecodingTest {
  private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

  @TempDir Path dir;

  @BeforeEach
  void images() throws IOException {
    png(dir.resolve("images/a.png"), Color.RED);
    png(dir.resolve("images/b.png"), Color.BLUE);
  }

  private void captions(String content, Charset charset) throws IOException {
    Files.write(dir.resolve("captions.txt"), content.getBytes(charset));
  }

  @Test
  void latin1CaptionsAreAnErrorNamingTheLine() throws IOException {
    captions("image,caption\na.png,A red square\nb.png,Un carré bleu\n", LATIN_1);

    assertThatThrownBy(() -> entries(Flickr8kDataset.kaggle(dir)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("captions.txt:3")
        .hasMessageContaining("0xE9")
        .hasMessageContaining("--encoding");
  }

  @Test
  void latin1CaptionsAreReadCorrectlyWithTheirEncoding() throws IOException {
    captions("image,caption\na.png,A red square\nb.png,Un carré bleu\n", LATIN_1);

    assertThat(entries(Flickr8kDataset.kaggle(dir).withEncoding(LATIN_1)))
        .flatExtracting(DatasetEntry::captions).extracting(Document::text)
        .containsExactly("A red square", "Un carré bleu");
  }

  @Test
  void utf16CaptionsAreAnErrorThatSuggestsTheirEncoding() throws IOException {
    captions("\uFEFFimage,caption\na.png,A red square\n", StandardCharsets.UTF_16LE);

    assertThatThrownBy(() -> entries(Flickr8kDataset.kaggle(dir)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("captions.txt:1")
        .hasMessageContaining("UTF-16");
  }

  @Test
  void swappedColumnsAreNamedAsSwapped() throws IOException {
    captions("caption,image\nA red square,a.png\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> entries(Flickr8kDataset.kaggle(dir)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("captions.txt:1")
        .hasMessageContaining("swapped")
        .hasMessageContaining("image,caption");
  }

  @Test
  void semicolonSeparatedCaptionsAreRefusedWithTheExpectedLayout() throws IOException {
    captions("image;caption\na.png;A red square\nb.png;A blue square\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> entries(Flickr8kDataset.kaggle(dir)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not name the expected columns")
        .hasMessageContaining("image,caption");
  }

  @Test
  void swappedRowsUnderAGoodHeaderAreRefusedWhenNoRowParses() throws IOException {
    captions("image,caption\nA red square,a.png\nA blue square,b.png\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> entries(Flickr8kDataset.kaggle(dir)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no row could be read")
        .hasMessageContaining("image,caption");
  }

  @Test
  void aTokenFileWhereNoLineParsesIsRefused() throws IOException {
    Files.createDirectories(dir.resolve("Flicker8k_Dataset"));
    Files.writeString(dir.resolve("Flickr8k.token.txt"), "a.png,A red square\nb.png,A blue square\n");

    assertThatThrownBy(() -> entries(Flickr8kDataset.original(dir)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no row could be read")
        .hasMessageContaining("<TAB>");
  }
}
