package dev.crossmodal.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.pipeline.Indexer;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.testing.ColorWordsModel;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.index.flat.FlatIndex;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 6: a server sees a writer's commits without a restart. */
class WorkspaceReloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Document image(String colour) throws Exception {
    Path file = Files.write(tmp.resolve(colour + ".png"), ColourFixture.png(colour));
    return Document.image(colour, ImageSource.of(file));
  }

  private JsonNode health(CrossmodalServer server) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  @Test
  void healthAndSearchShowAWritersNewCommit() throws Exception {
    ColorWordsModel model = new ColorWordsModel();
    Path dir = tmp.resolve("ws");
    try (Workspace writer = Workspace.openOrCreate(dir, ModelSpec.of("test"), model, FlatIndex.factory())) {
      Indexer indexer = Indexer.builder(writer, model).build();
      indexer.index(List.of(image("red")));
      Workspace reader = Workspace.open(dir, FlatIndex.factory(), Workspace.OpenMode.READ_ONLY);
      WorkspaceSearchService service =
          WorkspaceSearchService.watching(new Searcher(reader, model), Duration.ofMillis(100));
      try (CrossmodalServer server = CrossmodalServer.builder().service(service).port(0).start()) {
        assertThat(health(server).path("images").asLong()).isEqualTo(1);

        indexer.index(List.of(image("blue"), image("green")));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long images = 1;
        while (images != 3 && System.nanoTime() < deadline) {
          Thread.sleep(50);
          images = health(server).path("images").asLong();
        }
        assertThat(images).isEqualTo(3);
        assertThat(service.search(Document.text("q", "blue"), 1).get(0).document().id()).isEqualTo("blue");
        assertThat(service.count(Modality.IMAGE)).isEqualTo(3);
      }
    }
  }
}
