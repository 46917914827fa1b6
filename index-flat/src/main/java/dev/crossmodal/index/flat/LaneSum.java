package dev.crossmodal.index.flat;

/**
 * The one reduction order shared by all kernels. A vector unit's own horizontal add may combine
 * lanes in another order (and the JIT and the interpreter may differ), which would let two copies
 * of the same vector score a last-bit apart and break ties by id; summing pairwise in a fixed order
 * keeps scores reproducible.
 */
final class LaneSum {
  private LaneSum() {}

  /** ((p0+p1)+(p2+p3))+((p4+p5)+(p6+p7)) for eight lanes; overwrites {@code partial}. */
  static float pairwise(float[] partial) {
    int n = partial.length;
    for (int width = 1; width < n; width <<= 1) {
      for (int i = 0; i < n; i += width << 1) {
        partial[i] += partial[i + width];
      }
    }
    return partial[0];
  }
}
