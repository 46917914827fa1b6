package dev.crossmodal.examples.server;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.pipeline.Match;
import java.util.List;
import java.util.Optional;

/**
 * What the REST server needs from a search backend: cross-modal search, documents by id (to serve
 * indexed images) and a few facts for the health endpoint. Implementations are thread-safe: the
 * server calls them from many request threads at once.
 */
public interface SearchService {

  /**
   * The {@code k} best documents of the other modality (a text finds images, an image finds
   * captions), best first.
   *
   * @throws dev.crossmodal.core.InvalidInputException if the query cannot be encoded
   */
  List<Match> search(Document query, int k);

  /** A stored document by id. */
  Optional<Document> document(String id);

  /** The identity of the model the vectors were made with. */
  String modelId();

  /**
   * The model's calibrated score of a text-image cosine (SigLIP's sigmoid), shown next to the
   * cosine; empty by default.
   */
  default Optional<dev.crossmodal.core.ScoreCalibration> scoreCalibration() {
    return Optional.empty();
  }

  /** The number of searchable documents of a modality. */
  long count(Modality modality);
}
