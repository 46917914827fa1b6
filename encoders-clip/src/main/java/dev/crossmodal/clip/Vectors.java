package dev.crossmodal.clip;

/** L2 normalisation of model outputs, in place. */
final class Vectors {
  private Vectors() {}

  static float[][] normalizeRows(float[][] rows) {
    for (float[] row : rows) {
      double sum = 0;
      for (float v : row) {
        sum += (double) v * v;
      }
      if (sum > 0) {
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < row.length; i++) {
          row[i] *= inv;
        }
      }
    }
    return rows;
  }

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
