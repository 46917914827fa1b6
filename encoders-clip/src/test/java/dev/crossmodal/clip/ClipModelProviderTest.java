package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.hub.HubClient;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipModelProviderTest {
  private static final String PREFIX = "/Xenova/clip-vit-base-patch32/resolve/main/";

  @TempDir Path cache;
  private HttpServer server;
  private final List<String> requested = new CopyOnWriteArrayList<>();

  /** Serves the tiny HF fixture in the hub's URL layout, as Xenova's repository would. */
  @BeforeEach
  void startHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            Path file = path.startsWith(PREFIX) ? Fixtures.hfTiny().resolve(path.substring(PREFIX.length())) : null;
            if (file == null || !Files.isRegularFile(file)) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  @AfterEach
  void stopHub() {
    server.stop(0);
  }

  private HubClient hub(boolean offline) {
    return HubClient.builder()
        .endpoint("http://127.0.0.1:" + server.getAddress().getPort())
        .cacheDir(cache)
        .offline(offline)
        .environment(Map.<String, String>of()::get)
        .build();
  }

  @Test
  void providerIsRegisteredUnderClip() {
    assertThat(Models.provider("clip")).isInstanceOf(ClipModelProvider.class);
  }

  @Test
  void withoutModelDirTheDefaultVariantIsDownloadedFromXenovasRepository() {
    try (CrossModalModel model = new ClipModelProvider(hub(false)).load(ModelSpec.of("clip"))) {
      assertThat(model.id()).isEqualTo("clip:openai/clip-vit-base-patch32");
      assertThat(requested).contains(PREFIX + "onnx/text_model.onnx", PREFIX + "vocab.json");
      float[] v = model.encoder(Modality.TEXT).encode(Document.text("t", Fixtures.texts().get(0).get("text").asText()));
      assertThat(Fixtures.cosine(v, Fixtures.floats(Fixtures.texts().get(0).get("hf_tiny_embedding"))))
          .isGreaterThanOrEqualTo(0.99999);
    }
  }

  @Test
  void aliasesNameTheSameVariant() {
    try (CrossModalModel model =
        new ClipModelProvider(hub(false)).load(ModelSpec.of("clip").withVariant("ViT-B/32"))) {
      assertThat(model.id()).isEqualTo("clip:openai/clip-vit-base-patch32");
    }
  }

  @Test
  void secondLoadUsesTheCacheEvenOffline() {
    new ClipModelProvider(hub(false)).load(ModelSpec.of("clip")).close();
    requested.clear();

    try (CrossModalModel model = new ClipModelProvider(hub(true)).load(ModelSpec.of("clip"))) {
      assertThat(model.dimension()).isEqualTo(16);
      assertThat(requested).isEmpty();
    }
  }

  @Test
  void offlineWithAnEmptyCacheIsRefused() {
    assertThatThrownBy(() -> new ClipModelProvider(hub(true)).load(ModelSpec.of("clip")))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("offline");
  }

  @Test
  void modelDirectoryOverridesAnyDownload() {
    try (CrossModalModel model =
        new ClipModelProvider(hub(false))
            .load(ModelSpec.of("clip").withModelDir(Fixtures.openAiTinyJit()).withOption("threads", "1"))) {
      assertThat(model.dimension()).isEqualTo(8);
      assertThat(requested).isEmpty();
    }
  }

  @Test
  void unknownRepositoryIsRefusedNamingIt() {
    assertThatThrownBy(
            () -> new ClipModelProvider(hub(false)).load(ModelSpec.of("clip").withVariant("someone/not-there")))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("someone/not-there");
  }
}
