package dev.crossmodal.core;

import java.util.Optional;
import java.util.Set;

/**
 * A family of encoders that map their modalities into one shared vector space (CLIP's text and
 * image towers, VSE++'s GRU and CNN). A workspace is bound to one model identity: vectors of two
 * different models are never compared.
 *
 * <pre>{@code
 * try (CrossModalModel clip = ClipModel.builder().modelDir(dir).build()) {
 *   float[] query = clip.encoder(Modality.TEXT).encode(Document.text("q", "a red car"));
 * }
 * }</pre>
 */
public interface CrossModalModel extends AutoCloseable {

  /**
   * {@return a stable identity of the weights and pre-processing, such as {@code clip:openai/clip-vit-base-patch32}
   * or {@code vse:<sha256 of the weights>}; a workspace built with one identity refuses another}
   */
  String id();

  /**
   * {@return a digest of the weights, such as {@code sha256:} and 16 hex digits, that workspaces record
   * beside {@link #id()}; empty when the model cannot tell} It may read the weight files on the
   * first call.
   */
  default java.util.Optional<String> weightDigest() {
    return java.util.Optional.empty();
  }

  /** {@return the dimension shared by all encoders of this model} */
  int dimension();

  /** {@return the modalities this model can encode} */
  Set<Modality> modalities();

  /**
   * {@return the encoder for a modality} The model owns it: closing the model closes it.
   *
   * @param modality one of {@link #modalities()}
   * @throws IllegalArgumentException if the model has no encoder for that modality
   */
  Encoder encoder(Modality modality);

  /**
   * {@return the calibrated score of this model's text-image cosines, for models trained to have one
   * (SigLIP's sigmoid); empty for the others (CLIP's softmax scale only compares within one query)}
   */
  default Optional<ScoreCalibration> scoreCalibration() {
    return Optional.empty();
  }

  @Override
  void close();
}
