package dev.crossmodal.index.flat;

/**
 * Per-vector symmetric int8 quantisation with a rigorous error bound, for the pre-selection pass
 * of an exact search. A unit vector {@code x} is stored as codes {@code c} (each in [-127, 127])
 * and a scale {@code s = max|x_i| / 127}, so that {@code s * c} approximates {@code x}; the margin
 * {@code m >= ||x - s * c||} is rounded up. For any query {@code q} of length at most one, the
 * Cauchy-Schwarz inequality gives {@code |q . x - s * (q . c)| <= m}: {@link #bound} adds to that
 * the rounding of both the approximate and the exact float computation, so the float score of
 * {@code x} lies within {@code bound} of its approximate score.
 */
final class Int8Quantizer {
  private static final double UNIT_ROUNDOFF = 0x1p-24;

  private Int8Quantizer() {}

  /**
   * Quantises {@code vector[offset..offset+dim)} into {@code codes[codesOffset..)}.
   *
   * @param scaleAndMargin receives the scale at index 0 and the margin at index 1
   */
  static void quantize(
      float[] vector, int offset, int dim, byte[] codes, int codesOffset, float[] scaleAndMargin) {
    float maxAbs = 0f;
    for (int i = 0; i < dim; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(vector[offset + i]));
    }
    float scale = maxAbs > 0 ? maxAbs / 127f : 1f;
    double error = 0;
    for (int i = 0; i < dim; i++) {
      float x = vector[offset + i];
      int code = (int) Math.max(-127, Math.min(127, Math.round(x / scale)));
      codes[codesOffset + i] = (byte) code;
      // s * c is exact in double (24 + 8 bits), so only the final sum rounds, by far less than
      // the relative 1e-9 added below.
      double e = (double) x - (double) scale * code;
      error += e * e;
    }
    scaleAndMargin[0] = scale;
    scaleAndMargin[1] = Math.nextUp((float) (Math.sqrt(error) * (1 + 1e-9)));
  }

  /**
   * The most the float score of a stored vector with {@code margin} can differ from its
   * approximate score computed in float from its codes (or, with margin 0, from its floats in
   * another order): the quantisation error {@code margin}, times a little for the query's own
   * rounded length, plus twice the worst-case rounding of a {@code dim}-term float dot product
   * ({@code dim} units in the last place of the sum of absolute products, at most {@code 1 +
   * margin} for unit vectors), doubled again for safety and for the adds that form the bounds.
   */
  static float slack(int dim) {
    return (float) (4.0 * (dim + 4) * UNIT_ROUNDOFF);
  }

  /** See {@link #slack}; {@code slack} is {@code slack(dim)}. */
  static float bound(float margin, float slack) {
    return margin * (1f + slack) + slack * (1f + margin);
  }
}
