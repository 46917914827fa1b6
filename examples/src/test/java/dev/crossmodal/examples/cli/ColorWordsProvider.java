package dev.crossmodal.examples.cli;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.model.ModelProvider;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.testing.ColorWordsModel;

/** Lets CLI tests say {@code --model test-colors} and get the model-free {@link ColorWordsModel}. */
public final class ColorWordsProvider implements ModelProvider {
  @Override
  public String name() {
    return "test-colors";
  }

  @Override
  public CrossModalModel load(ModelSpec spec) {
    return new ColorWordsModel();
  }
}
