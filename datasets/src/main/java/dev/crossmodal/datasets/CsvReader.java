package dev.crossmodal.datasets;

import java.io.Closeable;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records as RFC 4180 defines them: fields separated by commas, optionally quoted, a
 * quote inside a quoted field doubled, and line breaks allowed inside quotes. Like Python's {@code
 * csv} module (which wrote Kaggle's caption files), it is lenient about stray quotes outside
 * quoted fields and keeps them as text. Blank lines are skipped. Each record carries the line it
 * starts on, so that problems can be reported as {@code captions.txt:LINE}.
 */
final class CsvReader implements Closeable {

  /**
   * One record.
   *
   * @param line 1-based line the record starts on
   * @param fields the field values, unquoted
   * @param error why the record is unusable, or {@code null}
   */
  record Record(int line, List<String> fields, String error) {}

  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    QUOTE_IN_QUOTED
  }

  private final PushbackReader in;
  private int line = 1;
  private boolean first = true;

  CsvReader(Reader in) {
    this.in = new PushbackReader(in, 1);
  }

  /** The next non-blank record, or {@code null} at the end of the input. */
  Record next() throws IOException {
    while (true) {
      int c = read();
      if (c == -1) {
        return null;
      }
      if (isLineBreak(c)) {
        consumeLineBreak(c);
        continue;
      }
      in.unread(c);
      return readRecord();
    }
  }

  private Record readRecord() throws IOException {
    int startLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    State state = State.FIELD_START;
    while (true) {
      int c = read();
      switch (state) {
        case FIELD_START, UNQUOTED -> {
          if (c == -1 || isLineBreak(c)) {
            fields.add(field.toString());
            consumeLineBreak(c);
            return new Record(startLine, fields, null);
          } else if (c == ',') {
            fields.add(field.toString());
            field.setLength(0);
            state = State.FIELD_START;
          } else if (c == '"' && state == State.FIELD_START) {
            state = State.QUOTED;
          } else {
            field.append((char) c);
            state = State.UNQUOTED;
          }
        }
        case QUOTED -> {
          if (c == -1) {
            return new Record(
                startLine, fields, "quoted field is never closed (it runs to the end of the file)");
          } else if (c == '"') {
            state = State.QUOTE_IN_QUOTED;
          } else {
            if (c == '\n' || (c == '\r' && !peekIs('\n'))) {
              line++;
            }
            field.append((char) c);
          }
        }
        case QUOTE_IN_QUOTED -> {
          if (c == '"') {
            field.append('"');
            state = State.QUOTED;
          } else if (c == ',') {
            fields.add(field.toString());
            field.setLength(0);
            state = State.FIELD_START;
          } else if (c == -1 || isLineBreak(c)) {
            fields.add(field.toString());
            consumeLineBreak(c);
            return new Record(startLine, fields, null);
          } else {
            // Text after a closing quote: Python's csv keeps it, and so do we.
            field.append((char) c);
            state = State.UNQUOTED;
          }
        }
      }
    }
  }

  private int read() throws IOException {
    int c = in.read();
    if (first) {
      first = false;
      if (c == '\uFEFF') {
        c = in.read();
      }
    }
    return c;
  }

  private boolean peekIs(int expected) throws IOException {
    int c = in.read();
    if (c != -1) {
      in.unread(c);
    }
    return c == expected;
  }

  private static boolean isLineBreak(int c) {
    return c == '\n' || c == '\r';
  }

  /** Counts a line break just read; a CR LF pair counts once. */
  private void consumeLineBreak(int c) throws IOException {
    if (c == '\r') {
      int next = in.read();
      if (next != '\n' && next != -1) {
        in.unread(next);
      }
      line++;
    } else if (c == '\n') {
      line++;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
