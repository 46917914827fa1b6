package dev.crossmodal.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.ScoreCalibration;
import dev.crossmodal.core.Match;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model with a calibrated score (SigLIP's sigmoid) gets it next to the cosine in search results. */
class CalibratedScoreTest {
  private static final ScoreCalibration SIGMOID = new ScoreCalibration.Sigmoid(10, -5);

  @TempDir Path images;

  /** The colour fixture's service, as if its model had SigLIP's calibration. */
  private SearchService calibrated(SearchService colours) {
    return new SearchService() {
      @Override
      public List<Match> search(Document query, int k) {
        return colours.search(query, k);
      }

      @Override
      public List<Match> search(Document query, int k, Optional<Modality.ContentKind> returns, double minScore) {
        return colours.search(query, k, returns, minScore);
      }

      @Override
      public Optional<Document> document(String id) {
        return colours.document(id);
      }

      @Override
      public String modelId() {
        return colours.modelId();
      }

      @Override
      public long count(Modality modality) {
        return colours.count(modality);
      }

      @Override
      public Optional<ScoreCalibration> scoreCalibration() {
        return Optional.of(SIGMOID);
      }
    };
  }

  @Test
  void searchResultsCarryTheCalibratedScoreNextToTheCosine() throws Exception {
    try (CrossmodalServer server =
        CrossmodalServer.builder().service(calibrated(ColourFixture.service(images))).port(0).start()) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/search"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"top_k\": 1, \"data\": [\"a red square\"]}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      JsonNode match = new ObjectMapper().readTree(response.body()).at("/data/docs/0/matches/0");
      double cosine = match.at("/scores/cosine/value").asDouble();
      assertThat(match.at("/scores/sigmoid/value").asDouble())
          .isCloseTo(1 / (1 + Math.exp(-(10 * cosine - 5))), within(1e-9));
    }
  }

  @Test
  void withoutACalibrationOnlyTheCosineIsShown() throws Exception {
    try (CrossmodalServer server = CrossmodalServer.builder().service(ColourFixture.service(images)).port(0).start()) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/search"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"top_k\": 1, \"data\": [\"blue\"]}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      JsonNode scores = new ObjectMapper().readTree(response.body()).at("/data/docs/0/matches/0/scores");
      assertThat(scores.fieldNames()).toIterable().containsExactly("cosine");
    }
  }
}
