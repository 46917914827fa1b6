package dev.crossmodal.vse;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.model.NativeStartup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX graph of an encoder, loaded on DJL's ONNX Runtime engine, whose output named {@code
 * embeddings} holds one vector per input row. Thread-safe: each call gets its own predictor and
 * native memory scope, and ONNX Runtime sessions may run concurrently.
 */
final class OnnxEncoderSession implements AutoCloseable {
  static final String ENGINE = "OnnxRuntime";
  static final String OUTPUT = "embeddings";

  private static final Logger LOG = LoggerFactory.getLogger(OnnxEncoderSession.class);

  private final Path file;
  private final Model model;
  private final EmbeddingTranslator translator = new EmbeddingTranslator();
  private volatile boolean closed;

  private OnnxEncoderSession(Path file, Model model) {
    this.file = file;
    this.model = model;
  }

  /**
   * Loads a graph and checks that it takes exactly the named inputs.
   *
   * @param threads ONNX Runtime's intra-op thread count, or 0 for its default
   * @throws InvalidModelException naming the file if it cannot be loaded or has other inputs
   */
  static OnnxEncoderSession load(Path file, List<String> inputNames, int threads) {
    startEngine();
    Model model = Model.newInstance(file.getFileName().toString(), Device.cpu(), ENGINE);
    try {
      Map<String, String> options = new HashMap<>();
      if (threads > 0) {
        // DJL's OrtModel reads the intra-op count only when the inter-op count is set as well.
        options.put("interOpNumThreads", "1");
        options.put("intraOpNumThreads", Integer.toString(threads));
      }
      model.load(file, null, options);
      List<String> actual = model.describeInput().keys();
      if (!actual.containsAll(inputNames) || actual.size() != inputNames.size()) {
        throw new InvalidModelException(
            "ONNX model " + file + " has inputs " + actual + ", expected " + inputNames);
      }
      LOG.debug("loaded {} with inputs {}", file, actual);
      return new OnnxEncoderSession(file, model);
    } catch (IOException | MalformedModelException | EngineException e) {
      model.close();
      throw new InvalidModelException("cannot load ONNX model " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * Starts DJL's ONNX Runtime engine before anything touches ONNX Runtime: DJL fails to start if
   * an {@code OrtEnvironment} was created before it. It starts on a thread of its own, see {@link
   * NativeStartup} for why.
   */
  private static void startEngine() {
    try {
      NativeStartup.once("DJL's ONNX Runtime engine", () -> Engine.getEngine(ENGINE));
    } catch (RuntimeException e) {
      throw new InvalidModelException(
          "DJL's ONNX Runtime engine is not available (ai.djl.onnxruntime:onnxruntime-engine on"
              + " the class path?): " + e.getMessage(),
          e);
    }
  }

  /**
   * Runs the graph on inputs that {@code inputs} creates in a scope closed after the call, and
   * returns the rows of {@code embeddings} (the encoders normalise them, see {@link
   * dev.crossmodal.core.BatchingEncoder}).
   *
   * @param what names the batch in error messages
   */
  float[][] run(Function<NDManager, NDList> inputs, String what) {
    if (closed) {
      throw new IllegalStateException("encoder for " + file + " is closed");
    }
    try (Predictor<Function<NDManager, NDList>, float[][]> predictor =
        model.newPredictor(translator)) {
      return predictor.predict(inputs);
    } catch (TranslateException | EngineException e) {
      throw new InvalidInputException(
          "ONNX model " + file + " failed on " + what + ": " + e.getMessage(), e);
    }
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }

  private static final class EmbeddingTranslator
      implements NoBatchifyTranslator<Function<NDManager, NDList>, float[][]> {
    @Override
    public NDList processInput(TranslatorContext ctx, Function<NDManager, NDList> input) {
      return input.apply(ctx.getNDManager());
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
      NDArray embeddings = list.get(OUTPUT);
      if (embeddings == null) {
        throw new InvalidModelException(
            "ONNX model has no output named '" + OUTPUT + "' (outputs: " + names(list) + ")");
      }
      long[] shape = embeddings.getShape().getShape();
      if (shape.length != 2) {
        throw new InvalidModelException(
            "ONNX model output '" + OUTPUT + "' must be [batch, dim], got " + embeddings.getShape());
      }
      float[] flat = embeddings.toFloatArray();
      int rows = (int) shape[0];
      int dim = (int) shape[1];
      float[][] vectors = new float[rows][];
      for (int r = 0; r < rows; r++) {
        float[] row = new float[dim];
        System.arraycopy(flat, r * dim, row, 0, dim);
        vectors[r] = row;
      }
      return vectors;
    }

    private static String names(NDList list) {
      return list.stream().map(NDArray::getName).toList().toString();
    }
  }
}
