package dev.crossmodal.hub;

import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.ProgressListener;
import dev.crossmodal.core.ProgressTracker;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transfers one file into its {@code .incomplete} file: resumes from what is already there with
 * a {@code Range} request, follows redirects (the hub sends large files to a CDN), and checks the
 * SHA-256 the hub announces for LFS files. The caller holds the file's lock and moves the result
 * into place.
 */
final class HubDownload {
  private static final Logger LOG = LoggerFactory.getLogger(HubDownload.class);
  private static final int MAX_REDIRECTS = 10;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  /** A response and the headers of every redirect that led to it, first hop first. */
  private record Hops(HttpResponse<InputStream> response, List<HttpHeaders> headers) {}

  private final HttpClient http;
  private final String token;
  private final Duration timeout;
  private final ProgressListener listener;

  HubDownload(HttpClient http, String token, Duration timeout, ProgressListener listener) {
    this.http = http;
    this.token = token;
    this.timeout = timeout;
    this.listener = listener;
  }

  /**
   * Downloads {@code uri} into {@code incomplete}, appending to what is there.
   *
   * @param describe names the file in messages, such as {@code org/name/config.json}
   * @throws InvalidModelException on an HTTP error, a checksum mismatch or a broken transfer
   */
  void download(URI uri, Path incomplete, String describe, String fileName) {
    long have = sizeOrZero(incomplete);
    try {
      Hops hops = send(uri, have);
      int status = hops.response().statusCode();
      if (have > 0 && (status == 416 || (status == 206 && rangeStart(hops.response()) != have))) {
        // The partial file does not fit the file on the server any more: start over.
        LOG.info("partial download of {} does not match the server's file; starting over", describe);
        hops.response().body().close();
        Files.deleteIfExists(incomplete);
        have = 0;
        hops = send(uri, 0);
        status = hops.response().statusCode();
      }
      if (status != 200 && status != 206) {
        hops.response().body().close();
        throw httpError(uri, status, hops.response(), describe);
      }
      boolean append = status == 206;
      if (!append && have > 0) {
        LOG.info("server ignored the range request for {}; downloading it whole", describe);
        have = 0;
      }
      OptionalLong length = hops.response().headers().firstValueAsLong("Content-Length");
      long total = length.isPresent() ? have + length.getAsLong() : -1;
      long written = transfer(hops.response().body(), incomplete, append, have, total, fileName);
      if (total >= 0 && written != total) {
        throw new InvalidModelException("download of " + uri + " ended after " + written + " of " + total
            + " bytes; run again to resume (the partial file is kept in " + incomplete.getParent() + ")");
      }
      verify(uri, incomplete, hops.headers(), describe);
    } catch (java.net.ConnectException | java.net.UnknownHostException | java.net.http.HttpConnectTimeoutException e) {
      throw new InvalidModelException("cannot reach " + uri.getHost() + " to download " + uri + " (" + e
          + "): check the network or HF_ENDPOINT, or load the model from a local directory instead", e);
    } catch (IOException e) {
      throw new InvalidModelException("download of " + uri + " failed after " + sizeOrZero(incomplete)
          + " bytes: " + e + "; run again to resume", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidModelException("download of " + uri + " was interrupted", e);
    }
  }

  private Hops send(URI start, long rangeStart) throws IOException, InterruptedException {
    List<HttpHeaders> headers = new ArrayList<>();
    URI uri = start;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
          .header("User-Agent", "crossmodal-hub/1 (java " + Runtime.version().feature() + ")");
      // The token is for the hub only: a CDN behind a redirect gets a signed URL instead, and
      // some refuse requests that carry a second credential.
      if (token != null && sameOrigin(uri, start)) {
        request.header("Authorization", "Bearer " + token);
      }
      if (rangeStart > 0) {
        request.header("Range", "bytes=" + rangeStart + "-");
      }
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      headers.add(response.headers());
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("Location");
      if (isRedirect(status) && location.isPresent()) {
        response.body().close();
        uri = uri.resolve(location.get());
        LOG.debug("{} redirects to {}", start, uri);
        continue;
      }
      return new Hops(response, headers);
    }
    throw new IOException("more than " + MAX_REDIRECTS + " redirects");
  }

  private long transfer(InputStream body, Path incomplete, boolean append, long have, long total, String fileName)
      throws IOException {
    Files.createDirectories(incomplete.getParent());
    ProgressTracker tracker = new ProgressTracker("downloading " + fileName, total, listener);
    long written = have;
    tracker.advance(have);
    StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    try (InputStream in = body;
        FileChannel out = FileChannel.open(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      byte[] buffer = new byte[256 * 1024];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        written += n;
        tracker.advance(n);
      }
      out.force(true);
    } finally {
      tracker.finish();
    }
    return written;
  }

  private void verify(URI uri, Path file, List<HttpHeaders> hops, String describe) throws IOException {
    Optional<String> expected = announcedSha256(hops);
    OptionalLong expectedSize = hops.stream()
        .map(h -> h.firstValueAsLong("X-Linked-Size")).filter(OptionalLong::isPresent).findFirst()
        .orElse(OptionalLong.empty());
    long size = Files.size(file);
    if (expectedSize.isPresent() && expectedSize.getAsLong() != size) {
      Files.deleteIfExists(file);
      throw new InvalidModelException("download of " + uri + " has " + size + " bytes but the hub says "
          + expectedSize.getAsLong() + "; the file was removed, run again");
    }
    if (expected.isEmpty()) {
      LOG.debug("no SHA-256 announced for {}; size checked only", describe);
      return;
    }
    String actual = sha256(file);
    if (!actual.equals(expected.get())) {
      Files.deleteIfExists(file);
      throw new InvalidModelException("checksum mismatch for " + uri + ": the hub says sha256 " + expected.get()
          + " but the download has " + actual + "; the file was removed, run again");
    }
  }

  /**
   * The SHA-256 of the file as the hub gives it: {@code X-Linked-Etag} on LFS files (on the
   * redirect, not the CDN's response), else an {@code ETag} that is a SHA-256. Git blob ids (40
   * hex) and CDN md5 tags are not checksums of the content in this sense and are ignored.
   */
  static Optional<String> announcedSha256(List<HttpHeaders> hops) {
    for (String name : List.of("X-Linked-Etag", "ETag")) {
      for (HttpHeaders headers : hops) {
        Optional<String> value = headers.firstValue(name).map(HubDownload::stripEtag).filter(v -> SHA256.matcher(v).matches());
        if (value.isPresent()) {
          return value;
        }
      }
    }
    return Optional.empty();
  }

  private static String stripEtag(String etag) {
    String v = etag.strip();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    return v.toLowerCase(Locale.ROOT);
  }

  private static long rangeStart(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Range")
        .map(CONTENT_RANGE::matcher)
        .filter(Matcher::matches)
        .map(m -> Long.parseLong(m.group(1)))
        .orElse(-1L);
  }

  private InvalidModelException httpError(URI uri, int status, HttpResponse<?> response, String describe) {
    String detail = response.headers().firstValue("X-Error-Message").map(m -> " (" + m + ")").orElse("");
    String hint = switch (status) {
      case 401, 403 -> token == null
          ? "; the repository may be private or gated: set HF_TOKEN to an access token that can read it"
          : "; the token in HF_TOKEN cannot read this repository";
      case 404 -> "; " + describe + " is not in the repository at that revision (or the repository does not exist)";
      default -> "";
    };
    return new InvalidModelException("download of " + uri + " failed: HTTP " + status + detail + hint);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && a.getPort() == b.getPort();
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[256 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
