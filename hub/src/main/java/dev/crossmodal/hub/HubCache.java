package dev.crossmodal.hub;

import dev.crossmodal.core.InvalidModelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where hub files live on disk. The layout follows the Hugging Face cache in spirit, so a user
 * recognises it: {@code <cache>/models--org--name/snapshots/<revision>/<path>} holds finished
 * files, and {@code <cache>/models--org--name/blobs/} holds downloads in progress ({@code
 * .incomplete}) and their lock files. A file appears under {@code snapshots/} only once it is
 * complete and verified, so its presence alone means it can be used.
 *
 * <pre>{@code
 * HubCache cache = new HubCache(Path.of(System.getProperty("user.home"), ".cache/crossmodal/hub"));
 * Path config = cache.snapshotFile("Xenova/clip-vit-base-patch32", "main", "config.json");
 * }</pre>
 */
public final class HubCache {
  private static final Pattern REPO =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");
  private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
  private static final Pattern SEGMENT = Pattern.compile("[^/\\\\:\\x00]+");

  private final Path root;

  /**
   * A cache rooted at {@code root}, in the Hugging Face hub's folder layout.
   *
   * @param root the cache folder, such as {@code ~/.cache/huggingface/hub}
   */
  public HubCache(Path root) {
    this.root = root;
  }

  /** {@return the cache folder} */
  public Path root() {
    return root;
  }

  /**
   * {@return the folder of one repository: {@code models--org--name}}
   *
   * @param repo a repository id such as {@code Xenova/clip-vit-base-patch32}
   */
  public Path repoDir(String repo) {
    checkRepo(repo);
    return root.resolve("models--" + repo.replace("/", "--"));
  }

  /**
   * {@return the folder that holds the finished files of a repository at a revision}
   *
   * @param repo a repository id such as {@code Xenova/clip-vit-base-patch32}
   * @param revision a commit hash
   */
  public Path snapshotDir(String repo, String revision) {
    checkRevision(repo, revision);
    return repoDir(repo).resolve("snapshots").resolve(revision.replace("/", "--"));
  }

  /**
   * {@return where a finished file is kept}
   *
   * @param repo a repository id such as {@code Xenova/clip-vit-base-patch32}
   * @param revision a commit hash
   * @param path the file's path inside the repository
   */
  public Path snapshotFile(String repo, String revision, String path) {
    checkPath(repo, path);
    return snapshotDir(repo, revision).resolve(path);
  }

  /** Where a download in progress is written; it survives a crash so the next run can resume. */
  Path incompleteFile(String repo, String revision, String path) {
    return blobsDir(repo).resolve(key(revision, path) + ".incomplete");
  }

  /** The lock that keeps two downloads of one file (threads or processes) apart. */
  Path lockFile(String repo, String revision, String path) {
    return blobsDir(repo).resolve(key(revision, path) + ".lock");
  }

  private Path blobsDir(String repo) {
    return repoDir(repo).resolve("blobs");
  }

  /** A fixed-length name per revision and path, safe on every file system. */
  private static String key(String revision, String path) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((revision + "\n" + path).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  static void checkRepo(String repo) {
    if (repo == null || !REPO.matcher(repo).matches() || repo.contains("..")) {
      throw new InvalidModelException(
          "not a hub repository id: '" + repo + "' (expected name or org/name, such as Xenova/clip-vit-base-patch32)");
    }
  }

  static void checkRevision(String repo, String revision) {
    if (revision == null || !REVISION.matcher(revision).matches() || revision.contains("..")) {
      throw new InvalidModelException(
          "not a revision of " + repo + ": '" + revision + "' (expected a branch, tag or commit such as main)");
    }
  }

  /** Refuses paths that could escape the snapshot folder. */
  static void checkPath(String repo, String path) {
    boolean ok = path != null && !path.isEmpty();
    if (ok) {
      for (String segment : path.split("/", -1)) {
        if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
          ok = false;
          break;
        }
      }
    }
    if (!ok) {
      throw new InvalidModelException(
          "not a file path inside " + repo + ": '" + path + "' (expected a relative path such as onnx/text_model.onnx)");
    }
  }
}
