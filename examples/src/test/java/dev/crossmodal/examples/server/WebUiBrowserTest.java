package dev.crossmodal.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI end to end in a real browser (headless Debian chromium): typing a query shows the
 * matching images with their file names and first captions, choosing an image shows the matching
 * captions with their photos, "more like this" and dropping an image find similar images, the
 * cutoff hides weak results, bad uploads get plain words, the keyboard reaches every action, and a
 * phone-width window needs no sideways scrolling. Screenshots go to {@code
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

  @BeforeEach
  void desktopWindow() throws Exception {
    browser.viewport(1280, 900, false);
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
        .startsWith("Search failed: corrupt.png could not be read as an image")
        .doesNotContain("data[0]");
    assertThat(browser.evaluate("document.querySelectorAll('.result').length").asInt()).isZero();
  }

  private static void searchFor(String text) throws Exception {
    browser.navigate(server.url());
    browser.evaluate("document.getElementById('query').focus()");
    browser.type(text);
    browser.pressEnter();
    browser.waitFor(ALL_RESULT_IMAGES_LOADED, WAIT);
  }

  private static final String ALL_RESULT_IMAGES_LOADED =
      "(() => { const imgs = [...document.querySelectorAll('.result img')];"
          + " return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); })()";

  @Test
  void imageCardShowsItsFileNameFirstCaptionAndMoreLikeThis() throws Exception {
    searchFor("red");
    browser.screenshot(SCREENSHOTS.resolve("image-cards.png"));

    assertThat(browser.evaluate("document.querySelector('.result .file').textContent").asText()).isEqualTo("red.png");
    assertThat(browser.evaluate("document.querySelector('.result .caption').textContent").asText()).isEqualTo("a red square");
    assertThat(browser.evaluate("document.querySelector('.result img').alt").asText()).isEqualTo("a red square");
    assertThat(browser.evaluate("document.querySelectorAll('.result .more-like-this').length").asInt()).isEqualTo(8);
  }

  @Test
  void moreLikeThisFindsSimilarImages() throws Exception {
    searchFor("blue");
    browser.evaluate("document.querySelectorAll('.result .more-like-this')[2].click()");
    browser.waitFor("document.getElementById('message').textContent.includes('images, best first')"
        + " && document.querySelector('.result').dataset.id !== 'blue'", WAIT);
    browser.waitFor(ALL_RESULT_IMAGES_LOADED, WAIT);
    browser.screenshot(SCREENSHOTS.resolve("more-like-this.png"));

    String third = browser.evaluate("document.querySelector('.result .file').textContent").asText();
    assertThat(browser.evaluate("[...document.querySelectorAll('.result')].every(r => r.querySelector('.more-like-this'))").asBoolean()).isTrue();
    assertThat(third).endsWith(".png").isNotEqualTo("blue.png");
  }

  @Test
  void captionResultsShowTheirPhotosThumbnail() throws Exception {
    Path query = images.resolve("query-green.png");
    Files.write(query, ColourFixture.png("green"));
    browser.navigate(server.url());

    browser.chooseFile("#image-input", query);
    browser.waitFor("(() => { const t = document.querySelector('.caption-result .thumb');"
        + " return t !== null && t.complete && t.naturalWidth > 0; })()", WAIT);
    browser.screenshot(SCREENSHOTS.resolve("caption-thumbnails.png"));

    assertThat(browser.evaluate("document.querySelector('.caption-result .thumb').getAttribute('src')").asText())
        .endsWith("/images/green");
  }

  @Test
  void cutoffHidesResultsScoringBelowIt() throws Exception {
    searchFor("purple");
    assertThat(browser.evaluate("document.querySelectorAll('.result').length").asInt()).isEqualTo(8);

    browser.evaluate("(() => { const s = document.getElementById('min-score'); s.value = '0.5';"
        + " s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change')); return true; })()");
    browser.waitFor("document.querySelectorAll('.result').length === 1", WAIT);
    browser.screenshot(SCREENSHOTS.resolve("cutoff.png"));

    assertThat(browser.evaluate("document.getElementById('min-score-value').textContent").asText()).isEqualTo("0.50");
    assertThat(browser.evaluate("document.querySelector('.result').dataset.id").asText()).isEqualTo("purple");
  }

  @Test
  void droppingAnImageWithSimilarImagesChosenFindsImages() throws Exception {
    browser.navigate(server.url());
    browser.evaluate("document.querySelector('input[name=image-target][value=image]').click()");

    browser.evaluate(
        "(async () => { const blob = await (await fetch('" + ColourFixture.dataUri("orange") + "')).blob();"
            + " const dt = new DataTransfer(); dt.items.add(new File([blob], 'orange.png', {type: 'image/png'}));"
            + " document.getElementById('drop-zone').dispatchEvent("
            + "   new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true})); return true; })()");
    browser.waitFor(ALL_RESULT_IMAGES_LOADED, WAIT);
    browser.screenshot(SCREENSHOTS.resolve("dropped-image-finds-images.png"));

    assertThat(browser.evaluate("document.querySelector('.result').dataset.id").asText()).isEqualTo("orange");
    assertThat(browser.evaluate("document.querySelectorAll('.caption-result').length").asInt()).isZero();
  }

  @Test
  void aFileThatIsNotAnImageGetsPlainWords() throws Exception {
    Path notes = images.resolve("notes.txt");
    Files.writeString(notes, "not a photo");
    browser.navigate(server.url());

    browser.chooseFile("#image-input", notes);
    browser.waitFor("document.getElementById('message').classList.contains('error')", WAIT);
    browser.screenshot(SCREENSHOTS.resolve("not-an-image.png"));

    assertThat(browser.evaluate("document.getElementById('message').textContent").asText())
        .isEqualTo("notes.txt is not an image (it is text/plain): choose a photo, such as a JPEG or PNG file.");
  }

  @Test
  void theKeyboardReachesMoreLikeThisAndEnterRunsIt() throws Exception {
    searchFor("white");
    browser.evaluate("document.activeElement.blur()");

    for (int i = 0; i < 40 && !browser.evaluate("document.activeElement.classList.contains('more-like-this')").asBoolean(); i++) {
      browser.press("Tab", 9);
    }
    assertThat(browser.evaluate("document.activeElement.classList.contains('more-like-this')").asBoolean()).isTrue();
    browser.screenshot(SCREENSHOTS.resolve("keyboard-focus.png"));
    browser.pressEnter();

    browser.waitFor("!document.getElementById('query-preview').hidden"
        + " && document.getElementById('message').textContent.includes('images, best first')", WAIT);
    assertThat(browser.evaluate("document.querySelector('.result').dataset.id").asText()).isEqualTo("white");
  }

  @Test
  void aPhoneWidthWindowNeedsNoSidewaysScrolling() throws Exception {
    browser.viewport(375, 740, true);
    searchFor("yellow");
    browser.screenshot(SCREENSHOTS.resolve("phone.png"));

    assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(375);
    assertThat(browser.evaluate("document.querySelector('.result').getBoundingClientRect().right").asDouble())
        .isLessThanOrEqualTo(375);
  }
}
