package dev.crossmodal.core;

import java.util.ArrayList;
import java.util.List;

/**
 * An encoder in two stages, as DJL's {@code Translator} separates pre-processing from inference:
 * {@link #prepare} turns one document into model input (decode and resample an image, tokenise a
 * caption) and may fail for that document alone; {@link #encodePrepared} runs the model on a batch.
 *
 * <p>Pipelines use the split to prepare the next batch on other threads while the model works on
 * the current one, and to skip a corrupt item without losing its batch.
 *
 * @param <P> the prepared form of one document (a pixel tensor, token ids)
 */
public interface StagedEncoder<P> extends Encoder {

  /**
   * Prepares one document. Thread-safe; called concurrently from pipeline threads.
   *
   * @param document a document of this encoder's modality
   * @return the model input, such as pixels or token ids
   * @throws InvalidInputException naming the document if it cannot be used
   */
  P prepare(Document document);

  /**
   * Runs the model on prepared inputs; returns one unit-length vector per input, in order.
   *
   * @param prepared inputs made by {@link #prepare}, in any batch size
   * @return one unit-length vector per input, in input order
   */
  float[][] encodePrepared(List<P> prepared);

  @Override
  default float[][] encode(List<Document> documents) {
    List<P> prepared = new ArrayList<>(documents.size());
    for (Document document : documents) {
      prepared.add(prepare(document));
    }
    return encodePrepared(prepared);
  }
}
