package dev.crossmodal.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static List<CsvReader.Record> read(String csv) throws IOException {
    List<CsvReader.Record> records = new ArrayList<>();
    try (CsvReader reader = new CsvReader(new StringReader(csv))) {
      for (CsvReader.Record r; (r = reader.next()) != null; ) {
        records.add(r);
      }
    }
    return records;
  }

  @Test
  void splitsUnquotedFieldsAtCommas() throws IOException {
    assertThat(read("a.jpg,A dog runs\n").get(0).fields()).containsExactly("a.jpg", "A dog runs");
  }

  @Test
  void keepsCommasInsideQuotedFields() throws IOException {
    assertThat(read("a.jpg,\"A dog, a cat\"\n").get(0).fields()).containsExactly("a.jpg", "A dog, a cat");
  }

  @Test
  void turnsDoubledQuotesIntoOneQuote() throws IOException {
    assertThat(read("a.jpg,\"He said \"\"hi\"\"\"\n").get(0).fields())
        .containsExactly("a.jpg", "He said \"hi\"");
  }

  @Test
  void keepsLineBreaksInsideQuotedFieldsAndCountsThemForLaterLines() throws IOException {
    List<CsvReader.Record> records = read("a.jpg,\"one\ntwo\"\nb.jpg,three\n");
    assertThat(records.get(0).fields()).containsExactly("a.jpg", "one\ntwo");
    assertThat(records.get(1).line()).isEqualTo(3);
  }

  @Test
  void acceptsWindowsLineEndings() throws IOException {
    List<CsvReader.Record> records = read("a.jpg,x\r\nb.jpg,y\r\n");
    assertThat(records).extracting(CsvReader.Record::fields)
        .containsExactly(List.of("a.jpg", "x"), List.of("b.jpg", "y"));
    assertThat(records.get(1).line()).isEqualTo(2);
  }

  @Test
  void skipsBlankLinesButCountsThem() throws IOException {
    List<CsvReader.Record> records = read("a.jpg,x\n\n\nb.jpg,y");
    assertThat(records).hasSize(2);
    assertThat(records.get(1).line()).isEqualTo(4);
  }

  @Test
  void reportsAQuoteThatIsNeverClosedAtTheLineItStarts() throws IOException {
    List<CsvReader.Record> records = read("a.jpg,x\nb.jpg,\"never closed\nc.jpg,z\n");
    assertThat(records.get(1).line()).isEqualTo(2);
    assertThat(records.get(1).error()).contains("never closed");
  }

  @Test
  void dropsAByteOrderMark() throws IOException {
    assertThat(read("\uFEFFimage,caption\n").get(0).fields()).containsExactly("image", "caption");
  }

  @Test
  void keepsStrayQuotesInsideUnquotedFieldsAsText() throws IOException {
    assertThat(read("a.jpg,a 5\" nail\n").get(0).fields()).containsExactly("a.jpg", "a 5\" nail");
  }

  @Test
  void keepsEmptyFields() throws IOException {
    assertThat(read("a.jpg,\n").get(0).fields()).containsExactly("a.jpg", "");
  }
}
