package dev.crossmodal.clip;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.hub.HubClient;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipFamilyModelProviderTest {
  /** Repositories served by the fake hub: the two default ones, and a SigLIP one without model.onnx. */
  private static final Map<String, Path> REPOS =
      Map.of(
          "/Xenova/siglip-base-patch16-224/resolve/main/", FamilyFixtures.siglip(),
          "/Xenova/chinese-clip-vit-base-patch16/resolve/main/", FamilyFixtures.chineseClip(),
          "/someone/siglip-split-only/resolve/main/", FamilyFixtures.siglip());

  @TempDir Path cache;
  private HttpServer server;
  private final List<String> requested = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            Path file = null;
            for (var repo : REPOS.entrySet()) {
              if (path.startsWith(repo.getKey())) {
                file = repo.getValue().resolve(path.substring(repo.getKey().length()));
              }
            }
            boolean hidden = path.startsWith("/someone/") && path.endsWith("onnx/model.onnx");
            if (file == null || hidden || !Files.isRegularFile(file)) {
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

  private HubClient hub() {
    return HubClient.builder()
        .endpoint("http://127.0.0.1:" + server.getAddress().getPort())
        .cacheDir(cache)
        .environment(Map.<String, String>of()::get)
        .build();
  }

  private static List<String> paths(String repo, List<String> files) {
    List<String> out = new ArrayList<>();
    files.forEach(f -> out.add("/" + repo + "/resolve/main/" + f));
    return out;
  }

  @Test
  void providersAreRegisteredUnderTheFamilyNames() {
    assertThat(Models.provider("siglip")).isInstanceOf(SiglipModelProvider.class);
    assertThat(Models.provider("chinese-clip")).isInstanceOf(ChineseClipModelProvider.class);
  }

  @Test
  void siglipWithoutADirectoryDownloadsXenovasLayoutWithModelOnnxForTheCalibratedScore() {
    try (CrossModalModel model = new SiglipModelProvider(hub()).load(ModelSpec.of("siglip"))) {
      assertThat(model.id()).isEqualTo("siglip:Xenova/siglip-base-patch16-224");
      assertThat(model.scoreCalibration()).isPresent();
    }
    List<String> expected = new ArrayList<>(ClipFamily.SIGLIP.hubFiles());
    expected.addAll(ClipFamily.SIGLIP.optionalHubFiles());
    assertThat(requested).containsExactlyElementsOf(paths("Xenova/siglip-base-patch16-224", expected));
  }

  @Test
  void chineseClipDownloadsThePublishedSingleGraph() {
    try (CrossModalModel model = new ChineseClipModelProvider(hub()).load(ModelSpec.of("chinese-clip"))) {
      assertThat(model.id()).isEqualTo("chinese-clip:Xenova/chinese-clip-vit-base-patch16");
      assertThat(model.dimension()).isEqualTo(FamilyFixtures.family("chinese-clip").path("embedding_dim").asInt());
    }
    assertThat(requested)
        .containsExactlyElementsOf(paths("Xenova/chinese-clip-vit-base-patch16", ClipFamily.CHINESE_CLIP.hubFiles()));
  }

  @Test
  void aSiglipRepositoryWithoutModelOnnxLoadsWithoutACalibratedScore() {
    try (CrossModalModel model =
        new SiglipModelProvider(hub()).load(ModelSpec.of("siglip").withVariant("someone/siglip-split-only"))) {
      assertThat(model.scoreCalibration()).isEmpty();
    }
  }
}
