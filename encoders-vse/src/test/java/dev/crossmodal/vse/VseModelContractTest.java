package dev.crossmodal.vse;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.testing.CrossModalModelContract;
import org.junit.jupiter.api.AfterAll;

/** The tiny VSE++ keeps the model contract. */
class VseModelContractTest extends CrossModalModelContract {
  private static final CrossModalModel MODEL = VseModel.builder().modelDir(TinyModelFixture.dir()).build();

  @Override
  protected CrossModalModel model() {
    return MODEL;
  }

  @AfterAll
  static void close() {
    MODEL.close();
  }
}
