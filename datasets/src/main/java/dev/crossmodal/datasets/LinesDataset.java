package dev.crossmodal.datasets;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A text corpus: one document per line of a UTF-8 file ({@code --format lines}), read lazily, so
 * a file of ten million lines costs no more memory than one of ten.
 *
 * <p>Each document's id is {@link DocumentIds#textId} of its text (a hash of the stripped line),
 * not its line number: a re-run over the same file, or over a file that has been edited or had
 * lines inserted, indexes only the lines it has not seen. Identical lines are the same document and
 * are indexed once. Surrounding white space is stripped; blank lines are not documents and are
 * passed over silently, and a leading byte-order mark is ignored. A line that is not valid UTF-8 is
 * reported as {@code FILE:LINE} and skipped; the rest of the file is still read.
 *
 * <pre>{@code
 * Dataset corpus = LinesDataset.of(Path.of("titles.txt"));
 * Indexer.builder(workspace, model).build().index(corpus, -1);
 * }</pre>
 */
public final class LinesDataset implements Dataset {
  private final Path file;

  private LinesDataset(Path file) {
    this.file = file;
  }

  /**
   * {@return the lines of {@code file}}
   *
   * @param file a text file, one document per line
   * @throws InvalidInputException if {@code file} is not a readable regular file
   */
  public static LinesDataset of(Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(
          "lines dataset " + file + " is a folder; format lines reads one UTF-8 text file, one document per line");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidInputException(
          "lines dataset " + file + " does not exist or cannot be read; expected a UTF-8 text file, one document per line");
    }
    return new LinesDataset(file);
  }

  @Override
  public String name() {
    return "lines (" + file + ")";
  }

  @Override
  public Stream<DatasetEntry> entries() {
    InputStream in;
    try {
      in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read lines dataset " + file + ": " + e.getMessage(), e);
    }
    Iterator<DatasetEntry> entries = new LineEntries(in, file.getFileName().toString());
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(
            () -> {
              try {
                in.close();
              } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
              }
            });
  }

  /** Splits the bytes at {@code \n} (a {@code \r} before it is dropped) and decodes each line strictly. */
  private static final class LineEntries implements Iterator<DatasetEntry> {
    private final InputStream in;
    private final String fileName;
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[256];
    private int length;
    private long lineNumber;
    private DatasetEntry next;
    private boolean ended;

    LineEntries(InputStream in, String fileName) {
      this.in = in;
      this.fileName = fileName;
    }

    @Override
    public boolean hasNext() {
      while (next == null && !ended) {
        next = readEntry();
      }
      return next != null;
    }

    @Override
    public DatasetEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      DatasetEntry entry = next;
      next = null;
      return entry;
    }

    /** The next line's entry, or {@code null} for a blank line or the end of the file. */
    private DatasetEntry readEntry() {
      if (!readLine()) {
        ended = true;
        return null;
      }
      lineNumber++;
      String text;
      try {
        text = decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
      } catch (CharacterCodingException e) {
        return DatasetEntry.problemsOnly(
            List.of(new SkippedItem(fileName + ":" + lineNumber, "not valid UTF-8; line skipped")));
      }
      if (lineNumber == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      text = text.strip();
      if (text.isEmpty()) {
        return null;
      }
      return DatasetEntry.text(Document.text(DocumentIds.textId(text), text));
    }

    /** Reads one line into {@link #line}; false at the end of the file. */
    private boolean readLine() {
      length = 0;
      try {
        int b = in.read();
        if (b < 0) {
          return false;
        }
        for (; b >= 0 && b != '\n'; b = in.read()) {
          if (length == line.length) {
            line = Arrays.copyOf(line, 2 * length);
          }
          line[length++] = (byte) b;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + fileName + " after line " + lineNumber, e);
      }
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      return true;
    }
  }
}
