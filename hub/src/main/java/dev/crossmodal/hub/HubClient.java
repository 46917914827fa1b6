package dev.crossmodal.hub;

import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.ProgressListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads model files from the Hugging Face hub (or a mirror) into a local cache, once.
 *
 * <p>Files are fetched from {@code {endpoint}/{repo}/resolve/{revision}/{path}}, written to a
 * {@code .incomplete} file that a later run resumes with a {@code Range} request, checked against
 * the SHA-256 the hub announces for LFS files, and only then moved into {@code
 * snapshots/<revision>/} in one atomic step. A file already in the cache is never fetched again,
 * online or offline; delete the repository's cache folder to refresh a moving revision such as
 * {@code main}. Downloads of the same file by several threads or processes wait for each other.
 *
 * <p>Settings come from the builder, else from the environment: {@code HF_ENDPOINT}, {@code
 * CROSSMODAL_CACHE} (files go to its {@code hub/} folder; default {@code ~/.cache/crossmodal/hub}),
 * {@code HF_HUB_OFFLINE=1} or {@code CROSSMODAL_OFFLINE=1}, and {@code HF_TOKEN}.
 *
 * <pre>{@code
 * HubClient hub = HubClient.builder().progressListener(p -> System.err.println(p)).build();
 * Path dir = hub.snapshot("Xenova/clip-vit-base-patch32", "main",
 *     List.of("config.json", "onnx/text_model.onnx", "onnx/vision_model.onnx"));
 * }</pre>
 */
public final class HubClient {
  /** The public Hugging Face hub. */
  public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

  /** The revision used when none is given. */
  public static final String DEFAULT_REVISION = "main";

  private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);

  private final String endpoint;
  private final HubCache cache;
  private final boolean offline;
  private final HubDownload download;

  private HubClient(Builder b) {
    HubEnvironment env = new HubEnvironment(b.environment);
    this.endpoint = stripTrailingSlash(b.endpoint != null ? b.endpoint : env.endpoint().orElse(DEFAULT_ENDPOINT));
    this.cache = new HubCache(b.cacheDir != null ? b.cacheDir : env.cacheDir(System.getProperty("user.home")));
    this.offline = b.offline != null ? b.offline : env.offline();
    String token = b.token != null ? b.token : env.token().orElse(null);
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(b.timeout)
        // Redirects are followed by hand, so that the hub's checksum headers on the redirect are
        // seen and the token is not sent on to the CDN.
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.download = new HubDownload(http, token, b.timeout, b.listener);
  }

  /**
   * {@return a builder whose defaults come from the environment ({@code HF_ENDPOINT}, {@code
   * HF_HOME}, ...)}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the hub address files are fetched from} */
  public String endpoint() {
    return endpoint;
  }

  /** {@return the cache the files are kept in} */
  public HubCache cache() {
    return cache;
  }

  /** {@return whether the network is never used} */
  public boolean offline() {
    return offline;
  }

  /**
   * Makes sure {@code files} of {@code repo} at {@code revision} are in the cache, downloading
   * those that are missing, and returns the snapshot folder that holds them under their repository
   * paths.
   *
   * @return the snapshot folder, holding {@code files} under their repository paths
   * @param repo a repository id such as {@code Xenova/clip-vit-base-patch32}
   * @param revision a branch, tag or commit; {@code null} for {@value #DEFAULT_REVISION}
   * @param files paths inside the repository, such as {@code onnx/vision_model.onnx}
   * @throws InvalidModelException if a file cannot be downloaded (naming the URL and the HTTP
   *     status) or, offline, is not in the cache
   */
  public Path snapshot(String repo, String revision, List<String> files) {
    String rev = revision == null ? DEFAULT_REVISION : revision;
    for (String file : files) {
      file(repo, rev, file);
    }
    return cache.snapshotDir(repo, rev);
  }

  /**
   * Makes sure one file is in the cache and returns its path.
   *
   * @param repo a repository id such as {@code Xenova/clip-vit-base-patch32}
   * @param revision a branch, tag or commit; {@code null} for {@value #DEFAULT_REVISION}
   * @param path the file's path inside the repository
   * @return the cached file
   * @throws InvalidModelException as {@link #snapshot}
   */
  public Path file(String repo, String revision, String path) {
    String rev = revision == null ? DEFAULT_REVISION : revision;
    Path target = cache.snapshotFile(repo, rev, path);
    if (Files.isRegularFile(target)) {
      return target;
    }
    if (offline) {
      throw new InvalidModelException("offline mode is on (HF_HUB_OFFLINE / CROSSMODAL_OFFLINE) and " + repo + "/"
          + path + " (revision " + rev + ") is not in the cache at " + target + "; run once online to download it,"
          + " copy the file there, or point --model-dir at a local copy of the model");
    }
    URI uri = url(repo, rev, path);
    try (DownloadLock lock = DownloadLock.acquire(cache.lockFile(repo, rev, path))) {
      // Another thread or process may have finished it while we waited for the lock.
      if (Files.isRegularFile(target)) {
        return target;
      }
      Path incomplete = cache.incompleteFile(repo, rev, path);
      LOG.info("downloading {} to {}", uri, target);
      download.download(uri, incomplete, repo + "/" + path, Path.of(path).getFileName().toString());
      Files.createDirectories(target.getParent());
      try {
        Files.move(incomplete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(incomplete, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new InvalidModelException("cannot store " + uri + " in the cache at " + target + ": " + e, e);
    }
  }

  /** {@code {endpoint}/{repo}/resolve/{revision}/{path}}, each part percent-encoded. */
  URI url(String repo, String revision, String path) {
    HubCache.checkRepo(repo);
    HubCache.checkRevision(repo, revision);
    HubCache.checkPath(repo, path);
    StringBuilder url = new StringBuilder(endpoint).append('/');
    for (String part : repo.split("/")) {
      url.append(encodeSegment(part)).append('/');
    }
    url.append("resolve/").append(encodeSegment(revision));
    for (String part : path.split("/")) {
      url.append('/').append(encodeSegment(part));
    }
    return URI.create(url.toString());
  }

  private static String encodeSegment(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Configures a {@link HubClient}; anything not set comes from the environment. */
  public static final class Builder {
    private String endpoint;
    private Path cacheDir;
    private Boolean offline;
    private String token;
    private ProgressListener listener = ProgressListener.NONE;
    private Function<String, String> environment = System::getenv;
    private Duration timeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * The hub address, such as {@code https://hf-mirror.com}; overrides {@code HF_ENDPOINT}.
     *
     * @param endpoint the hub address, such as {@code https://hf-mirror.com}; overrides {@code
     *     HF_ENDPOINT}
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * The cache folder itself (not its parent); overrides {@code CROSSMODAL_CACHE}.
     *
     * @param cacheDir the cache folder itself (not its parent); overrides {@code CROSSMODAL_CACHE}
     * @return this builder
     */
    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
      return this;
    }

    /**
     * Never use the network; overrides {@code HF_HUB_OFFLINE} and {@code CROSSMODAL_OFFLINE}.
     *
     * @param offline never use the network; overrides {@code HF_HUB_OFFLINE} and {@code
     *     CROSSMODAL_OFFLINE}
     * @return this builder
     */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    /**
     * An access token for private or gated repositories; overrides {@code HF_TOKEN}.
     *
     * @param token an access token for private or gated repositories; overrides {@code HF_TOKEN}
     * @return this builder
     */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Receives byte progress of each download (task {@code downloading <file name>}).
     *
     * @param listener receives byte progress of each download (task {@code downloading <file
     *     name>})
     * @return this builder
     */
    public Builder progressListener(ProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Where environment variables are read from; {@link System#getenv(String)} by default.
     *
     * @param environment looks up a variable by name, returning {@code null} when it is unset
     * @return this builder
     */
    public Builder environment(Function<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * How long to wait for a connection and for a response to start (default 60 s).
     *
     * @param timeout how long to wait for a connection and for a response to start (default 60 s)
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** {@return the client these settings describe} */
    public HubClient build() {
      return new HubClient(this);
    }
  }
}
