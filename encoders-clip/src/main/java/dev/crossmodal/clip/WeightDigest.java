package dev.crossmodal.clip;

import dev.crossmodal.core.InvalidModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code sha256:} and the first 16 hex digits of a SHA-256 over a model's weight files, in order:
 * what identifies a model's vectors when no hub variant names it. Hashing a large model takes
 * seconds, so it happens on first use, once.
 */
final class WeightDigest {
  private final List<Path> files;
  private volatile String value;

  WeightDigest(List<Path> files) {
    this.files = List.copyOf(files);
  }

  /** {@return the digest, computed on the first call}. */
  String value() {
    String current = value;
    if (current == null) {
      synchronized (this) {
        if (value == null) {
          value = "sha256:" + hashPrefix();
        }
        current = value;
      }
    }
    return current;
  }

  private String hashPrefix() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 20];
      for (Path f : files) {
        try (InputStream in = Files.newInputStream(f)) {
          int n;
          while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new InvalidModelException("cannot read model weights " + files + " to identify them: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
