package dev.crossmodal.clip;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.testing.CrossModalModelContract;
import org.junit.jupiter.api.AfterAll;

/** The tiny CLIP in the Hugging Face ONNX layout keeps the model contract. */
class ClipModelContractTest extends CrossModalModelContract {
  private static final CrossModalModel MODEL = ClipModel.builder().modelDir(Fixtures.hfTiny()).build();

  @Override
  protected CrossModalModel model() {
    return MODEL;
  }

  @AfterAll
  static void close() {
    MODEL.close();
  }
}
