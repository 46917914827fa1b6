package dev.crossmodal.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.image.PixelBatches;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named inputs of a CLIP-family ONNX graph ({@code input_ids}, {@code attention_mask}, {@code
 * token_type_ids}, {@code pixel_values}), built for one call and handed over in the order the
 * graph declares them. A graph with both towers (Chinese-CLIP's published {@code model.onnx}) is
 * given a one-row placeholder for the tower whose output is not read: the towers do not mix, so it
 * changes nothing.
 */
final class OnnxFeeds {
  static final Set<String> KNOWN =
      Set.of("input_ids", "attention_mask", "token_type_ids", "pixel_values");

  private final Map<String, NDArray> arrays = new LinkedHashMap<>();
  private final NDManager manager;

  OnnxFeeds(NDManager manager) {
    this.manager = manager;
  }

  /** Refuses a graph with an input this class cannot fill. */
  static void requireKnownInputs(Path file, List<String> inputNames) {
    for (String name : inputNames) {
      if (!KNOWN.contains(name)) {
        throw new InvalidModelException(
            file + " has an input '" + name + "' that a CLIP-family model does not have (inputs: "
                + inputNames + ")");
      }
    }
  }

  /**
   * Token rows: cut to the longest {@link TokenIds#length()} when {@code trim}, else passed at
   * their full padded length; the mask is 1 over each row's own ids, type ids are 0.
   */
  OnnxFeeds tokens(List<TokenIds> batch, boolean trim) {
    int rows = batch.size();
    int width = 0;
    for (TokenIds t : batch) {
      width = Math.max(width, trim ? t.length() : t.ids().length);
    }
    long[] ids = new long[rows * width];
    long[] mask = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      TokenIds t = batch.get(r);
      int n = Math.min(width, t.ids().length);
      for (int c = 0; c < n; c++) {
        ids[r * width + c] = t.ids()[c];
        mask[r * width + c] = c < t.length() ? 1 : 0;
      }
    }
    Shape shape = new Shape(rows, width);
    put("input_ids", manager.create(ids, shape));
    put("attention_mask", manager.create(mask, shape));
    put("token_type_ids", manager.create(new long[rows * width], shape));
    return this;
  }

  /**
   * A stacked pixel batch {@code [batch, 3, height, width]}, read in place: ONNX Runtime takes a
   * direct buffer as it is, where a float[] would be copied again into native memory. The lease
   * must stay open until the call is done.
   */
  OnnxFeeds pixels(PixelBatches.Lease batch) {
    put("pixel_values", manager.create(batch.floats(), new Shape(batch.shape())));
    return this;
  }

  private void put(String name, NDArray array) {
    array.setName(name);
    arrays.put(name, array);
  }

  /** The arrays the graph takes, in its order; the others are left to the manager to free. */
  NDList forGraph(List<String> inputNames) {
    NDList list = new NDList();
    for (String name : inputNames) {
      NDArray array = arrays.get(name);
      if (array == null) {
        throw new IllegalStateException("no value for graph input " + name);
      }
      list.add(array);
    }
    return list;
  }
}
