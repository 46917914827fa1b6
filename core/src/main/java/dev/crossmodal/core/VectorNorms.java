package dev.crossmodal.core;

/**
 * L2 normalisation, the one place where the library scales vectors to unit length: encoders
 * normalise model outputs with {@link #normalizeRows}, indexes check and normalise incoming vectors
 * with {@link #checkedUnit}.
 *
 * <p>Every method uses the same arithmetic (squares summed in double, each component scaled in
 * double and rounded once to float), so a vector normalised by an encoder and again by an index
 * gets the same bits wherever it goes.
 *
 * <pre>{@code
 * float[][] rows = VectorNorms.normalizeRows(modelOutput);            // in place
 * float[] unit = VectorNorms.checkedUnit("vector for id 'a'", v, 512); // checked copy
 * }</pre>
 */
public final class VectorNorms {
  private VectorNorms() {}

  /**
   * Scales {@code vector} to unit length in place and returns it. An all-zero vector has no
   * direction and is left as it is; use {@link #checkedUnit} where that must be an error.
   *
   * @param vector the vector, changed in place
   * @return {@code vector}
   */
  public static float[] normalize(float[] vector) {
    double sumOfSquares = sumOfSquares(vector);
    if (sumOfSquares > 0) {
      scaleInto(vector, 1.0 / Math.sqrt(sumOfSquares), vector, 0);
    }
    return vector;
  }

  /**
   * {@return a unit-length copy of {@code vector}; the input is untouched} See {@link #normalize}.
   *
   * @param vector the vector
   */
  public static float[] normalized(float[] vector) {
    return normalize(vector.clone());
  }

  /**
   * Normalises every row in place (see {@link #normalize}) and returns {@code rows}.
   *
   * @param rows the vectors, changed in place
   * @return {@code rows}
   */
  public static float[][] normalizeRows(float[][] rows) {
    for (float[] row : rows) {
      normalize(row);
    }
    return rows;
  }

  /**
   * Checks a vector given to the library and returns a unit-length copy.
   *
   * @param vector the vector to check
   * @param dimension the number of components it must have
   * @return a unit-length copy
   * @param what names the vector in error messages, such as {@code vector for id 'a'}
   * @throws InvalidInputException if the vector is null, of another dimension than {@code
   *     dimension}, or has a NaN, infinite or all-zero value
   */
  public static float[] checkedUnit(String what, float[] vector, int dimension) {
    float[] unit = new float[dimension];
    checkedUnitInto(what, vector, dimension, unit, 0);
    return unit;
  }

  /**
   * As {@link #checkedUnit}, but writes the unit vector into {@code target} at {@code offset}, for
   * callers that pack many vectors into one array.
   *
   * @param what names the vector in error messages
   * @param vector the vector to check
   * @param dimension the number of components it must have
   * @param target receives the unit vector
   * @param offset where in {@code target} it starts
   */
  public static void checkedUnitInto(
      String what, float[] vector, int dimension, float[] target, int offset) {
    scaleInto(vector, checkedInverseNorm(what, vector, dimension), target, offset);
  }

  /**
   * Checks a vector as {@link #checkedUnit} does and returns the factor that scales it to unit
   * length, for callers that copy it elsewhere later (an index that scales while it stores).
   *
   * @param what names the vector in error messages
   * @param vector the vector to check
   * @param dimension the number of components it must have
   * @return the reciprocal of the vector's length
   */
  public static double checkedInverseNorm(String what, float[] vector, int dimension) {
    if (vector == null) {
      throw new InvalidInputException(what + " is null");
    }
    if (vector.length != dimension) {
      throw new InvalidInputException(
          what + " has dimension " + vector.length + " but the index has dimension " + dimension);
    }
    // One pass checks and sums: this runs on every vector an index receives.
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
    return 1.0 / Math.sqrt(sumOfSquares);
  }

  // Squares summed in double cannot overflow for finite floats and lose no precision that would
  // matter for the float result.
  private static double sumOfSquares(float[] vector) {
    double sum = 0;
    for (float x : vector) {
      sum += (double) x * x;
    }
    return sum;
  }

  /**
   * {@return cosine similarity of two vectors of any length, in double precision: how parity with a
   * reference embedding is judged}
   *
   * @param a a vector
   * @param b a vector of the same length
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors of length " + a.length + " and " + b.length);
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  /**
   * Writes {@code vector[i] * scale}, rounded once to float, to {@code target} from {@code offset}.
   *
   * @param vector the vector
   * @param scale the factor, in double precision
   * @param target receives the scaled components
   * @param offset where in {@code target} they start
   */
  public static void scaleInto(float[] vector, double scale, float[] target, int offset) {
    for (int i = 0; i < vector.length; i++) {
      target[offset + i] = (float) (vector[i] * scale);
    }
  }
}
