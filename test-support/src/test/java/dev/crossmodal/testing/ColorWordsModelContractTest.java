package dev.crossmodal.testing;

import dev.crossmodal.core.CrossModalModel;

class ColorWordsModelContractTest extends CrossModalModelContract {
  private static final CrossModalModel MODEL = new ColorWordsModel();

  @Override
  protected CrossModalModel model() {
    return MODEL;
  }
}
