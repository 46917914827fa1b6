package dev.crossmodal.core;

import java.net.URI;
import java.util.Optional;

/**
 * A search result: a stored document and its cosine similarity to the query.
 *
 * <pre>{@code
 * for (Match m : index.searchText("a dog on the beach", 5)) {
 *   System.out.println(m.score() + " " + m.uri().orElseThrow());
 * }
 * }</pre>
 *
 * @param document the matching document, as stored
 * @param score cosine similarity in [-1, 1]; higher is closer
 */
public record Match(Document document, float score) {

  /** {@return the document's id} */
  public String id() {
    return document.id();
  }

  /** {@return the document's modality, such as {@link Modality#IMAGE} or {@link Modality#TEXT}} */
  public Modality modality() {
    return document.modality();
  }

  /** {@return the text of a text document (a caption); empty for an image} */
  public Optional<String> text() {
    return document.modality().contentKind() == Modality.ContentKind.TEXT
        ? Optional.of(document.text())
        : Optional.empty();
  }

  /**
   * {@return where an image document's picture is: a {@code file:} URI for a local file, the URI it was
   * indexed from otherwise; empty for a text, or an image indexed from bytes in memory}
   */
  public Optional<URI> uri() {
    if (document.modality().contentKind() != Modality.ContentKind.IMAGE) {
      return Optional.empty();
    }
    return switch (document.image()) {
      case ImageSource.FileImage file -> Optional.of(file.path().toAbsolutePath().toUri());
      case ImageSource.UriImage remote -> Optional.of(remote.uri());
      case ImageSource.BytesImage bytes -> Optional.empty();
    };
  }
}
