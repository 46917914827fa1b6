package dev.crossmodal.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 8 and 3: protocol errors are answered in JSON, slow clients are cut off, and
 * image queries are refused by their declared size before they are decoded.
 */
class ServerTransportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path images;
  private static CrossmodalServer server;

  @BeforeAll
  static void start() {
    server =
        CrossmodalServer.builder()
            .service(ColourFixture.service(images))
            .port(0)
            .limits(ServerLimits.DEFAULT.withIdleTimeoutMillis(1500).withPixelLimits(1_000_000, 2_000_000))
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Sends bytes exactly as given and returns the whole response (the server closes after it). */
  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // The server answered and closed before the whole (oversized) request was sent.
      }
      return new String(readUntilClosed(socket.getInputStream()), StandardCharsets.ISO_8859_1);
    }
  }

  private static byte[] readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      in.transferTo(bytes);
    } catch (IOException e) {
      // A reset after the response: what was read is the answer.
    }
    return bytes.toByteArray();
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }

  private static void assertJsonError(String response, int status) throws IOException {
    assertThat(response).startsWith("HTTP/1.1 " + status);
    assertThat(response).containsIgnoringCase("Content-Type: application/json");
    assertThat(JSON.readTree(body(response)).path("error").asText()).isNotBlank();
  }

  @Test
  void invalidContentLengthIsAJsonError() throws IOException {
    String response =
        raw("POST /search HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}");

    assertJsonError(response, 400);
  }

  @Test
  void malformedEscapeInThePathIsAJsonError() throws IOException {
    String response = raw("GET /images/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertJsonError(response, 400);
  }

  @Test
  void twoMegabyteUrlIsAJsonError() throws IOException {
    String response =
        raw("GET /images/" + "a".repeat(2 << 20) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(response).matches("(?s)HTTP/1.1 (414|431).*");
    assertThat(JSON.readTree(body(response)).path("error").asText()).isNotBlank();
  }

  @Test
  void oversizedHeadersAreAJsonError() throws IOException {
    String response =
        raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(64 << 10) + "\r\nConnection: close\r\n\r\n");

    assertJsonError(response, 431);
  }

  @Test
  void aClientThatSendsHalfARequestIsCutOff() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write("POST /search HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      long start = System.nanoTime();
      byte[] answer;
      try {
        answer = readUntilClosed(socket.getInputStream());
      } catch (SocketTimeoutException e) {
        answer = null;
      }
      // Closed by the server (idle timeout 1.5 s), not by this client's 20 s read timeout.
      assertThat(answer).isNotNull();
      assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(20);
    }
  }

  /** A 9000x9000 PNG header with one empty IDAT: a few dozen bytes that claim 81 megapixels. */
  static byte[] pngDeclaring(int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(type.getBytes(StandardCharsets.US_ASCII));
    crc.update(data);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + data.length);
    b.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data).putInt((int) crc.getValue());
    out.write(b.array());
  }

  private static String search(String item) throws IOException {
    String body = "{\"data\": [\"" + item + "\"]}";
    return raw("POST /search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length() + "\r\nConnection: close\r\n\r\n" + body);
  }

  @Test
  void anImageDeclaringMorePixelsThanTheLimitIsRefusedUndecoded() throws IOException {
    String bomb = "data:image/png;base64," + Base64.getEncoder().encodeToString(pngDeclaring(9000, 9000));

    String response = search(bomb);

    assertJsonError(response, 413);
    assertThat(body(response)).contains("9000x9000").contains("1000000");
  }

  @Test
  void imagesOfOneRequestShareOnePixelBudget() throws IOException {
    String image = "data:image/png;base64," + Base64.getEncoder().encodeToString(pngDeclaring(900, 900));
    String body = "{\"data\": [\"" + image + "\", \"" + image + "\", \"" + image + "\"]}";

    String response = raw("POST /search HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body);

    assertJsonError(response, 413);
    assertThat(body(response)).contains("data[2]").contains("per request");
  }
}
