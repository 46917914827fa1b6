package dev.crossmodal.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubClientTest {
  private static final String REPO = "org/tiny-clip";
  private static final String BASE = "/org/tiny-clip/resolve/main/";
  private static final byte[] CONFIG = "{\"projection_dim\": 8}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MODEL = bytes(100_000);

  @TempDir Path tmp;
  private FakeHub hub;
  private Path cache;

  @BeforeEach
  void startHub() throws IOException {
    hub = new FakeHub();
    cache = tmp.resolve("cache");
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }

  private HubClient.Builder client() {
    // An empty environment, so that a developer's own HF_* variables never leak into the tests.
    return HubClient.builder().endpoint(hub.endpoint()).cacheDir(cache).environment(name -> null);
  }

  @Test
  void downloadsFilesIntoTheSnapshotFolderUnderTheirRepositoryPaths() throws IOException {
    hub.route(BASE + "config.json", FakeHub.file(CONFIG, true))
        .route(BASE + "onnx/model.onnx", FakeHub.file(MODEL, true));
    Path dir = client().build().snapshot(REPO, "main", List.of("config.json", "onnx/model.onnx"));
    assertThat(dir).isEqualTo(cache.resolve("models--org--tiny-clip/snapshots/main"));
    assertThat(dir.resolve("config.json")).hasBinaryContent(CONFIG);
    assertThat(dir.resolve("onnx/model.onnx")).hasBinaryContent(MODEL);
  }

  @Test
  void followsTheRedirectOfAnLfsFileAndChecksTheSha256OnTheRedirect() {
    hub.route(BASE + "model.onnx", FakeHub.redirect("/cdn/abc", "X-Linked-Etag", '"' + sha256(MODEL) + '"'))
        .route("/cdn/abc", FakeHub.file(MODEL, true, "ETag", "\"d41d8cd98f00b204e9800998ecf8427e\""));
    Path file = client().build().file(REPO, "main", "model.onnx");
    assertThat(file).hasBinaryContent(MODEL);
    assertThat(hub.count("/cdn/abc")).isEqualTo(1);
  }

  @Test
  void refusesADownloadWhoseSha256DiffersFromTheHubsAndPlacesNothing() throws IOException {
    hub.route(BASE + "model.onnx", FakeHub.file(MODEL, true, "X-Linked-Etag", sha256(CONFIG)));
    HubClient client = client().build();
    assertThatThrownBy(() -> client.file(REPO, "main", "model.onnx"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining(hub.endpoint() + BASE + "model.onnx");
    assertThat(cache.resolve("models--org--tiny-clip/snapshots/main/model.onnx")).doesNotExist();
    assertThat(client.cache().incompleteFile(REPO, "main", "model.onnx")).doesNotExist();
  }

  @Test
  void acceptsAnEtagThatIsTheSha256OfTheFile() {
    hub.route(BASE + "model.onnx", FakeHub.file(MODEL, true, "ETag", '"' + sha256(MODEL) + '"'));
    assertThat(client().build().file(REPO, "main", "model.onnx")).hasBinaryContent(MODEL);
  }

  @Test
  void refusesAFileWhoseEtagShaDiffers() {
    hub.route(BASE + "model.onnx", FakeHub.file(MODEL, true, "ETag", sha256(CONFIG)));
    assertThatThrownBy(() -> client().build().file(REPO, "main", "model.onnx"))
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void refusesADownloadWhoseSizeDiffersFromTheSizeTheHubAnnounces() {
    hub.route(BASE + "model.onnx", FakeHub.redirect("/cdn/abc", "X-Linked-Size", String.valueOf(MODEL.length + 1)))
        .route("/cdn/abc", FakeHub.file(MODEL, true));
    assertThatThrownBy(() -> client().build().file(REPO, "main", "model.onnx"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("the hub says " + (MODEL.length + 1));
    assertThat(cache.resolve("models--org--tiny-clip/snapshots/main/model.onnx")).doesNotExist();
  }

  @Test
  void resumesABrokenDownloadWithARangeRequest() throws IOException {
    hub.route(BASE + "model.onnx", FakeHub.breaksOnce(MODEL, 40_000,
        FakeHub.file(MODEL, true, "X-Linked-Etag", sha256(MODEL))));
    HubClient client = client().build();
    assertThatThrownBy(() -> client.file(REPO, "main", "model.onnx"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("run again to resume");
    // The server sent 40,000 bytes before dropping the connection; the JDK's HTTP client may
    // lose the last of them that were in flight when the connection failed, so the partial file
    // holds some of them, and the next call must ask for the rest from exactly there.
    long kept = Files.size(client.cache().incompleteFile(REPO, "main", "model.onnx"));
    assertThat(kept).isPositive().isLessThanOrEqualTo(40_000);

    assertThat(client.file(REPO, "main", "model.onnx")).hasBinaryContent(MODEL);
    assertThat(hub.requests.get(1).range()).isEqualTo("bytes=" + kept + "-");
  }

  @Test
  void startsOverWhenTheServerIgnoresTheRangeRequest() throws IOException {
    hub.route(BASE + "model.onnx", FakeHub.file(MODEL, false));
    HubClient client = client().build();
    Path partial = client.cache().incompleteFile(REPO, "main", "model.onnx");
    Files.createDirectories(partial.getParent());
    Files.write(partial, new byte[] {9, 9, 9});
    assertThat(client.file(REPO, "main", "model.onnx")).hasBinaryContent(MODEL);
    assertThat(hub.requests.get(0).range()).isEqualTo("bytes=3-");
  }

  @Test
  void startsOverWhenThePartialFileIsLongerThanTheServersFile() throws IOException {
    hub.route(BASE + "config.json", FakeHub.file(CONFIG, true));
    HubClient client = client().build();
    Path partial = client.cache().incompleteFile(REPO, "main", "config.json");
    Files.createDirectories(partial.getParent());
    Files.write(partial, bytes(CONFIG.length + 10));
    assertThat(client.file(REPO, "main", "config.json")).hasBinaryContent(CONFIG);
  }

  @Test
  void neverFetchesACachedFileAgain() {
    hub.route(BASE + "config.json", FakeHub.file(CONFIG, true));
    HubClient client = client().build();
    client.file(REPO, "main", "config.json");
    client.file(REPO, "main", "config.json");
    client().build().snapshot(REPO, "main", List.of("config.json"));
    assertThat(hub.count(BASE + "config.json")).isEqualTo(1);
  }

  @Test
  void offlineUsesTheCacheWithoutTouchingTheNetwork() {
    hub.route(BASE + "config.json", FakeHub.file(CONFIG, true));
    client().build().file(REPO, "main", "config.json");
    Path file = client().offline(true).build().file(REPO, "main", "config.json");
    assertThat(file).hasBinaryContent(CONFIG);
    assertThat(hub.requests).hasSize(1);
  }

  @Test
  void offlineWithoutTheFileInTheCacheSaysWhichFileIsMissingAndWhatToDo() {
    hub.route(BASE + "config.json", FakeHub.file(CONFIG, true));
    assertThatThrownBy(() -> client().offline(true).build().file(REPO, "main", "config.json"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("offline")
        .hasMessageContaining("org/tiny-clip/config.json")
        .hasMessageContaining("run once online");
    assertThat(hub.requests).isEmpty();
  }

  @Test
  void offlineComesFromHfHubOfflineInTheEnvironment() {
    HubClient client = HubClient.builder().endpoint(hub.endpoint()).cacheDir(cache)
        .environment(Map.of("HF_HUB_OFFLINE", "1")::get).build();
    assertThat(client.offline()).isTrue();
    assertThatThrownBy(() -> client.file(REPO, "main", "config.json")).hasMessageContaining("offline");
    assertThat(hub.requests).isEmpty();
  }

  @Test
  void offlineComesFromCrossmodalOfflineInTheEnvironment() {
    HubClient client = HubClient.builder().environment(Map.of("CROSSMODAL_OFFLINE", "true")::get).build();
    assertThat(client.offline()).isTrue();
  }

  @Test
  void aFileMissingFromTheRepositoryIsReportedWithUrlAndStatus() {
    assertThatThrownBy(() -> client().build().file(REPO, "main", "nope.bin"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(hub.endpoint() + BASE + "nope.bin")
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("not in the repository");
  }

  @Test
  void anUnauthorisedRepositoryMentionsHfToken() {
    hub.route(BASE + "config.json", FakeHub.status(401));
    assertThatThrownBy(() -> client().build().file(REPO, "main", "config.json"))
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("HF_TOKEN");
  }

  @Test
  void theEndpointComesFromHfEndpointInTheEnvironment() {
    hub.route(BASE + "config.json", FakeHub.file(CONFIG, true));
    HubClient client = HubClient.builder().cacheDir(cache)
        .environment(Map.of("HF_ENDPOINT", hub.endpoint() + "/")::get).build();
    assertThat(client.endpoint()).isEqualTo(hub.endpoint());
    assertThat(client.file(REPO, "main", "config.json")).hasBinaryContent(CONFIG);
  }

  @Test
  void theBuilderEndpointWinsOverTheEnvironment() {
    HubClient client = HubClient.builder().endpoint("https://mirror.example")
        .environment(Map.of("HF_ENDPOINT", "https://other.example")::get).build();
    assertThat(client.endpoint()).isEqualTo("https://mirror.example");
  }

  @Test
  void withoutSettingsTheEndpointIsTheHuggingFaceHub() {
    assertThat(HubClient.builder().environment(name -> null).build().endpoint()).isEqualTo("https://huggingface.co");
  }

  @Test
  void theCacheIsUnderCrossmodalCacheOrTheUsersHome() {
    assertThat(HubClient.builder().environment(Map.of("CROSSMODAL_CACHE", "/data/cm")::get).build().cache().root())
        .isEqualTo(Path.of("/data/cm/hub"));
    assertThat(HubClient.builder().environment(name -> null).build().cache().root())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "crossmodal", "hub"));
  }

  @Test
  void theTokenFromHfTokenIsSentAsBearerToTheHubButNotToAnotherHost() throws IOException {
    try (FakeHub cdn = new FakeHub()) {
      cdn.route("/blob", FakeHub.file(MODEL, true));
      hub.route(BASE + "model.onnx", FakeHub.redirect(cdn.endpoint() + "/blob"));
      HubClient client = HubClient.builder().cacheDir(cache)
          .environment(Map.of("HF_ENDPOINT", hub.endpoint(), "HF_TOKEN", "hf_secret")::get).build();
      assertThat(client.file(REPO, "main", "model.onnx")).hasBinaryContent(MODEL);
      assertThat(hub.requests.get(0).authorization()).isEqualTo("Bearer hf_secret");
      assertThat(cdn.requests.get(0).authorization()).isNull();
    }
  }

  @Test
  void reportsByteProgressWithTheFileNameAndTotal() {
    hub.route(BASE + "onnx/model.onnx", FakeHub.file(MODEL, true));
    List<Progress> events = new CopyOnWriteArrayList<>();
    client().progressListener(events::add).build().file(REPO, "main", "onnx/model.onnx");
    Progress last = events.get(events.size() - 1);
    assertThat(last.task()).isEqualTo("downloading model.onnx");
    assertThat(last.done()).isEqualTo(MODEL.length);
    assertThat(last.total()).isEqualTo(MODEL.length);
  }

  @Test
  void concurrentDownloadsOfOneFileFetchItOnceAndAgree() throws Exception {
    hub.route(BASE + "model.onnx", exchange -> {
      try {
        Thread.sleep(200); // keeps the first download in flight while the others queue
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      FakeHub.file(MODEL, true).handle(exchange);
    });
    HubClient client = client().build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        HubClient each = i % 2 == 0 ? client : client().build();
        results.add(pool.submit(() -> each.file(REPO, "main", "model.onnx")));
      }
      for (Future<Path> result : results) {
        assertThat(result.get()).hasBinaryContent(MODEL);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(hub.count(BASE + "model.onnx")).isEqualTo(1);
  }

  @Test
  void encodesTheRevisionAndPathIntoTheUrl() {
    HubClient client = client().build();
    assertThat(client.url("org/m", "refs/pr/1", "onnx/a b.onnx").toString())
        .isEqualTo(hub.endpoint() + "/org/m/resolve/refs%2Fpr%2F1/onnx/a%20b.onnx");
  }

  @Test
  void refusesPathsThatWouldLeaveTheSnapshotFolder() {
    assertThatThrownBy(() -> client().build().file(REPO, "main", "../../etc/passwd"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("not a file path");
    assertThat(hub.requests).isEmpty();
  }

  @Test
  void refusesARepositoryIdThatIsNotOrgSlashName() {
    assertThatThrownBy(() -> client().build().file("a/b/c", "main", "config.json"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("not a hub repository id");
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + i / 251);
    }
    return b;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
