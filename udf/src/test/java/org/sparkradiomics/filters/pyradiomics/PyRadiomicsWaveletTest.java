package org.sparkradiomics.filters.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.filters.BoundaryMode;
import org.sparkradiomics.filters.WaveletFilter;
import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics' wavelet: filter tables, Haar by hand, round trips against PyWavelets and the IBSI-2 WaveletFilter.
 *
 * <p>The PyWavelets references come from {@code /usr/bin/python3 swt.py NX NY NZ WAVELET LEVEL START [AXES]}
 * (PyWavelets 1.1.1, numpy 1.24), a transcription of PyRadiomics' {@code _swt3} / {@code getWaveletImage}:
 * <pre>
 * import numpy as np, pywt, sys
 * def swt3(m, w, level, start, ax=(2,1,0)):
 *     crop = tuple(slice(None, -1 if s % 2 else None) for s in m.shape)
 *     d = np.pad(m, tuple((0, s % 2) for s in m.shape), 'wrap')
 *     for i in range(start):
 *         d = pywt.swtn(d, w, level=1, start_level=0, axes=ax)[0]['a'*len(ax)]
 *     out = {}
 *     for idx in range(1, level + 1):
 *         dec = pywt.swtn(d, w, level=1, start_level=0, axes=ax)[0]; d = dec['a'*len(ax)]
 *         for k, v in dec.items():
 *             if k != 'a'*len(ax):
 *                 name = k.replace('a', 'L').replace('d', 'H')
 *                 out[('wavelet-' if idx == 1 else 'wavelet%d-' % idx) + name] = v[crop]
 *     out[('wavelet-' if level == 1 else 'wavelet%d-' % level) + 'L'*len(ax)] = d[crop]
 *     return out
 * nx, ny, nz = [int(v) for v in sys.argv[1:4]]
 * w, level, start = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
 * ax = tuple(int(c) for c in sys.argv[7]) if len(sys.argv) > 7 else (2,1,0)
 * a = np.fromfunction(lambda z, y, x: (3*x + 5*y*y + 7*z + x*y*z) % 13, (nz, ny, nx))
 * out = swt3(a, w, level, start, ax)
 * print(list(out.keys()))
 * pts = [(0,0,0), (nx-1, ny-1, nz-1), (1, 2, min(3, nz-1)), (nx-1, 0, 1)]
 * for k, v in out.items():
 *     print(k, [repr(float(v[z, y, x])) for (x, y, z) in pts])
 * </pre>
 */
class PyRadiomicsWaveletTest {

  private static int[][] points(int nx, int ny, int nz) {
    return new int[][] {{0, 0, 0}, {nx - 1, ny - 1, nz - 1}, {1, 2, Math.min(3, nz - 1)}, {nx - 1, 0, 1}};
  }

  private static void checkBand(Map<String, Volume> out, String name, double[] expected, int[][] pts) {
    Volume v = out.get(name);
    for (int i = 0; i < pts.length; i++) {
      Approx.close(expected[i], v.get(pts[i][0], pts[i][1], pts[i][2]), name + " at point " + i);
    }
  }

  @Test
  void everyFilterBankIsOrthonormal() {
    for (String name : Wavelets.names()) {
      double[] lo = Wavelets.decLo(name);
      double[] hi = Wavelets.decHi(name);
      double sum = 0;
      double sumHi = 0;
      for (int k = 0; k < lo.length; k++) {
        sum += lo[k];
        sumHi += hi[k];
      }
      assertEquals(Math.sqrt(2), sum, 1e-10, name + " sum");
      assertEquals(0, sumHi, 1e-10, name + " sum hi");
      for (int m = 0; 2 * m < lo.length; m++) {
        double dot = 0;
        double cross = 0;
        for (int k = 0; k + 2 * m < lo.length; k++) {
          dot += lo[k] * lo[k + 2 * m];
          cross += lo[k] * hi[k + 2 * m];
        }
        assertEquals(m == 0 ? 1.0 : 0.0, dot, 1e-10, name + " shift " + m);
        if (m == 0) {
          assertEquals(0, cross, 1e-10, name + " lo.hi");
        }
      }
    }
    assertEquals(25, Wavelets.names().size()); // haar + db1-10 + sym2-10 + coif1-5
    assertEquals(20, Wavelets.decLo("db10").length);
    assertEquals(30, Wavelets.decLo("coif5").length);
    assertThrows(IllegalArgumentException.class, () -> Wavelets.decLo("bior1.3"));
  }

  @Test
  void haarOnTwoCubedByHandShowsTheFirstLetterIsX() {
    // f = x on a 2x2x2 grid. One haar swt step on a periodic line of 2 (F = 2, centre 1):
    // lo = [(x0 + x1)/sqrt2, (x0 + x1)/sqrt2], hi = [(x0 - x1)/sqrt2, (x1 - x0)/sqrt2].
    // Along x: lo = 1/sqrt2, hi = [-1/sqrt2, 1/sqrt2]; along y and z the line is constant: lo multiplies by sqrt2,
    // hi gives 0. So LLL = sqrt2, HLL = [-sqrt2, sqrt2] along x, every other band 0.
    float[] d = {0, 1, 0, 1, 0, 1, 0, 1};
    Volume v = Volume.of(2, 2, 2, d, 1, 1, 1);
    Map<String, Volume> out = PyRadiomicsWavelet.apply(v, "haar", 0, 2, false, 0);
    assertEquals(List.of("wavelet-LLH", "wavelet-LHL", "wavelet-LHH", "wavelet-HLL", "wavelet-HLH", "wavelet-HHL",
        "wavelet-HHH", "wavelet2-LLH", "wavelet2-LHL", "wavelet2-LHH", "wavelet2-HLL", "wavelet2-HLH",
        "wavelet2-HHL", "wavelet2-HHH", "wavelet2-LLL"), List.copyOf(out.keySet()));
    double r2 = Math.sqrt(2);
    for (int i = 0; i < 8; i++) {
      int x = i % 2;
      Approx.close(x == 0 ? -r2 : r2, out.get("wavelet-HLL").data()[i], "HLL");
      Approx.close(0, out.get("wavelet-LLH").data()[i], "LLH");
      Approx.close(0, out.get("wavelet-HHH").data()[i], "HHH");
      // level 2 transforms the constant level-1 approximation sqrt2 with undilated filters: sqrt2 * sqrt2^3 = 4
      Approx.close(4, out.get("wavelet2-LLL").data()[i], "LLL2");
      Approx.close(0, out.get("wavelet2-HLL").data()[i], "HLL2");
    }
  }

  @Test
  void coif1TwoLevelsOnAnOddSizedVolumeMatchesPyWavelets() {
    // python3 swt.py 3 4 5 coif1 2 0 (odd x and z: PyRadiomics' wrap padding to 4x4x6, then crop)
    Map<String, Volume> out = PyRadiomicsWavelet.apply(Approx.pattern(3, 4, 5), "coif1", 0, 2, false, 0);
    int[][] p = points(3, 4, 5);
    assertEquals(15, out.size());
    checkBand(out, "wavelet-LLH", new double[] {-8.51416225272189, 1.2584029441682605, 0.69838867569547,
      -0.3390942013358959}, p);
    checkBand(out, "wavelet-HLL", new double[] {-1.04227459076471, 3.2206789084953065, -7.174217793871383,
      0.37063334436497164}, p);
    checkBand(out, "wavelet-HHH", new double[] {7.995249086049333, 0.2973184263191144, 4.093292214040395,
      -0.9733213339877624}, p);
    checkBand(out, "wavelet2-LHL", new double[] {-4.11431113144579, 2.029055528907532, 0.1716209785906902,
      0.9244143577894582}, p);
    checkBand(out, "wavelet2-HLH", new double[] {-1.7111998967191369, 0.35307207379290134, -0.7422270525292887,
      -0.21859716489660308}, p);
    checkBand(out, "wavelet2-LLL", new double[] {36.07386277513736, 58.53531546377995, 51.860604992813045,
      46.99790593503304}, p);
  }

  @Test
  void db2WithStartLevelOneMatchesPyWavelets() {
    // python3 swt.py 4 4 4 db2 1 1: one discarded level, then level 1 named wavelet-*
    Map<String, Volume> out = PyRadiomicsWavelet.apply(Approx.pattern(4, 4, 4), "db2", 1, 1, false, 0);
    int[][] p = points(4, 4, 4);
    assertEquals(8, out.size());
    checkBand(out, "wavelet-LHH", new double[] {3.047095048598811, 1.462539693413183, 2.160876803329364,
      -0.5035855221796448}, p);
    checkBand(out, "wavelet-HHL", new double[] {0.5299081268742452, 2.195352771688615, 0.42389860045508154,
      5.013601399544921}, p);
    checkBand(out, "wavelet-LLL", new double[] {39.77141679092209, 55.58080874625152, 47.72802518819162,
      47.88832238910177}, p);
  }

  @Test
  void force2DFiltersXAndYOnly() {
    // python3 swt.py 5 3 4 haar 1 0 21 (axes (2, 1) = x, y; PyRadiomics' force2D with force2Ddimension 0)
    Map<String, Volume> out = PyRadiomicsWavelet.apply(Approx.pattern(5, 3, 4), "haar", 0, 1, true, 0);
    assertEquals(List.of("wavelet-LH", "wavelet-HL", "wavelet-HH", "wavelet-LL"), List.copyOf(out.keySet()));
    int[][] p = points(5, 3, 4);
    checkBand(out, "wavelet-LH", new double[] {-5.0, -0.5, 3.0, -0.5}, p);
    checkBand(out, "wavelet-HL", new double[] {-3.0, 4.5, 7.0, -5.5}, p);
    checkBand(out, "wavelet-HH", new double[] {0.0, 5.5, -3.0, 4.5}, p);
    checkBand(out, "wavelet-LL", new double[] {8.0, 14.5, 15.0, 13.5}, p);
    int[] m = PyRadiomicsWavelet.margin("haar", 0, 1, true, 0);
    assertEquals(1, m[0]);
    assertEquals(1, m[1]);
    assertEquals(0, m[2]);
  }

  @Test
  void levelOneEqualsIbsiWaveletFilterWithPeriodicBoundary() {
    // On even sizes there is no padding, and level 1 is the same separable periodic convolution with the kernel
    // centre at floor(L/2) as the IBSI-2 filter (whose db2/coif1 tables differ from PyWavelets' by ~1e-12).
    Volume v = Approx.pattern(6, 4, 8);
    double[] in = new double[v.voxelCount()];
    for (int i = 0; i < in.length; i++) {
      in[i] = v.data()[i];
    }
    for (String w : new String[] {"haar", "db2", "db3", "coif1"}) {
      Map<String, Volume> out = PyRadiomicsWavelet.apply(v, w, 0, 1, false, 0);
      for (String band : new String[] {"LLH", "HLH", "HHL", "LLL"}) {
        double[] ref = new WaveletFilter(w, band, 1, BoundaryMode.PERIODIC, null).response(in, 6, 4, 8,
            v.spacing());
        float[] mine = out.get("wavelet-" + band).data();
        for (int i = 0; i < ref.length; i++) {
          Approx.close(ref[i], mine[i], w + " " + band + " voxel " + i);
        }
      }
    }
  }

  @Test
  void invalidSettingsAreTypedErrors() {
    Volume v = Approx.pattern(4, 4, 4);
    assertThrows(RadiomicsException.class, () -> PyRadiomicsWavelet.apply(v, "dmey", 0, 1, false, 0));
    assertThrows(RadiomicsException.class, () -> PyRadiomicsWavelet.apply(v, "haar", 0, 0, false, 0));
    assertThrows(RadiomicsException.class, () -> PyRadiomicsWavelet.apply(v, "haar", 0, 1, true, 3));
  }
}
