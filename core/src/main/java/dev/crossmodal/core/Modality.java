package dev.crossmodal.core;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What kind of thing a document is, as far as encoders and indexes are concerned.
 *
 * <p>A modality has a name and a {@link ContentKind}: two modalities may carry the same kind of
 * content and still be searched separately (a title and a body are both text, but an encoder
 * trained on titles should only ever see titles).
 *
 * <pre>{@code
 * Modality title = Modality.of("title", ContentKind.TEXT);
 * Document doc = Document.text("doc-1", title, "A dog on a beach");
 * }</pre>
 */
public final class Modality {
  /** The kind of content a document of a modality holds. */
  public enum ContentKind {
    /** Text: captions, titles, queries. */
    TEXT,
    /** Pictures, from encoded bytes. */
    IMAGE
  }

  /** Free text: captions, queries. */
  public static final Modality TEXT = new Modality("text", ContentKind.TEXT);

  /** Still images: photos, renders. */
  public static final Modality IMAGE = new Modality("image", ContentKind.IMAGE);

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  private final String name;
  private final ContentKind contentKind;

  private Modality(String name, ContentKind contentKind) {
    this.name = name;
    this.contentKind = contentKind;
  }

  /**
   * {@return the modality with this name and content kind; {@code "text"} and {@code "image"} give
   * the built-in constants}
   *
   * @param name a lower-case identifier, such as {@code sketch}
   * @param contentKind what documents of the modality carry: text or an image
   * @throws IllegalArgumentException if the name is not a lower-case identifier, or names a
   *     built-in modality with another content kind
   */
  public static Modality of(String name, ContentKind contentKind) {
    Objects.requireNonNull(contentKind, "contentKind");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "modality name must match " + NAME.pattern() + ", got '" + name + "'");
    }
    for (Modality builtIn : new Modality[] {TEXT, IMAGE}) {
      if (builtIn.name.equals(name)) {
        if (builtIn.contentKind != contentKind) {
          throw new IllegalArgumentException(
              "modality '" + name + "' is built in with content " + builtIn.contentKind);
        }
        return builtIn;
      }
    }
    return new Modality(name, contentKind);
  }

  /**
   * Parses {@code "text"} or {@code "image"} (case-insensitive).
   *
   * @param name {@code text} or {@code image}, in any case
   * @return {@link #TEXT} or {@link #IMAGE}
   * @throws IllegalArgumentException for any other name
   */
  public static Modality parse(String name) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "text" -> TEXT;
      case "image" -> IMAGE;
      default -> throw new IllegalArgumentException(
          "unknown modality '" + name + "': expected text or image");
    };
  }

  /** {@return the name recorded in workspaces, such as {@code text}} */
  public String name() {
    return name;
  }

  /** {@return whether documents of this modality carry text or an image} */
  public ContentKind contentKind() {
    return contentKind;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Modality other
        && other.name.equals(name)
        && other.contentKind == contentKind;
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
