package dev.crossmodal.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One searchable item: a caption, a photo, a title. A document has a stable id (the same content
 * gives the same id on every run, which is what makes indexing resumable), a {@link Modality}, its
 * content (text, or an {@link ImageSource} for images), and free-form string tags such as the id
 * of the image a caption describes.
 *
 * <pre>{@code
 * Document photo = Document.image("img-1", ImageSource.of(Path.of("beach.jpg")));
 * Document caption = Document.text("img-1#0", "A dog runs on the beach")
 *     .withTag(Document.TAG_IMAGE_ID, "img-1");
 * }</pre>
 *
 * <p>Documents are immutable.
 */
public final class Document {
  /** Tag on a caption that names the id of the image it describes. */
  public static final String TAG_IMAGE_ID = "image_id";

  /** Tag holding the original, dataset-level name of an item (an image file name, say). */
  public static final String TAG_SOURCE_NAME = "source_name";

  private final String id;
  private final Modality modality;
  private final String text;
  private final ImageSource image;
  private final Map<String, String> tags;

  private Document(
      String id, Modality modality, String text, ImageSource image, Map<String, String> tags) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("document id must not be blank");
    }
    this.id = id;
    this.modality = Objects.requireNonNull(modality, "modality");
    this.text = text;
    this.image = image;
    this.tags = Map.copyOf(tags);
    boolean isText = modality.contentKind() == Modality.ContentKind.TEXT;
    if (isText != (text != null) || isText == (image != null)) {
      throw new IllegalArgumentException(
          "document " + id + ": modality " + modality + " needs " + modality.contentKind() + " content");
    }
  }

  /**
   * {@return a text document of modality {@link Modality#TEXT}}
   *
   * @param id the document's id, unique in a workspace
   * @param text the text content
   */
  public static Document text(String id, String text) {
    return text(id, Modality.TEXT, text);
  }

  /**
   * {@return a text document of any text modality}
   *
   * @param id the document's id, unique in a workspace
   * @param modality a modality whose content kind is text
   * @param text the text content
   */
  public static Document text(String id, Modality modality, String text) {
    return new Document(id, modality, Objects.requireNonNull(text, "text"), null, Map.of());
  }

  /**
   * {@return an image document of modality {@link Modality#IMAGE}}
   *
   * @param id the document's id, unique in a workspace
   * @param image where the encoded image is read from
   */
  public static Document image(String id, ImageSource image) {
    return image(id, Modality.IMAGE, image);
  }

  /**
   * {@return an image document of any image modality}
   *
   * @param id the document's id, unique in a workspace
   * @param modality a modality whose content kind is image
   * @param image where the encoded image is read from
   */
  public static Document image(String id, Modality modality, ImageSource image) {
    return new Document(id, modality, null, Objects.requireNonNull(image, "image"), Map.of());
  }

  /**
   * {@return a copy with one more tag (or the tag replaced)}
   *
   * @param key the tag's name
   * @param value the tag's value
   */
  public Document withTag(String key, String value) {
    var copy = new java.util.LinkedHashMap<>(tags);
    copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new Document(id, modality, text, image, copy);
  }

  /**
   * {@return a copy with exactly these tags}
   *
   * @param newTags the tags of the copy, replacing all current ones
   */
  public Document withTags(Map<String, String> newTags) {
    return new Document(id, modality, text, image, newTags);
  }

  /** {@return the document's id, unique in a workspace} */
  public String id() {
    return id;
  }

  /** {@return the modality whose encoder and index the document goes to} */
  public Modality modality() {
    return modality;
  }

  /**
   * {@return the text of a text document}
   *
   * @throws IllegalStateException if this is an image document
   */
  public String text() {
    if (text == null) {
      throw new IllegalStateException("document " + id + " is an image, not text");
    }
    return text;
  }

  /**
   * {@return the source of an image document}
   *
   * @throws IllegalStateException if this is a text document
   */
  public ImageSource image() {
    if (image == null) {
      throw new IllegalStateException("document " + id + " is text, not an image");
    }
    return image;
  }

  /** {@return free-form metadata stored with the document, such as {@link #TAG_IMAGE_ID}} */
  public Map<String, String> tags() {
    return tags;
  }

  /**
   * {@return one tag's value, if set}
   *
   * @param key the tag's name
   */
  public Optional<String> tag(String key) {
    return Optional.ofNullable(tags.get(key));
  }

  /** {@return a short description for messages: the image source or the start of the text} */
  public String describe() {
    if (image != null) {
      return image.toString();
    }
    return text.length() <= 60 ? '"' + text + '"' : '"' + text.substring(0, 57) + "...\"";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Document d
        && d.id.equals(id)
        && d.modality.equals(modality)
        && Objects.equals(d.text, text)
        && Objects.equals(d.image, image)
        && d.tags.equals(tags);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Document{" + id + ", " + modality + ", " + describe() + "}";
  }
}
