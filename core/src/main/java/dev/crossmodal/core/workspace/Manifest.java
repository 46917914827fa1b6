package dev.crossmodal.core.workspace;

import dev.crossmodal.core.Modality;
import dev.crossmodal.core.model.ModelSpec;
import java.util.List;
import java.util.Map;

/**
 * What a workspace holds and how it was built: read first on every open, so that a workspace of
 * another model, dimension or format version is refused before anything else is read.
 *
 * @param formatVersion the workspace layout version
 * @param modelId the identity of the model whose vectors the indexes hold
 * @param modelSpec how to load that model again (provider, variant, model directory)
 * @param dimension the vector dimension
 * @param indexType the {@link dev.crossmodal.core.VectorIndexFactory#name()} of the indexes
 * @param modalities the modalities with an index, in order
 * @param counts documents per modality name, as of the last commit
 * @param modelDigest the model's {@link dev.crossmodal.core.CrossModalModel#weightDigest()}, or
 *     {@code null} if it gave none
 */
public record Manifest(
    int formatVersion,
    String modelId,
    ModelSpec modelSpec,
    int dimension,
    String indexType,
    List<Modality> modalities,
    Map<String, Long> counts,
    String modelDigest) {
  /**
   * A manifest without a weight digest.
   *
   * @param formatVersion the workspace format version
   * @param modelId the model's identity
   * @param modelSpec how to load the model again
   * @param dimension the vector dimension
   * @param indexType the name of the index provider
   * @param modalities the modalities with an index
   * @param counts documents per modality name as of the last commit
   */
  public Manifest(int formatVersion, String modelId, ModelSpec modelSpec, int dimension,
      String indexType, List<Modality> modalities, Map<String, Long> counts) {
    this(formatVersion, modelId, modelSpec, dimension, indexType, modalities, counts, null);
  }

  /** Copies the collections, so a manifest never changes. */
  public Manifest {
    modalities = List.copyOf(modalities);
    counts = Map.copyOf(counts);
  }

  /**
   * {@return the number of documents of a modality as of the last commit}
   *
   * @param modality the modality counted
   */
  public long count(Modality modality) {
    return counts.getOrDefault(modality.name(), 0L);
  }

  Manifest withCounts(Map<String, Long> newCounts) {
    return new Manifest(
        formatVersion, modelId, modelSpec, dimension, indexType, modalities, newCounts, modelDigest);
  }
}
