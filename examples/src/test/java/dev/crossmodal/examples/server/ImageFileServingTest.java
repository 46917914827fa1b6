package dev.crossmodal.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.datasets.DocumentIds;
import dev.crossmodal.datasets.FolderDataset;
import dev.crossmodal.core.pipeline.Indexer;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.testing.ColorWordsModel;
import dev.crossmodal.core.workspace.Workspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 4: {@code /images/{id}} serves only the file that was indexed. */
class ImageFileServingTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path tmp;
  private Path dataset;
  private Path outside;
  private CrossmodalServer server;
  private String redId;
  private String blueId;

  @BeforeEach
  void indexAFolderWhereRedIsALink() throws Exception {
    dataset = Files.createDirectories(tmp.resolve("photos"));
    outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Path red = Files.write(dataset.resolve("red-original.png"), ColourFixture.png("red"));
    Files.createSymbolicLink(dataset.resolve("red.png"), red);
    Files.write(dataset.resolve("blue.png"), ColourFixture.png("blue"));
    Files.writeString(outside.resolve("secret.png"), "root:x:0:0:root:/root:/bin/bash\n");
    redId = DocumentIds.imageId(ColourFixture.png("red"));
    blueId = DocumentIds.imageId(ColourFixture.png("blue"));

    ColorWordsModel model = new ColorWordsModel();
    Workspace workspace = Workspace.inMemory(model);
    Indexer.builder(workspace, model).build().index(FolderDataset.of(dataset), Long.MAX_VALUE);
    server =
        CrossmodalServer.builder()
            .service(new WorkspaceSearchService(new Searcher(workspace, model)))
            .port(0)
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anIndexedImageIsServed() throws Exception {
    assertThat(get("/images/" + blueId).statusCode()).isEqualTo(200);
  }

  @Test
  void aLinkRepointedOutsideTheDatasetIsNotFollowed() throws Exception {
    // Whichever name the folder scan kept for the red image, point both at the secret.
    for (String name : new String[] {"red.png", "red-original.png"}) {
      Files.delete(dataset.resolve(name));
      Files.createSymbolicLink(dataset.resolve(name), outside.resolve("secret.png"));
    }

    HttpResponse<String> response = get("/images/" + redId);

    assertThat(response.statusCode()).isEqualTo(410);
    assertThat(response.body()).doesNotContain("root:").contains("\"error\"");
  }

  @Test
  void aFileReplacedInsideTheDatasetIsNotServedAsTheIndexedImage() throws Exception {
    for (String name : new String[] {"red.png", "red-original.png"}) {
      Files.delete(dataset.resolve(name));
      Files.write(dataset.resolve(name), ColourFixture.png("green"));
    }

    HttpResponse<String> response = get("/images/" + redId);

    assertThat(response.statusCode()).isEqualTo(410);
    assertThat(response.body()).contains("changed since it was indexed");
  }

  @Test
  void aFifoInPlaceOfTheImageIsRefusedWithoutBlockingTheServer() throws Exception {
    Path blue = dataset.resolve("blue.png");
    Files.delete(blue);
    Process mkfifo = new ProcessBuilder("mkfifo", blue.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();

    HttpResponse<String> response = get("/images/" + blueId);

    assertThat(response.statusCode()).isEqualTo(410);
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }
}
