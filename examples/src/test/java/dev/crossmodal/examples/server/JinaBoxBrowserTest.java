package dev.crossmodal.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jina Box 0.1.50, the seed's own front-end, against {@code serve}: the unmodified {@code
 * dist/jinabox.umd.js} of the npm package (vendored with its licence by {@code
 * tools/fetch-jinabox.sh}, its SHA-256 pinned here) runs in headless chromium on a page of
 * another origin, pointed at {@code /search} as the seed told users to. Text queries render the
 * images, uploaded and dropped photos render captions, clicking a result searches with it, and
 * a bad upload shows Jina Box's error box, all with no script error. Screenshots go to {@code
 * examples/target/jinabox/}. Runs in the {@code browser} profile.
 */
class JinaBoxBrowserTest {
  /** SHA-256 of dist/jinabox.umd.js in jinabox-0.1.50.tgz from the npm registry. */
  private static final String JINABOX_SHA256 = "0af12865b36226c066e2a14053c339cff0cf58b9b79e7dd5b7dac502c5702b97";

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Path SCREENSHOTS = Path.of("target", "jinabox");
  private static final String ALL_RESULT_IMAGES_LOADED =
      "(() => { const imgs = [...document.querySelectorAll('.jina-result-image')];"
          + " return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); })()";
  private static final String CAPTIONS_SHOWN = "document.querySelectorAll('.jina-text-result').length > 0";

  @TempDir static Path images;
  private static CrossmodalServer server;
  private static HttpServer otherOrigin;
  private static String page;
  private static HeadlessChromium browser;

  @BeforeAll
  static void start() throws Exception {
    server = CrossmodalServer.builder().service(ColourFixture.service(images)).port(0).start();
    byte[] jinabox = jinabox();
    // Another port is another origin: every search is a cross-origin request with a preflight.
    otherOrigin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    // The script comes after the element, as on Jina's own page: its components fill
    // themselves in their constructors, which only an upgrade (not parser creation) allows.
    String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Jina Box</title></head>"
        + "<body><jina-searchbar></jina-searchbar>"
        + "<script src=\"/jinabox.umd.js\"></script>"
        + "<script>JinaBox.init('" + server.url() + "search');</script></body></html>";
    otherOrigin.createContext("/", exchange -> {
      boolean script = exchange.getRequestURI().getPath().equals("/jinabox.umd.js");
      send(exchange, script ? "text/javascript" : "text/html; charset=utf-8",
          script ? jinabox : html.getBytes(StandardCharsets.UTF_8));
    });
    otherOrigin.start();
    page = "http://127.0.0.1:" + otherOrigin.getAddress().getPort() + "/";
    browser = HeadlessChromium.launch(System.getProperty("chromium.binary", "chromium"));
    browser.recordScriptErrors();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (otherOrigin != null) {
      otherOrigin.stop(0);
    }
    server.close();
  }

  @BeforeEach
  void openThePage() throws Exception {
    browser.clearScriptErrors();
    browser.navigate(page);
    browser.waitFor("document.querySelector('.jina-search-input') !== null", WAIT);
  }

  private static byte[] jinabox() throws Exception {
    try (InputStream in = JinaBoxBrowserTest.class.getResourceAsStream("/jinabox/jinabox.umd.js")) {
      byte[] bytes = in.readAllBytes();
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      assertThat(sha).as("vendored jinabox.umd.js is the npm package's file").isEqualTo(JINABOX_SHA256);
      return bytes;
    }
  }

  private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
    try (exchange; OutputStream out = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(200, body.length);
      out.write(body);
    }
  }

  private static void searchFor(String text) throws Exception {
    browser.evaluate("document.querySelector('.jina-search-input').focus()");
    browser.type(text);
    browser.pressEnter();
  }

  @Test
  void textQueryRendersTheLoadedResultImages() throws Exception {
    searchFor("a red thing");

    browser.waitFor(ALL_RESULT_IMAGES_LOADED, WAIT);
    browser.screenshot(SCREENSHOTS.resolve("text-query.png"));

    JsonNode first = browser.evaluate("document.querySelector('.jina-result-image').getAttribute('src')");
    assertThat(first.asText()).isEqualTo(server.url() + "images/red");
    assertThat(browser.scriptErrors()).isEmpty();
  }

  @Test
  void uploadedPhotoRendersCaptionResults() throws Exception {
    Path photo = images.resolve("upload-blue.png");
    Files.write(photo, ColourFixture.png("blue"));

    browser.evaluate("document.querySelector('.jina-search-icon').click()");
    browser.waitFor("document.querySelector('.jina-expander-file-input') !== null", WAIT);
    browser.chooseFile(".jina-expander-file-input", photo);

    browser.waitFor(CAPTIONS_SHOWN, WAIT);
    browser.screenshot(SCREENSHOTS.resolve("uploaded-photo.png"));
    assertThat(browser.evaluate("document.querySelector('.jina-text-result').textContent").asText())
        .isEqualTo("a blue square");
    assertThat(browser.scriptErrors()).isEmpty();
  }

  @Test
  void droppedPhotoRendersCaptionResults() throws Exception {
    String dataUri = ColourFixture.dataUri("green");
    browser.evaluate(
        "(async () => { const blob = await (await fetch('" + dataUri + "')).blob();"
            + " const dt = new DataTransfer(); dt.items.add(new File([blob], 'green.png', {type: 'image/png'}));"
            + " document.querySelector('.jina-search-input').dispatchEvent("
            + "   new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true})); return true; })()");

    browser.waitFor(CAPTIONS_SHOWN, WAIT);
    browser.screenshot(SCREENSHOTS.resolve("dropped-photo.png"));
    assertThat(browser.evaluate("document.querySelector('.jina-text-result').textContent").asText())
        .isEqualTo("a green square");
    assertThat(browser.scriptErrors()).isEmpty();
  }

  @Test
  void clickingAnImageResultSearchesWithThatImage() throws Exception {
    searchFor("yellow");
    browser.waitFor(ALL_RESULT_IMAGES_LOADED, WAIT);

    browser.evaluate("document.querySelector('.jina-result-image').closest('.jina-result').click()");

    browser.waitFor(CAPTIONS_SHOWN, WAIT);
    browser.screenshot(SCREENSHOTS.resolve("clicked-result.png"));
    assertThat(browser.evaluate("document.querySelector('.jina-text-result').textContent").asText())
        .isEqualTo("a yellow square");
    assertThat(browser.scriptErrors()).isEmpty();
  }

  @Test
  void undecodableUploadShowsJinaBoxsErrorBox() throws Exception {
    Path corrupt = images.resolve("corrupt.png");
    Files.write(corrupt, "this is not a PNG".getBytes(StandardCharsets.US_ASCII));

    browser.evaluate("document.querySelector('.jina-search-icon').click()");
    browser.waitFor("document.querySelector('.jina-expander-file-input') !== null", WAIT);
    browser.chooseFile(".jina-expander-file-input", corrupt);

    browser.waitFor("document.querySelector('.jina-dropdown-message.jina-error') !== null", WAIT);
    browser.screenshot(SCREENSHOTS.resolve("bad-upload.png"));
    assertThat(browser.evaluate("document.querySelector('.jina-dropdown-message.jina-error p').textContent").asText())
        .contains("image");
    assertThat(browser.scriptErrors()).isEmpty();
  }
}
