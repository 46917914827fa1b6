package dev.crossmodal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VectorNormsTest {

  @Test
  void normalizeScalesInPlaceToUnitLength() {
    float[] v = {3, 4};
    float[] result = VectorNorms.normalize(v);
    assertThat(result).isSameAs(v).containsExactly(0.6f, 0.8f);
  }

  @Test
  void normalizeLeavesAZeroVectorAlone() {
    assertThat(VectorNorms.normalize(new float[] {0, 0, 0})).containsExactly(0, 0, 0);
  }

  @Test
  void normalizedReturnsACopyAndKeepsTheInput() {
    float[] v = {0, 2};
    assertThat(VectorNorms.normalized(v)).containsExactly(0, 1);
    assertThat(v).containsExactly(0, 2);
  }

  @Test
  void normalizeRowsNormalisesEveryRowInPlace() {
    float[][] rows = {{3, 4}, {0, -5}, {0, 0}};
    assertThat(VectorNorms.normalizeRows(rows)).isSameAs(rows);
    assertThat(rows[0]).containsExactly(0.6f, 0.8f);
    assertThat(rows[1]).containsExactly(0, -1);
    assertThat(rows[2]).containsExactly(0, 0);
  }

  @Test
  void normalisationRoundsEachComponentOnceFromDouble() {
    float[] v = {0.1f, 0.2f, 0.3f, 1e-3f, 7f};
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    double scale = 1 / Math.sqrt(norm);
    float[] expected = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      expected[i] = (float) (v[i] * scale);
    }
    assertThat(VectorNorms.normalized(v)).containsExactly(expected);
    assertThat(VectorNorms.checkedUnit("v", v, v.length)).containsExactly(expected);
  }

  @Test
  void hugeFiniteComponentsDoNotOverflow() {
    float[] unit = VectorNorms.checkedUnit("v", new float[] {Float.MAX_VALUE, Float.MAX_VALUE}, 2);
    assertThat(unit[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-7f));
    assertThat(unit[1]).isEqualTo(unit[0]);
  }

  @Test
  void checkedUnitReturnsAUnitCopy() {
    float[] v = {3, 4};
    assertThat(VectorNorms.checkedUnit("v", v, 2)).containsExactly(0.6f, 0.8f);
    assertThat(v).containsExactly(3, 4);
  }

  @Test
  void checkedUnitIntoWritesAtTheOffset() {
    float[] target = {9, 9, 9, 9};
    VectorNorms.checkedUnitInto("v", new float[] {0, 3}, 2, target, 1);
    assertThat(target).containsExactly(9, 0, 1, 9);
  }

  @Test
  void checkedUnitRefusesANullVector() {
    assertThatThrownBy(() -> VectorNorms.checkedUnit("vector for id 'a'", null, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("vector for id 'a' is null");
  }

  @Test
  void checkedUnitRefusesAnotherDimension() {
    assertThatThrownBy(() -> VectorNorms.checkedUnit("vector for id 'a'", new float[] {1, 2, 3}, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("vector for id 'a' has dimension 3 but the index has dimension 2");
  }

  @Test
  void checkedUnitRefusesNaN() {
    assertThatThrownBy(() -> VectorNorms.checkedUnit("query vector", new float[] {1, Float.NaN}, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("query vector has a non-finite value NaN at position 1");
  }

  @Test
  void checkedUnitRefusesInfinity() {
    assertThatThrownBy(
            () -> VectorNorms.checkedUnit("q", new float[] {Float.NEGATIVE_INFINITY, 1}, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("-Infinity")
        .hasMessageContaining("position 0");
  }

  @Test
  void checkedUnitRefusesAZeroVector() {
    assertThatThrownBy(() -> VectorNorms.checkedUnit("q", new float[] {0, -0f}, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("q is all zeros and has no direction");
  }

  @Test
  void checkedUnitIntoLeavesTheTargetUntouchedOnError() {
    float[] target = {9, 9};
    assertThatThrownBy(
            () -> VectorNorms.checkedUnitInto("q", new float[] {1, Float.NaN}, 2, target, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThat(target).containsExactly(9, 9);
  }

  @Test
  void cosineIgnoresLengthAndMeasuresTheAngle() {
    assertThat(VectorNorms.cosine(new float[] {2, 0}, new float[] {0.5f, 0.5f}))
        .isCloseTo(Math.sqrt(0.5), within(1e-12));
    assertThat(VectorNorms.cosine(new float[] {1, 2, 3}, new float[] {-2, -4, -6}))
        .isCloseTo(-1, within(1e-12));
  }

  @Test
  void cosineOfVectorsOfDifferentLengthsIsRefused() {
    assertThatThrownBy(() -> VectorNorms.cosine(new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 2 and 3");
  }
}
