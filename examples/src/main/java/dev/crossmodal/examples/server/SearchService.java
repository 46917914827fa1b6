package dev.crossmodal.examples.server;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.Match;
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

  /**
   * The {@code k} best documents of the {@code returns} content kind (empty: the other kind than
   * the query's, as {@link #search(Document, int)}) whose cosine is at least {@code minScore},
   * best first. A kind the workspace holds nothing of gives no matches.
   *
   * @throws dev.crossmodal.core.InvalidInputException if the query cannot be encoded
   */
  List<Match> search(Document query, int k, Optional<Modality.ContentKind> returns, double minScore);

  /** A stored document by id. */
  Optional<Document> document(String id);

  /** The identity of the model the vectors were made with. */
  String modelId();

  /**
   * The model's calibrated score of a text-image cosine, where the model defines one (SigLIP's
   * sigmoid of its scaled and shifted logit is a probability that the pair matches), shown next to
   * the cosine; empty for models such as CLIP whose cosines are only comparable with each other.
   */
  default Optional<dev.crossmodal.core.ScoreCalibration> scoreCalibration() {
    return Optional.empty();
  }

  /** The number of searchable documents of a modality. */
  long count(Modality modality);
}
