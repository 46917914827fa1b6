package dev.crossmodal.datasets;

import dev.crossmodal.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Reads a text file in one charset and refuses bytes that are not valid in it, naming the line,
 * instead of storing U+FFFD in place of every accented letter of a Latin-1 file. Streams: the
 * file is decoded as it is read.
 *
 * <pre>{@code
 * try (Reader in = StrictTextReader.open(Path.of("captions.txt"), StandardCharsets.UTF_8)) { ... }
 * }</pre>
 */
final class StrictTextReader extends Reader {
  private final Path file;
  private final Charset charset;
  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
  private final CharBuffer chars = CharBuffer.allocate(8192).flip();
  private long newlines;
  private boolean eof;
  private boolean flushed;

  private StrictTextReader(Path file, Charset charset, InputStream in) {
    this.file = file;
    this.charset = charset;
    this.in = in;
    this.decoder =
        charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Opens {@code file} for reading in {@code charset}. */
  static Reader open(Path file, Charset charset) throws IOException {
    return new StrictTextReader(file, charset, Files.newInputStream(file));
  }

  @Override
  public int read(char[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (flushed) {
        return -1;
      }
      fill();
    }
    int n = Math.min(length, chars.remaining());
    chars.get(target, offset, n);
    return n;
  }

  private void fill() throws IOException {
    chars.clear();
    if (!eof && bytes.remaining() < 16) {
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }
    CoderResult result = decoder.decode(bytes, chars, eof);
    if (result.isError()) {
      countNewlines();
      throw notInCharset(result.length());
    }
    if (eof && !bytes.hasRemaining()) {
      result = decoder.flush(chars);
      if (result.isError()) {
        countNewlines();
        throw notInCharset(0);
      }
      flushed = true;
    }
    countNewlines();
  }

  private void countNewlines() {
    chars.flip();
    for (int i = chars.position(); i < chars.limit(); i++) {
      if (chars.get(i) == '\n') {
        newlines++;
      }
    }
  }

  private InvalidInputException notInCharset(int badLength) {
    String sample =
        HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase()
            .formatHex(bytes.array(), bytes.position(), Math.min(bytes.limit(), bytes.position() + Math.max(1, badLength)));
    String hint =
        charset.equals(StandardCharsets.UTF_8)
            ? "; the file is in another encoding: convert it to UTF-8, or name its encoding with"
                + " --encoding (for example --encoding ISO-8859-1, or UTF-16 for a file that starts"
                + " with 0xFF 0xFE)"
            : "; check the --encoding given";
    return new InvalidInputException(
        file.getFileName() + ":" + (newlines + 1) + ": bytes " + sample + " are not valid "
            + charset.name() + hint);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
