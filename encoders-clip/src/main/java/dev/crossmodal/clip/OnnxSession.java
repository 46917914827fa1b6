package dev.crossmodal.clip;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.model.NativeStartup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One ONNX file on DJL's ONNX Runtime engine, run with named inputs and read by output name.
 * ONNX Runtime sessions may be run from several threads at once, so this class is thread-safe.
 */
final class OnnxSession implements AutoCloseable {
  static final String ENGINE = "OnnxRuntime";

  private final Path file;
  private final Model model;
  private final List<String> inputNames;

  OnnxSession(Path file, Device device, int threads) {
    this.file = file;
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelException("ONNX model file " + file + " is missing");
    }
    startEngine();
    String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
    Model m = Model.newInstance(name, device, ENGINE);
    // The session copies its options when it is created, so they can be closed right after.
    try (SessionOptions options = sessionOptions(threads)) {
      m.load(file, null, Map.of("sessionOptions", options));
    } catch (IOException | MalformedModelException | OrtException | RuntimeException e) {
      m.close();
      throw new InvalidModelException("cannot load ONNX model " + file + ": " + e.getMessage(), e);
    }
    this.model = m;
    List<String> names = new ArrayList<>();
    model.getBlock().describeInput().keys().forEach(names::add);
    this.inputNames = List.copyOf(names);
  }

  /**
   * How every CLIP session runs: all graph optimisations (operator fusion, constant folding),
   * operators one after another ({@code inter_op} 1: a transformer is a chain, there is nothing to
   * run beside it), {@code threads} threads inside each operator (0: one per physical core),
   * ONNX Runtime's memory arena and memory-pattern planning, so that a batch of the same shape
   * reuses the previous batch's buffers.
   */
  static SessionOptions sessionOptions(int threads) throws OrtException {
    SessionOptions options = new SessionOptions();
    options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
    options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setInterOpNumThreads(1);
    if (threads > 0) {
      options.setIntraOpNumThreads(threads);
    }
    options.setCPUArenaAllocator(true);
    options.setMemoryPatternOptimization(true);
    return options;
  }

  /**
   * Starts DJL's ONNX Runtime engine. It must come first: if anything creates an {@code
   * OrtEnvironment} before DJL does, the engine fails to start. It starts on a thread of its own,
   * see {@link NativeStartup} for why.
   */
  static void startEngine() {
    try {
      NativeStartup.once("DJL's ONNX Runtime engine", () -> Engine.getEngine(ENGINE));
    } catch (RuntimeException e) {
      throw new InvalidModelException("DJL's ONNX Runtime engine is not available: " + e.getMessage(), e);
    }
  }

  List<String> inputNames() {
    return inputNames;
  }

  Path file() {
    return file;
  }

  /**
   * Runs the model. {@code inputs} creates the named input arrays in a manager that is closed
   * after the call; the named output is returned as rows of floats.
   */
  float[][] run(Function<NDManager, NDList> inputs, String outputName, int rows) {
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDList in = inputs.apply(manager);
      NDList out = model.getBlock().forward(new ParameterStore(manager, false), in, false);
      NDArray result = out.get(outputName);
      if (result == null) {
        List<String> names = new ArrayList<>();
        out.forEach(a -> names.add(a.getName()));
        throw new InvalidModelException(
            "ONNX model " + file + " has no output '" + outputName + "' (outputs: " + names + ")");
      }
      return Vectors.rows(result.toFloatArray(), rows);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
