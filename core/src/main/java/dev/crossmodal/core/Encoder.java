package dev.crossmodal.core;

import java.util.List;

/**
 * Turns documents of one modality into L2-normalised vectors of a fixed dimension.
 *
 * <p>Implementations must be safe to call from several threads at once. Encoders that hold native
 * resources (model sessions) release them in {@link #close()}.
 *
 * <pre>{@code
 * try (Encoder text = model.encoder(Modality.TEXT)) {
 *   float[][] vectors = text.encode(List.of(Document.text("q", "a red car")));
 * }
 * }</pre>
 *
 * @see StagedEncoder for encoders whose input preparation (decoding, tokenising) can run apart from
 *     inference
 */
public interface Encoder extends AutoCloseable {

  /** {@return the modality this encoder accepts} */
  Modality modality();

  /** {@return the length of every vector this encoder returns} */
  int dimension();

  /**
   * Encodes a batch. The result has one unit-length vector per document, in order.
   *
   * @param documents the documents, all of this encoder's modality
   * @return one unit-length vector of {@link #dimension()} components per document, in input order
   * @throws InvalidInputException naming the document, if one of them cannot be encoded; the
   *     whole batch then fails (use {@link StagedEncoder} or encode singly to isolate bad items)
   */
  float[][] encode(List<Document> documents);

  /**
   * Encodes one document.
   *
   * @param document a document of this encoder's modality
   * @return its unit-length vector
   */
  default float[] encode(Document document) {
    return encode(List.of(document))[0];
  }

  @Override
  default void close() {}
}
