package org.sparkradiomics.filters.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Volume;

/** Square, square root, logarithm and exponential on x = [-4, -1, 0, 1, 2, 4] (M = max|x| = 4), by hand. */
class PyRadiomicsIntensityTest {
  private static final Volume X = Volume.of(6, 1, 1, new float[] {-4, -1, 0, 1, 2, 4}, 1, 1, 1);

  private static void check(double[] expected, Volume v, String what) {
    for (int i = 0; i < expected.length; i++) {
      Approx.close(expected[i], v.data()[i], what + "[" + i + "]");
    }
  }

  @Test
  void maxAbsIsOverTheWholeImage() {
    assertEquals(4.0, PyRadiomicsIntensity.maxAbs(X));
  }

  @Test
  void squareIsNonNegativeAndRescaledByM() {
    // (x / sqrt(4))^2 = x^2 / 4
    check(new double[] {4, 0.25, 0, 0.25, 1, 4}, PyRadiomicsIntensity.square(X, 4), "square");
  }

  @Test
  void squareRootKeepsTheSign() {
    // sign(x) sqrt(4 |x|)
    check(new double[] {-4, -2, 0, 2, 2 * Math.sqrt(2), 4}, PyRadiomicsIntensity.squareRoot(X, 4), "squareroot");
  }

  @Test
  void logarithmKeepsTheSignAndTheRange() {
    // sign(x) log(|x| + 1) * 4 / log(5)
    double c = 4 / Math.log(5);
    check(new double[] {-4, -c * Math.log(2), 0, c * Math.log(2), c * Math.log(3), 4},
        PyRadiomicsIntensity.logarithm(X, 4), "logarithm");
  }

  @Test
  void exponentialMapsMToM() {
    // exp(x log(4) / 4) = 4^(x/4)
    check(new double[] {0.25, Math.pow(4, -0.25), 1, Math.pow(4, 0.25), 2, 4},
        PyRadiomicsIntensity.apply(PyRadiomicsImageType.EXPONENTIAL, X, 4), "exponential");
  }

  @Test
  void allZeroImageIsAnErrorWherePyRadiomicsGivesNan() {
    Volume zero = Volume.of(2, 1, 1, new float[2], 1, 1, 1);
    for (PyRadiomicsImageType t : new PyRadiomicsImageType[] {
      PyRadiomicsImageType.SQUARE, PyRadiomicsImageType.LOGARITHM, PyRadiomicsImageType.EXPONENTIAL}) {
      RadiomicsException e = assertThrows(RadiomicsException.class, () -> PyRadiomicsIntensity.apply(t, zero, 0));
      assertEquals(ErrorKind.INVALID_SETTINGS, e.kind());
    }
    Volume r = PyRadiomicsIntensity.squareRoot(zero, 0);
    assertEquals(0f, r.data()[0]);
    assertEquals(0f, r.data()[1]);
    assertThrows(IllegalArgumentException.class,
        () -> PyRadiomicsIntensity.apply(PyRadiomicsImageType.GRADIENT, X, 4));
  }
}
