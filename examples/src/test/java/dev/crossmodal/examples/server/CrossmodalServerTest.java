package dev.crossmodal.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossmodalServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path images;
  private static CrossmodalServer server;
  private static String base;

  @BeforeAll
  static void start() {
    server =
        CrossmodalServer.builder()
            .service(ColourFixture.service(images))
            .port(0)
            .limits(ServerLimits.DEFAULT.withMaxBodyBytes(64 * 1024))
            .start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode matchesOf(HttpResponse<String> response, int doc) throws IOException {
    return JSON.readTree(response.body()).path("data").path("docs").path(doc).path("matches");
  }

  @Test
  void seedShapeWithTopLevelTopKFindsImagesForText() throws Exception {
    HttpResponse<String> response =
        post("/search", "{\"top_k\": 2, \"mode\": \"search\", \"data\": [\"a red square\"]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode matches = matchesOf(response, 0);
    assertThat(matches).hasSize(2);
    assertThat(matches.get(0).get("id").asText()).isEqualTo("red");
    assertThat(matches.get(0).get("modality").asText()).isEqualTo("image");
    assertThat(matches.get(0).get("uri").asText()).isEqualTo(base + "/images/red");
    assertThat(matches.get(0).at("/scores/cosine/value").isNumber()).isTrue();
  }

  @Test
  void responseEchoesTheTextQuery() throws Exception {
    HttpResponse<String> response = post("/search", "{\"top_k\": 1, \"data\": [\"blue\"]}");

    JsonNode doc = JSON.readTree(response.body()).at("/data/docs/0");
    assertThat(doc.get("text").asText()).isEqualTo("blue");
    assertThat(doc.has("uri")).isFalse();
  }

  @Test
  void parametersShapeSetsTopK() throws Exception {
    HttpResponse<String> response =
        post("/search", "{\"parameters\": {\"top_k\": 3}, \"data\": [\"green\"]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(matchesOf(response, 0)).hasSize(3);
    assertThat(matchesOf(response, 0).get(0).get("id").asText()).isEqualTo("green");
  }

  @Test
  void everyDataItemGetsItsOwnDocInOrder() throws Exception {
    HttpResponse<String> response = post("/search", "{\"top_k\": 1, \"data\": [\"red\", \"blue\"]}");

    assertThat(matchesOf(response, 0).get(0).get("id").asText()).isEqualTo("red");
    assertThat(matchesOf(response, 1).get(0).get("id").asText()).isEqualTo("blue");
  }

  @Test
  void matchesComeBestFirst() throws Exception {
    JsonNode matches = matchesOf(post("/search", "{\"top_k\": 6, \"data\": [\"purple\"]}"), 0);

    List<Double> scores = new ArrayList<>();
    matches.forEach(m -> scores.add(m.at("/scores/cosine/value").asDouble()));
    assertThat(scores).hasSize(6).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void imageDataUriFindsCaptions() throws Exception {
    String uri = ColourFixture.dataUri("red");
    HttpResponse<String> response = post("/search", "{\"top_k\": 2, \"data\": [\"" + uri + "\"]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(response.body()).at("/data/docs/0");
    assertThat(doc.get("uri").asText()).isEqualTo(uri);
    JsonNode best = doc.get("matches").get(0);
    assertThat(best.get("id").asText()).isEqualTo("red#0");
    assertThat(best.get("modality").asText()).isEqualTo("text");
    assertThat(best.get("text").asText()).isEqualTo("a red square");
    assertThat(best.has("uri")).isFalse();
  }

  @Test
  void matchUriServesTheIndexedImage() throws Exception {
    String uri = matchesOf(post("/search", "{\"top_k\": 1, \"data\": [\"blue\"]}"), 0).get(0).get("uri").asText();

    HttpResponse<byte[]> image =
        CLIENT.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(image.body()).isEqualTo(Files.readAllBytes(images.resolve("blue.png")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{not json",
        "[\"a list, not an object\"]",
        "{}",
        "{\"top_k\": 5}",
        "{\"data\": []}",
        "{\"data\": \"red\"}",
        "{\"data\": [\"   \"]}",
        "{\"data\": [42]}",
        "{\"top_k\": 0, \"data\": [\"red\"]}",
        "{\"top_k\": 101, \"data\": [\"red\"]}",
        "{\"top_k\": -3, \"data\": [\"red\"]}",
        "{\"top_k\": \"five\", \"data\": [\"red\"]}",
        "{\"top_k\": 2.5, \"data\": [\"red\"]}",
        "{\"parameters\": {\"top_k\": 1000}, \"data\": [\"red\"]}",
        "{\"mode\": \"index\", \"data\": [\"red\"]}",
        "{\"data\": [\"data:image/png;base64,***not base64***\"]}",
        "{\"data\": [\"data:image/png;base64,aGVsbG8gd29ybGQ=\"]}",
        "{\"data\": [\"data:image/png,rawbytes\"]}",
        "{\"data\": [\"data:text/plain;base64,aGVsbG8=\"]}",
        "{\"data\": [\"data:image/png;base64,\"]}",
      })
  void badRequestIsAnswered400WithAJsonError(String body) throws Exception {
    HttpResponse<String> response = post("/search", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(JSON.readTree(response.body()).path("error").asText()).isNotBlank();
  }

  @Test
  void bodyOverTheLimitIsAnswered413() throws Exception {
    String big = "{\"data\": [\"" + "x".repeat(65 * 1024) + "\"]}";

    HttpResponse<String> response = post("/search", big);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).path("error").asText()).contains("65536");
  }

  @Test
  void tooManyDataItemsAreRefused() throws Exception {
    String items = String.join(",", java.util.Collections.nCopies(33, "\"red\""));

    assertThat(post("/search", "{\"data\": [" + items + "]}").statusCode()).isEqualTo(400);
  }

  @Test
  void searchByGetIsNotAllowed() throws Exception {
    HttpResponse<String> response = get("/search");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(response.body()).path("error").asText()).contains("GET");
  }

  @Test
  void unknownPathIsAnswered404WithAJsonError() throws Exception {
    HttpResponse<String> response = get("/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).path("error").asText()).isNotBlank();
  }

  @Test
  void preflightAllowsAnyOriginToPost() throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/search"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://box.example")
                .header("Access-Control-Request-Method", "POST")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST", "GET");
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Content-Type");
  }

  @Test
  void searchResponseAllowsAnyOrigin() throws Exception {
    HttpResponse<String> response = post("/search", "{\"data\": [\"red\"]}");

    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }

  @Test
  void healthReportsTheModelAndCounts() throws Exception {
    HttpResponse<String> response = get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode health = JSON.readTree(response.body());
    assertThat(health.get("status").asText()).isEqualTo("ok");
    assertThat(health.get("model").asText()).isEqualTo("test:color-words");
    assertThat(health.get("images").asLong()).isEqualTo(8);
    assertThat(health.get("texts").asLong()).isEqualTo(8);
  }

  @Test
  void rootServesTheWebUi() throws Exception {
    HttpResponse<String> response = get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(response.body()).contains("<script src=\"app.js\">");
    assertThat(get("/app.js").statusCode()).isEqualTo(200);
    assertThat(get("/style.css").statusCode()).isEqualTo(200);
  }

  @Test
  void captionIdIsNotServedAsAnImage() throws Exception {
    assertThat(get("/images/red%230").statusCode()).isEqualTo(404);
  }

  @Test
  void unknownImageIdIsAnswered404() throws Exception {
    assertThat(get("/images/no-such-image").statusCode()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/images/../../../../etc/passwd",
        "/images/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/images/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/images/%2Fetc%2Fpasswd",
        "/images/red.png",
        "/images/..%5Cred.png",
        "/../../etc/passwd",
        "/web/index.html",
        "/images/%zz",
      })
  void pathTraversalIsRefused(String path) throws Exception {
    String response = rawGet(path);

    assertThat(response).startsWith("HTTP/1.1 4");
    assertThat(response).doesNotContain("root:").doesNotContain("PNG");
  }

  @Test
  void absolutePathOfAnIndexedFileIsNotAnImageId() throws Exception {
    String absolute = images.resolve("red.png").toAbsolutePath().toString();

    assertThat(rawGet("/images/" + ServerUrls.imagePath(absolute).substring("/images/".length())))
        .startsWith("HTTP/1.1 404");
  }

  /** Sends the path byte for byte: HTTP clients would normalise the dot segments away. */
  private static String rawGet(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void eightClientsTimesHundredRequestsAllSucceed() throws Exception {
    String[] colours = ColourFixture.COLOURS.toArray(new String[0]);
    String redImage = ColourFixture.dataUri("red");
    try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
      List<Future<Integer>> failures = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int client = c;
        failures.add(
            clients.submit(
                () -> {
                  int failed = 0;
                  for (int i = 0; i < 100; i++) {
                    boolean image = (client + i) % 10 == 0;
                    String colour = colours[(client + i) % colours.length];
                    String item = image ? redImage : "a " + colour + " thing";
                    HttpResponse<String> response = post("/search", "{\"top_k\": 3, \"data\": [\"" + item + "\"]}");
                    String best = response.statusCode() == 200 ? matchesOf(response, 0).get(0).get("id").asText() : "";
                    if (!best.equals(image ? "red#0" : colour)) {
                      failed++;
                    }
                  }
                  return failed;
                }));
      }
      for (Future<Integer> failed : failures) {
        assertThat(failed.get()).isZero();
      }
    }
  }
}
