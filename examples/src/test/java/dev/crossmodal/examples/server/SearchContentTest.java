package dev.crossmodal.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.pipeline.Indexer;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.testing.ColorWordsModel;
import dev.crossmodal.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code POST /search} answers: the modality and min_score settings, what each match
 * carries (file and captions, image_id and image_uri), the fields Jina Box reads, image queries
 * by this server's own image links, and the Jina error envelope.
 */
class SearchContentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path images;
  private static CrossmodalServer server;
  private static String base;

  @BeforeAll
  static void start() {
    server = CrossmodalServer.builder().service(ColourFixture.service(images, 7)).port(0).start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(base + "/search"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode firstDoc(String body) throws Exception {
    HttpResponse<String> response = post(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).at("/data/docs/0");
  }

  private static List<Double> cosines(JsonNode matches) {
    List<Double> scores = new ArrayList<>();
    matches.forEach(m -> scores.add(m.at("/scores/cosine/value").asDouble()));
    return scores;
  }

  @Test
  void textQueryDocAndImageMatchesCarryTheirMimeTypes() throws Exception {
    JsonNode doc = firstDoc("{\"data\": [\"red\"], \"parameters\": {\"top_k\": 16}, \"mode\": \"search\"}");

    assertThat(doc.get("mime_type").asText()).isEqualTo("text/plain");
    assertThat(doc.get("matches")).isNotEmpty().allSatisfy(m -> assertThat(m.get("mime_type").asText()).isEqualTo("image/png"));
  }

  @Test
  void imageQueryDocCarriesTheDataUrisType() throws Exception {
    JsonNode doc = firstDoc("{\"data\": [\"" + ColourFixture.dataUri("red") + "\"]}");

    assertThat(doc.get("mime_type").asText()).isEqualTo("image/png");
    assertThat(doc.get("matches")).allSatisfy(m -> assertThat(m.get("mime_type").asText()).isEqualTo("text/plain"));
  }

  @Test
  void scoreValueIsTheCosine() throws Exception {
    JsonNode best = firstDoc("{\"data\": [\"green\"]}").at("/matches/0");

    assertThat(best.at("/score/value").asDouble()).isEqualTo(best.at("/scores/cosine/value").asDouble());
  }

  @Test
  void imageMatchCarriesItsFileNameAndAtMostFiveCaptions() throws Exception {
    JsonNode best = firstDoc("{\"data\": [\"red\"]}").at("/matches/0");

    assertThat(best.get("file").asText()).isEqualTo("red.png");
    List<String> captions = new ArrayList<>();
    best.get("captions").forEach(c -> captions.add(c.asText()));
    assertThat(captions).containsExactly("a red square", "red, caption 2", "red, caption 3", "red, caption 4", "red, caption 5");
  }

  @Test
  void captionMatchCarriesItsImageIdAndImageUri() throws Exception {
    JsonNode best = firstDoc("{\"data\": [\"" + ColourFixture.dataUri("blue") + "\"]}").at("/matches/0");

    assertThat(best.get("image_id").asText()).isEqualTo("blue");
    assertThat(best.get("image_uri").asText()).isEqualTo(base + "/images/blue");
  }

  @Test
  void modalityImageMakesAnImageQueryFindImages() throws Exception {
    JsonNode matches =
        firstDoc("{\"data\": [\"" + ColourFixture.dataUri("blue") + "\"], \"modality\": \"image\", \"top_k\": 3}")
            .get("matches");

    assertThat(matches).hasSize(3).allSatisfy(m -> assertThat(m.get("modality").asText()).isEqualTo("image"));
    assertThat(matches.get(0).get("id").asText()).isEqualTo("blue");
    assertThat(matches.get(0).get("file").asText()).isEqualTo("blue.png");
    assertThat(matches.get(0).get("captions").get(0).asText()).isEqualTo("a blue square");
  }

  @Test
  void modalityTextMakesATextQueryFindCaptions() throws Exception {
    JsonNode matches = firstDoc("{\"data\": [\"yellow\"], \"parameters\": {\"modality\": \"text\"}}").get("matches");

    assertThat(matches).isNotEmpty().allSatisfy(m -> assertThat(m.get("modality").asText()).isEqualTo("text"));
    assertThat(matches.get(0).get("image_id").asText()).isEqualTo("yellow");
  }

  @Test
  void minScoreDropsLowerMatches() throws Exception {
    List<Double> all = cosines(firstDoc("{\"data\": [\"purple\"], \"top_k\": 8}").get("matches"));
    double cut = all.get(1);
    assertThat(all.get(0)).isGreaterThan(cut);

    List<Double> kept = cosines(firstDoc("{\"data\": [\"purple\"], \"top_k\": 8, \"min_score\": " + cut + "}").get("matches"));

    assertThat(kept).isEqualTo(all.stream().filter(s -> s >= cut).toList());
    double above = (all.get(0) + cut) / 2;
    assertThat(cosines(firstDoc("{\"data\": [\"purple\"], \"top_k\": 8, \"min_score\": " + above + "}").get("matches")))
        .containsExactly(all.get(0));
  }

  @Test
  void thisServersImageUrlIsAnImageQueryByItsId() throws Exception {
    JsonNode doc = firstDoc("{\"data\": [\"" + base + "/images/blue\"]}");

    assertThat(doc.get("uri").asText()).isEqualTo(base + "/images/blue");
    assertThat(doc.get("mime_type").asText()).isEqualTo("image/png");
    assertThat(doc.at("/matches/0/image_id").asText()).isEqualTo("blue");
  }

  @Test
  void anotherHostsUrlIsRefusedAndNeverFetched() throws Exception {
    HttpResponse<String> response = post("{\"data\": [\"http://192.0.2.1:9/images/blue\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains("never fetched");
  }

  @Test
  void anUnknownImageIdInOurUrlIsRefused() throws Exception {
    HttpResponse<String> response = post("{\"data\": [\"" + base + "/images/no-such-image\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains("no indexed image with id 'no-such-image'");
  }

  @Test
  void anImageStoredAsAUriIsNotAQueryByItsLink() throws Exception {
    ColorWordsModel model = new ColorWordsModel();
    Workspace workspace = Workspace.inMemory(model);
    Path file = images.resolve("behind-a-uri.png");
    Files.write(file, ColourFixture.png("red"));
    // A file: URI stands in for an http one: the server must not read either on a client's behalf.
    Indexer.builder(workspace, model).build().index(List.of(Document.image("remote", new ImageSource.UriImage(file.toUri()))));
    try (CrossmodalServer other = CrossmodalServer.builder()
        .service(new WorkspaceSearchService(new Searcher(workspace, model))).port(0).start()) {
      String otherBase = "http://127.0.0.1:" + other.port();
      HttpResponse<String> response = CLIENT.send(
          HttpRequest.newBuilder(URI.create(otherBase + "/search"))
              .POST(HttpRequest.BodyPublishers.ofString("{\"data\": [\"" + otherBase + "/images/remote\"]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("error").asText()).contains("image 'remote' is not stored locally");
    }
  }

  @Test
  void errorsCarryJinasEnvelopeBesideOurError() throws Exception {
    JsonNode body = JSON.readTree(post("{\"data\": [\"data:image/png;base64,aGVsbG8=\"]}").body());

    assertThat(body.get("error").asText()).isNotBlank();
    assertThat(body.at("/status/code").asText()).isEqualTo("ERROR");
    assertThat(body.at("/status/description").asText()).isEqualTo(body.get("error").asText());
    assertThat(body.at("/data/docs").isArray()).isTrue();
    assertThat(body.at("/data/docs")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"data\": [\"red\"], \"modality\": \"video\"}",
        "{\"data\": [\"red\"], \"modality\": 1}",
        "{\"data\": [\"red\"], \"min_score\": \"high\"}",
        "{\"data\": [\"red\"], \"parameters\": {\"min_score\": [0.5]}}",
      })
  void badModalityOrMinScoreIsAnswered400(String body) throws Exception {
    HttpResponse<String> response = post(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).containsAnyOf("modality", "min_score");
  }

  @Test
  void openApiDescriptionIsServedAndDocumentsTheSearchSettings() throws Exception {
    HttpResponse<String> response =
        CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode api = JSON.readTree(response.body());
    assertThat(api.get("openapi").asText()).startsWith("3.");
    assertThat(api.at("/components/schemas/SearchRequest/properties").has("modality")).isTrue();
    assertThat(api.at("/components/schemas/SearchRequest/properties").has("min_score")).isTrue();
    assertThat(api.at("/components/schemas/Match/properties").has("image_id")).isTrue();
  }

  @Test
  void everyFieldOfAnAnswerIsInTheOpenApiDescription() throws Exception {
    HttpResponse<String> description =
        CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode schemas = JSON.readTree(description.body()).at("/components/schemas");
    JsonNode textQuery = firstDoc("{\"data\": [\"red\"]}");
    JsonNode imageQuery = firstDoc("{\"data\": [\"" + ColourFixture.dataUri("red") + "\"]}");

    for (JsonNode doc : List.of(textQuery, imageQuery)) {
      doc.fieldNames().forEachRemaining(f -> assertThat(schemas.at("/QueryDoc/properties").has(f)).as("QueryDoc." + f).isTrue());
      doc.get("matches").forEach(m ->
          m.fieldNames().forEachRemaining(f -> assertThat(schemas.at("/Match/properties").has(f)).as("Match." + f).isTrue()));
    }
  }
}
