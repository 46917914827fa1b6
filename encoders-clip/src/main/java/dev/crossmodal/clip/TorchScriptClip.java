package dev.crossmodal.clip;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.image.PixelBatches;
import dev.crossmodal.image.PixelTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An openai/CLIP TorchScript archive ({@code ViT-B-32.pt} and friends) on DJL's PyTorch engine.
 * Both towers live in one module and are reached through its methods {@code encode_text} (int64
 * {@code [batch, 77]}, zero-padded) and {@code encode_image} (float32 {@code [batch, 3, size,
 * size]}); DJL's {@code forward} cannot call them, so this class uses {@link IValueUtils#runMethod}.
 */
final class TorchScriptClip implements TextTower {
  static final String ENGINE = "PyTorch";

  private final Path file;
  private final Model model;
  private final PtSymbolBlock block;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final PixelBatches pixelBatches = new PixelBatches(2);

  TorchScriptClip(Path file, Device device, int threads) {
    this.file = file;
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelException("TorchScript model file " + file + " is missing");
    }
    try {
      Engine.getEngine(ENGINE);
    } catch (RuntimeException e) {
      throw new InvalidModelException("DJL's PyTorch engine is not available: " + e.getMessage(), e);
    }
    if (threads > 0) {
      JniUtils.setNumThreads(threads);
    }
    Model m = Model.newInstance("clip", device, ENGINE);
    try {
      // mapLocation: archives traced on a GPU load onto the requested device.
      m.load(file, null, Map.of("mapLocation", "true"));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      m.close();
      throw new InvalidModelException(
          "cannot load TorchScript model " + file + ": " + e.getMessage(), e);
    }
    this.model = m;
    this.block = (PtSymbolBlock) m.getBlock();
    JniUtils.enableInferenceMode(block);
  }

  @Override
  public boolean acceptsTrimmedRows() {
    return false;
  }

  @Override
  public float[][] run(List<TokenIds> batch) {
    int rows = batch.size();
    int length = ClipTokenizer.CONTEXT_LENGTH;
    long[] ids = new long[rows * length];
    for (int r = 0; r < rows; r++) {
      int[] row = batch.get(r).ids();
      for (int c = 0; c < row.length; c++) {
        ids[r * length + c] = row[c];
      }
    }
    try (NDManager manager = model.getNDManager().newSubManager()) {
      PtNDArray input = (PtNDArray) manager.create(ids, new Shape(rows, length));
      return call("encode_text", input, rows, (PtNDManager) manager);
    }
  }

  /** Runs {@code encode_image}. */
  float[][] runImages(List<PixelTensor> batch) {
    // The tensor reads the lease's direct buffer in place; the manager frees it before the lease
    // is returned.
    try (PixelBatches.Lease pixels = pixelBatches.stack(batch);
        NDManager manager = model.getNDManager().newSubManager()) {
      PtNDArray input = (PtNDArray) manager.create(pixels.floats(), new Shape(pixels.shape()));
      return call("encode_image", input, batch.size(), (PtNDManager) manager);
    }
  }

  private float[][] call(String method, PtNDArray input, int rows, PtNDManager manager) {
    try (IValue in = IValue.from(input);
        IValue out = IValueUtils.runMethod(block, method, in)) {
      if (!out.isTensor()) {
        throw new InvalidModelException(file + ": method " + method + " did not return a tensor");
      }
      PtNDArray result = out.toTensor(manager);
      return Vectors.rows(result.toType(DataType.FLOAT32, false).toFloatArray(), rows);
    } catch (EngineException e) {
      throw new InvalidModelException(
          file + ": calling " + method + " failed (is this an openai/CLIP TorchScript archive?): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      model.close();
    }
  }

  /** The image side of the same module, as an {@link ImageTower}. */
  ImageTower images() {
    return new ImageTower() {
      @Override
      public float[][] run(List<PixelTensor> batch) {
        return runImages(batch);
      }

      @Override
      public void close() {
        TorchScriptClip.this.close();
      }
    };
  }
}
