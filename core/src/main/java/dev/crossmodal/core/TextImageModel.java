package dev.crossmodal.core;

import java.util.Set;

/**
 * Base of the common kind of model: one text encoder and one image encoder mapping into a shared
 * space (CLIP's two towers, VSE++'s GRU and CNN). Subclasses supply the two encoders; the
 * modality dispatch lives here once.
 *
 * <pre>{@code
 * final class MyModel extends TextImageModel {
 *   public Encoder textEncoder() { return text; }
 *   public Encoder imageEncoder() { return image; }
 *   ...
 * }
 * }</pre>
 */
public abstract class TextImageModel implements CrossModalModel {
  /** For subclasses, which provide the two encoders. */
  protected TextImageModel() {}


  /** {@return the encoder of {@link Modality#TEXT} documents} */
  public abstract Encoder textEncoder();

  /** {@return the encoder of {@link Modality#IMAGE} documents} */
  public abstract Encoder imageEncoder();

  @Override
  public final Set<Modality> modalities() {
    return Set.of(Modality.TEXT, Modality.IMAGE);
  }

  @Override
  public final Encoder encoder(Modality modality) {
    if (Modality.TEXT.equals(modality)) {
      return textEncoder();
    }
    if (Modality.IMAGE.equals(modality)) {
      return imageEncoder();
    }
    throw new IllegalArgumentException(
        getClass().getSimpleName() + " encodes text and images, not " + modality);
  }
}
