package dev.crossmodal.datasets;

import dev.crossmodal.core.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable document ids for datasets. An image's id is a hash of its bytes, so the same photo gets
 * the same id whatever its file name or folder and on every run; that is what lets a re-run index
 * only what is missing. A caption's id is its image's id plus the caption's position among that
 * image's caption rows.
 *
 * <pre>{@code
 * String imageId = DocumentIds.imageId(Path.of("images/dog.jpg"));   // e.g. "3f2a9c0d1b7e4a55"
 * String captionId = DocumentIds.captionId(imageId, 0);             // "3f2a9c0d1b7e4a55#0"
 * }</pre>
 */
public final class DocumentIds {
  /** Hex characters kept from the SHA-256: 64 bits, collision-free in practice for any dataset. */
  public static final int IMAGE_ID_LENGTH = 16;

  private DocumentIds() {}

  /**
   * {@return the id of the image in {@code file}: the first {@value #IMAGE_ID_LENGTH} hex characters of
   * the SHA-256 of its bytes}
   *
   * @param file the encoded image file
   * @throws IOException if the file cannot be read
   */
  public static String imageId(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = ImageSource.of(file).open()) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return toId(digest.digest());
  }

  /**
   * {@return the id of an image given as encoded bytes; equal to {@link #imageId(Path)} of a file holding them}
   *
   * @param encodedImage the image file's bytes
   */
  public static String imageId(byte[] encodedImage) {
    return toId(sha256().digest(encodedImage));
  }

  /**
   * {@return the id of a text that stands alone (a line of a text corpus): {@code text-} and the first
   * {@value #IMAGE_ID_LENGTH} hex characters of the SHA-256 of its UTF-8 bytes} The prefix keeps it
   * apart from image ids, which are bare hashes.
   *
   * @param text the text
   */
  public static String textId(String text) {
    return "text-" + toId(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * {@return the id of the {@code index}-th (0-based) caption row of an image}
   *
   * @param imageId the image's id
   * @param index the caption's row among the image's captions, from 0
   */
  public static String captionId(String imageId, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("caption index must be >= 0, was " + index);
    }
    return imageId + "#" + index;
  }

  private static String toId(byte[] hash) {
    return HexFormat.of().formatHex(hash).substring(0, IMAGE_ID_LENGTH);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
