package dev.crossmodal.clip;

import ai.djl.Device;

/** Child-process entry of {@link LongCommandLineStartupTest}: starts the engine, loads a model. */
final class StartOnnxEngineMain {
  private StartOnnxEngineMain() {}

  public static void main(String[] args) {
    OnnxSession.startEngine();
    try (OnnxSession session =
        new OnnxSession(Fixtures.hfTiny().resolve("onnx/text_model.onnx"), Device.cpu(), 1)) {
      System.out.println("started with inputs " + session.inputNames());
    }
  }
}
