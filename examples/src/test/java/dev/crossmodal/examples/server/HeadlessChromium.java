package dev.crossmodal.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium} in headless mode, driven over the Chrome DevTools Protocol with the
 * JDK's WebSocket client: no Selenium, no Node. One page; commands wait for their reply.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> scriptErrors = new CopyOnWriteArrayList<>();

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts {@code binary} (such as {@code chromium}) with a fresh profile and connects to its page. */
  static HeadlessChromium launch(String binary) throws Exception {
    Path profile = Files.createTempDirectory("crossmodal-chromium-");
    Process process =
        new ProcessBuilder(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      URI browser = URI.create(devtoolsUrl(process));
      String pageSocket = pageWebSocket(browser);
      HeadlessChromium[] self = new HeadlessChromium[1];
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(URI.create(pageSocket), new Listener(self))
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      self[0] = new HeadlessChromium(process, profile, socket);
      return self[0];
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static String devtoolsUrl(Process process) throws IOException {
    BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = err.readLine()) != null) {
      Matcher m = DEVTOOLS.matcher(line);
      if (m.find()) {
        // Keep draining stderr so that chromium never blocks on a full pipe.
        Thread.ofVirtual().start(() -> err.lines().forEach(l -> {}));
        return m.group(1);
      }
      seen.append(line).append('\n');
    }
    throw new IOException("chromium exited without a DevTools endpoint:\n" + seen);
  }

  private static String pageWebSocket(URI browser) throws Exception {
    URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString());
    for (JsonNode target : JSON.readTree(response.body())) {
      if ("page".equals(target.path("type").asText())) {
        return target.get("webSocketDebuggerUrl").asText();
      }
    }
    throw new IOException("chromium has no page target: " + response.body());
  }

  /** Sends a DevTools command and returns its {@code result}. */
  JsonNode send(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode response = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (response.has("error")) {
      throw new IllegalStateException(method + " failed: " + response.get("error"));
    }
    return response.path("result");
  }

  /** Evaluates a JavaScript expression in the page and returns its value (promises awaited). */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result =
        send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Polls an expression until it is true, or fails after the timeout. */
  void waitFor(String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (evaluate(expression).asBoolean(false)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for: " + expression);
  }

  void navigate(String url) throws Exception {
    send("Page.enable", Map.of());
    send("Page.navigate", Map.of("url", url));
    waitFor("document.readyState === 'complete' && location.href.startsWith('" + url + "')", TIMEOUT);
  }

  /** Types text into the focused element as keyboard input would insert it. */
  void type(String text) throws Exception {
    send("Input.insertText", Map.of("text", text));
  }

  void pressEnter() throws Exception {
    for (String type : List.of("keyDown", "keyUp")) {
      send(
          "Input.dispatchKeyEvent",
          Map.of("type", type, "key", "Enter", "code", "Enter", "windowsVirtualKeyCode", 13, "text", "\r"));
    }
  }

  /** Puts a file into an {@code <input type=file>} as a user's choice would. */
  void chooseFile(String selector, Path file) throws Exception {
    JsonNode root = send("DOM.getDocument", Map.of());
    JsonNode node = send("DOM.querySelector", Map.of("nodeId", root.at("/root/nodeId").asInt(), "selector", selector));
    send("DOM.setFileInputFiles", Map.of("nodeId", node.get("nodeId").asInt(), "files", List.of(file.toString())));
  }

  void screenshot(Path file) throws Exception {
    JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png"));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Records uncaught exceptions and unhandled promise rejections of every page from now on; read
   * them with {@link #scriptErrors()}.
   */
  void recordScriptErrors() throws Exception {
    send("Runtime.enable", Map.of());
  }

  /** The uncaught script errors seen since {@link #recordScriptErrors()}, oldest first. */
  List<String> scriptErrors() {
    return List.copyOf(scriptErrors);
  }

  void clearScriptErrors() {
    scriptErrors.clear();
  }

  /** Sets the viewport, as a phone's or a desktop's window would. */
  void viewport(int width, int height, boolean mobile) throws Exception {
    send(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /** Presses a key such as {@code Tab} or {@code Enter} (with its Windows key code). */
  void press(String key, int keyCode) throws Exception {
    for (String type : List.of("keyDown", "keyUp")) {
      send(
          "Input.dispatchKeyEvent",
          Map.of("type", type, "key", key, "code", key, "windowsVirtualKeyCode", keyCode));
    }
  }

  private void onMessage(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if ("Runtime.exceptionThrown".equals(message.path("method").asText())) {
        JsonNode details = message.at("/params/exceptionDetails");
        scriptErrors.add(details.path("exception").path("description").asText(details.path("text").asText()));
      }
      if (message.has("id")) {
        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
        if (reply != null) {
          reply.complete(message);
        }
      }
    } catch (IOException e) {
      pending.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  /** Reassembles fragmented text frames and hands whole messages over. */
  private static final class Listener implements WebSocket.Listener {
    private final HeadlessChromium[] owner;
    private final StringBuilder partial = new StringBuilder();

    Listener(HeadlessChromium[] owner) {
      this.owner = owner;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        owner[0].onMessage(message);
      }
      webSocket.request(1);
      return null;
    }
  }
}
