package dev.crossmodal.clip;

/** Reshaping of flat model outputs. */
final class Vectors {
  private Vectors() {}

  /** Splits a flat {@code [rows, dim]} buffer into rows. */
  static float[][] rows(float[] flat, int rows) {
    int dim = flat.length / rows;
    float[][] out = new float[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = java.util.Arrays.copyOfRange(flat, r * dim, (r + 1) * dim);
    }
    return out;
  }
}
