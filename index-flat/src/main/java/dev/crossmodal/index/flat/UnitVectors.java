package dev.crossmodal.index.flat;

import dev.crossmodal.core.InvalidInputException;

/** Checks a vector and scales it to length one, so that inner products are cosines. */
final class UnitVectors {
  private UnitVectors() {}

  /**
   * Copies {@code vector} scaled to unit length into {@code target} at {@code offset}.
   *
   * @param what names the vector in error messages, such as {@code vector for id 'a'}
   * @throws InvalidInputException if the vector is null, of another dimension than {@code
   *     dimension}, or has a NaN, infinite or all-zero value
   */
  static void normalizeInto(
      float[] vector, int dimension, String what, float[] target, int offset) {
    if (vector == null) {
      throw new InvalidInputException(what + " is null");
    }
    if (vector.length != dimension) {
      throw new InvalidInputException(
          what + " has dimension " + vector.length + " but the index has dimension " + dimension);
    }
    // Summing squares in double cannot overflow for finite floats and loses no precision that
    // would matter for the float result.
    double sumOfSquares = 0;
    for (int i = 0; i < vector.length; i++) {
      float x = vector[i];
      if (!Float.isFinite(x)) {
        throw new InvalidInputException(what + " has a non-finite value " + x + " at position " + i);
      }
      sumOfSquares += (double) x * x;
    }
    if (sumOfSquares == 0) {
      throw new InvalidInputException(what + " is all zeros and has no direction");
    }
    double scale = 1.0 / Math.sqrt(sumOfSquares);
    for (int i = 0; i < vector.length; i++) {
      target[offset + i] = (float) (vector[i] * scale);
    }
  }

  static float[] normalized(float[] vector, int dimension, String what) {
    float[] copy = new float[dimension];
    normalizeInto(vector, dimension, what, copy, 0);
    return copy;
  }
}
