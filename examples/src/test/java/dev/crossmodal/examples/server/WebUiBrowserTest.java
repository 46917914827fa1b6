package dev.crossmodal.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI end to end in a real browser (headless Debian chromium): typing a query shows the
 * matching images, choosing an image shows the matching captions. Screenshots go to {@code
 * examples/target/web-ui/}. Runs in the {@code browser} profile ({@code ./mvnw -Pbrowser ...}),
 * which needs {@code chromium} on the PATH (or {@code -Dchromium.binary=...}).
 */
class WebUiBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Path SCREENSHOTS = Path.of("target", "web-ui");

  @TempDir static Path images;
  private static CrossmodalServer server;
  private static HeadlessChromium browser;

  @BeforeAll
  static void start() throws Exception {
    server = CrossmodalServer.builder().service(ColourFixture.service(images)).port(0).start();
    browser = HeadlessChromium.launch(System.getProperty("chromium.binary", "chromium"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  @Test
  void typingAQueryShowsTheMatchingImages() throws Exception {
    browser.navigate(server.url());
    browser.evaluate("document.getElementById('query').focus()");

    browser.type("a red thing");
    browser.pressEnter();
    browser.waitFor(
        "(() => { const imgs = [...document.querySelectorAll('.result img')];"
            + " return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); })()",
        WAIT);
    browser.screenshot(SCREENSHOTS.resolve("text-query.png"));

    JsonNode sources = browser.evaluate("[...document.querySelectorAll('.result img')].map(i => i.getAttribute('src'))");
    assertThat(sources.size()).isEqualTo(8);
    assertThat(sources.get(0).asText()).endsWith("/images/red");
    assertThat(browser.evaluate("document.querySelector('.result .score').textContent").asText()).startsWith("cosine ");
  }

  @Test
  void choosingAnImageShowsTheMatchingCaptions() throws Exception {
    Path query = images.resolve("query-blue.png");
    Files.write(query, ColourFixture.png("blue"));
    browser.navigate(server.url());

    browser.chooseFile("#image-input", query);
    browser.waitFor("document.querySelectorAll('.result .caption').length > 0", WAIT);
    browser.screenshot(SCREENSHOTS.resolve("image-query.png"));

    assertThat(browser.evaluate("document.querySelector('.result .caption').textContent").asText())
        .isEqualTo("a blue square");
    assertThat(browser.evaluate("!document.getElementById('query-preview').hidden").asBoolean()).isTrue();
  }

  @Test
  void undecodableImageShowsTheServersErrorMessage() throws Exception {
    Path corrupt = images.resolve("corrupt.png");
    Files.write(corrupt, "this is not a PNG".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    browser.navigate(server.url());

    browser.chooseFile("#image-input", corrupt);
    browser.waitFor("document.getElementById('message').classList.contains('error')", WAIT);
    browser.screenshot(SCREENSHOTS.resolve("error.png"));

    assertThat(browser.evaluate("document.getElementById('message').textContent").asText())
        .startsWith("Search failed: ")
        .contains("image");
    assertThat(browser.evaluate("document.querySelectorAll('.result').length").asInt()).isZero();
  }
}
