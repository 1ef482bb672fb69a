package org.sparkradiomics.filters.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Column prefixes as PyRadiomics writes them (Python str() of the sigma, wavelet level index rules). */
class PyRadiomicsImageTypeTest {

  @Test
  void logPrefixUsesPythonStrOfTheSigma() {
    // Python: 'log-sigma-%s-mm-3D' % str(s).replace('.', '-')
    assertEquals("log-sigma-1-0-mm-3D", PyRadiomicsImageType.logPrefix(1.0));
    assertEquals("log-sigma-2-5-mm-3D", PyRadiomicsImageType.logPrefix(2.5));
    assertEquals("log-sigma-0-5-mm-3D", PyRadiomicsImageType.logPrefix(0.5));
    assertEquals("log-sigma-3-0-mm-3D", PyRadiomicsImageType.logPrefix(3.0));
    // a YAML integer stays a Python int: str(3) == '3'
    assertEquals("log-sigma-3-mm-3D", PyRadiomicsImageType.logPrefix(3));
  }

  @Test
  void pythonStrOfFloatsMatchesPythonRepr() {
    // values of Python 3: str(1e-05), str(1.5e16), str(0.0001), str(123456.789), str(0.1 + 0.2), str(-2.0), str(1e16)
    assertEquals("1e-05", PyRadiomicsImageType.pythonStr(1e-5));
    assertEquals("1.5e+16", PyRadiomicsImageType.pythonStr(1.5e16));
    assertEquals("0.0001", PyRadiomicsImageType.pythonStr(0.0001));
    assertEquals("123456.789", PyRadiomicsImageType.pythonStr(123456.789));
    assertEquals("0.30000000000000004", PyRadiomicsImageType.pythonStr(0.1 + 0.2));
    assertEquals("-2.0", PyRadiomicsImageType.pythonStr(-2.0));
    assertEquals("1e+16", PyRadiomicsImageType.pythonStr(1e16));
    assertEquals("1000000000000000.0", PyRadiomicsImageType.pythonStr(1e15));
  }

  @Test
  void waveletPrefixesCountComputedLevelsFromOne() {
    assertEquals("wavelet-LLH", PyRadiomicsImageType.waveletPrefix(1, "LLH"));
    assertEquals("wavelet2-HHH", PyRadiomicsImageType.waveletPrefix(2, "HHH"));
    assertEquals("wavelet-LLL", PyRadiomicsImageType.waveletApproximationPrefix(1, 3));
    assertEquals("wavelet3-LL", PyRadiomicsImageType.waveletApproximationPrefix(3, 2));
    assertThrows(IllegalArgumentException.class, () -> PyRadiomicsImageType.waveletPrefix(0, "LLH"));
  }

  @Test
  void singleImagePrefixesAndSettingsKeys() {
    assertEquals("original", PyRadiomicsImageType.ORIGINAL.prefix());
    assertEquals("squareroot", PyRadiomicsImageType.SQUARE_ROOT.prefix());
    assertEquals("lbp-2D", PyRadiomicsImageType.LBP2D.prefix());
    assertEquals("gradient", PyRadiomicsImageType.GRADIENT.prefix());
    assertArrayEquals(new String[] {"lbp-3D-m1", "lbp-3D-m2", "lbp-3D-k"}, PyRadiomicsImageType.lbp3dPrefixes(2));
    assertEquals(PyRadiomicsImageType.SQUARE_ROOT, PyRadiomicsImageType.fromSettingsKey("SquareRoot"));
    assertEquals(PyRadiomicsImageType.LOG, PyRadiomicsImageType.fromSettingsKey("LoG"));
    assertThrows(IllegalArgumentException.class, () -> PyRadiomicsImageType.fromSettingsKey("log"));
    assertThrows(IllegalStateException.class, PyRadiomicsImageType.WAVELET::prefix);
  }
}
