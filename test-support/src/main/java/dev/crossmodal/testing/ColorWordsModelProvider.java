package dev.crossmodal.testing;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.model.ModelProvider;
import dev.crossmodal.core.model.ModelSpec;

/**
 * Makes {@link ColorWordsModel} loadable by name ({@code color-words}), so that command lines and
 * servers can be tested end to end without model files. This artifact registers it, so any test
 * with {@code crossmodal-test-support} on its class path can use {@code ModelSpec.of("color-words")}.
 *
 * <p>The option {@code delay_ms} makes every document take that long to encode, so that tests can
 * interrupt or kill a run part-way.
 */
public final class ColorWordsModelProvider implements ModelProvider {
  /**
   * The provider's name, as {@code --model color-words} and {@code ModelSpec.of("color-words")} give it.
   */
  public static final String NAME = "color-words";

  /** Called by {@link java.util.ServiceLoader}. */
  public ColorWordsModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CrossModalModel load(ModelSpec spec) {
    long delayMillis = Long.parseLong(spec.option("delay_ms").orElse("0"));
    return new ColorWordsModel(delayMillis);
  }
}
