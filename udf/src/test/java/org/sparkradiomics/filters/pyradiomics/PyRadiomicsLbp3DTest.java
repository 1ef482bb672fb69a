package org.sparkradiomics.filters.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.filters.pyradiomics.PyRadiomicsLbp3D.SamplePrecision;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/** LBP3D building blocks against closed forms, and end-to-end values on images with known samples. */
class PyRadiomicsLbp3DTest {
  private static final double T = (1 + Math.sqrt(5)) / 2;

  @Test
  void icosphereIsTheSubdividedIcosahedronOnTheSphere() {
    double[][] v = PyRadiomicsLbp3D.icosphere(1, 1.0);
    assertEquals(42, v.length);
    // independent construction: the 12 vertices (cyclic permutations of (0, ±1, ±t)) and the normalised midpoints
    // of the 30 pairs at the edge distance 2 (before scaling), found by brute force
    double[][] ico = new double[12][];
    int k = 0;
    for (int s1 : new int[] {-1, 1}) {
      for (int s2 : new int[] {-1, 1}) {
        ico[k++] = new double[] {0, s1, s2 * T};
        ico[k++] = new double[] {s1, s2 * T, 0};
        ico[k++] = new double[] {s2 * T, 0, s1};
      }
    }
    int edges = 0;
    java.util.List<double[]> expected = new java.util.ArrayList<>();
    for (double[] p : ico) {
      expected.add(unit(p));
    }
    for (int i = 0; i < 12; i++) {
      for (int j = i + 1; j < 12; j++) {
        double d2 = 0;
        for (int a = 0; a < 3; a++) {
          d2 += (ico[i][a] - ico[j][a]) * (ico[i][a] - ico[j][a]);
        }
        if (Math.abs(d2 - 4) < 1e-9) {
          edges++;
          expected.add(unit(new double[] {ico[i][0] + ico[j][0], ico[i][1] + ico[j][1], ico[i][2] + ico[j][2]}));
        }
      }
    }
    assertEquals(30, edges);
    for (double[] e : expected) {
      int found = 0;
      for (double[] p : v) {
        if (Math.abs(p[0] - e[0]) + Math.abs(p[1] - e[1]) + Math.abs(p[2] - e[2]) < 1e-12) {
          found++;
        }
      }
      assertEquals(1, found, "vertex " + java.util.Arrays.toString(e));
    }
    // radius and the +0.0 pole coordinates (atan2(+0, +0) = 0 for both poles)
    for (double[] p : PyRadiomicsLbp3D.icosphere(1, 2.5)) {
      assertEquals(2.5, Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]), 1e-12);
      if (p[0] == 0 && p[1] == 0) {
        assertEquals(0.0, Math.atan2(p[1], p[0]));
      }
    }
    assertEquals(162, PyRadiomicsLbp3D.icosphere(2, 1.0).length); // 10 * 4^2 + 2
  }

  private static double[] unit(double[] p) {
    double n = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    return new double[] {p[0] / n, p[1] / n, p[2] / n};
  }

  @Test
  void sphericalHarmonicsAndLegendreMatchClosedForms() {
    // scipy convention sph_harm(m, n, azimuth, polar); closed forms with s = sqrt(1 - cos^2 polar) >= 0
    double az = 0.7;
    double pol = -2.1; // PyRadiomics passes atan2 here, which can be negative: only cos(pol) enters
    double c = Math.cos(pol);
    double s = Math.sqrt(1 - c * c);
    double[] y00 = PyRadiomicsLbp3D.sphHarm(0, 0, az, pol);
    assertEquals(0.5 / Math.sqrt(Math.PI), y00[0], 1e-15);
    assertEquals(0.0, y00[1], 1e-15);
    double[] y10 = PyRadiomicsLbp3D.sphHarm(0, 1, az, pol);
    assertEquals(0.5 * Math.sqrt(3 / Math.PI) * c, y10[0], 1e-15);
    double a = 0.5 * Math.sqrt(3 / (2 * Math.PI)) * s;
    double[] y11 = PyRadiomicsLbp3D.sphHarm(1, 1, az, pol);
    assertEquals(-a * Math.cos(az), y11[0], 1e-15);
    assertEquals(-a * Math.sin(az), y11[1], 1e-15);
    double[] y1m1 = PyRadiomicsLbp3D.sphHarm(-1, 1, az, pol);
    assertEquals(a * Math.cos(az), y1m1[0], 1e-15);
    assertEquals(-a * Math.sin(az), y1m1[1], 1e-15);
    // Y_2^-2 = (1/4) sqrt(15 / (2 pi)) s^2 e^{-2 i az}
    double[] y2m2 = PyRadiomicsLbp3D.sphHarm(-2, 2, az, pol);
    assertEquals(0.25 * Math.sqrt(15 / (2 * Math.PI)) * s * s * Math.cos(-2 * az), y2m2[0], 1e-15);
    double x = 0.3;
    assertEquals(-3 * x * Math.sqrt(1 - x * x), PyRadiomicsLbp3D.legendre(1, 2, x), 1e-15);
    assertEquals((5 * x * x * x - 3 * x) / 2, PyRadiomicsLbp3D.legendre(0, 3, x), 1e-15);
    assertEquals(15 * x * (1 - x * x), PyRadiomicsLbp3D.legendre(2, 3, x), 1e-14);
  }

  @Test
  void kurtosisAndComplexSqrt() {
    // [1, 2, 3, 4]: mean 2.5, m2 = (0.25 + 2.25) / 2 = 1.25, m4 = (0.0625 + 5.0625) / 2 = 2.5625,
    // 2.5625 / 1.5625 - 3 = -1.36 (scipy.stats.kurtosis([1, 2, 3, 4]) = -1.36)
    Approx.close(-1.36, PyRadiomicsLbp3D.kurtosis(new double[] {1, 2, 3, 4}), "kurtosis");
    assertEquals(-3.0, PyRadiomicsLbp3D.kurtosis(new double[] {5, 5, 5}));
    // principal sqrt: sqrt(3 + 4i) = 2 + i; sqrt(-3 + 4i) = 1 + 2i
    Approx.close(2, PyRadiomicsLbp3D.sqrtRe(3, 4), "sqrt(3+4i)");
    Approx.close(1, PyRadiomicsLbp3D.sqrtRe(-3, 4), "sqrt(-3+4i)");
    Approx.close(3, PyRadiomicsLbp3D.sqrtRe(9, 0), "sqrt(9)");
  }

  @Test
  void splineInterpolatesTheSamplesAndIsZeroOutside() {
    Volume v = Approx.pattern(6, 5, 7);
    double[] c = PyRadiomicsLbp3D.bsplineCoefficients(v);
    for (int z = 0; z < 7; z++) {
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 6; x++) {
          Approx.close(v.get(x, y, z), PyRadiomicsLbp3D.sample(c, 6, 5, 7, z, y, x), "node");
        }
      }
    }
    assertEquals(0.0, PyRadiomicsLbp3D.sample(c, 6, 5, 7, -0.01, 2, 2));
    assertEquals(0.0, PyRadiomicsLbp3D.sample(c, 6, 5, 7, 2, 2, 5.01));
    // mirror index: period 2n - 2 = 8 for n = 5: -1 -> 1, 5 -> 3, 9 -> 1
    assertEquals(1, PyRadiomicsLbp3D.mirror(-1, 5));
    assertEquals(3, PyRadiomicsLbp3D.mirror(5, 5));
    assertEquals(1, PyRadiomicsLbp3D.mirror(9, 5));
  }

  /** f = 3z + 2y + x on a 41^3 grid: the spline is linear at the centre, samples are centre + (3, 2, 1).v. */
  @Test
  void rampGivesKnownBitsKurtosisAndLevels() {
    int n = 41;
    float[] d = new float[n * n * n];
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          d[x + n * (y + n * z)] = 3 * z + 2 * y + x;
        }
      }
    }
    Volume img = Volume.of(n, n, n, d, 1, 1, 1);
    boolean[] in = new boolean[d.length];
    in[img.index(20, 20, 20)] = true;
    Map<String, Volume> out = PyRadiomicsLbp3D.apply(img, Mask.onGridOf(img, in), SamplePrecision.FLOAT64);
    assertEquals(List.of("lbp-3D-m1", "lbp-3D-m2", "lbp-3D-k"), List.copyOf(out.keySet()));
    // expected, from the vertices: the vertex's first component goes to z, so f_v - centre = 3 v0 + 2 v1 + v2
    double[][] v = PyRadiomicsLbp3D.icosphere(1, 1.0);
    double[] dot = new double[v.length];
    int ones = 0;
    for (int j = 0; j < v.length; j++) {
      dot[j] = 3 * v[j][0] + 2 * v[j][1] + v[j][2];
      assertTrue(Math.abs(dot[j]) > 1e-3, "no tie");
      ones += dot[j] >= 0 ? 1 : 0;
    }
    // kurtosis is shift invariant: kurtosis of the dot products, by the moment formula
    double mean = 0;
    for (double e : dot) {
      mean += e / v.length;
    }
    double m2 = 0;
    double m4 = 0;
    for (double e : dot) {
      m2 += Math.pow(e - mean, 2) / v.length;
      m4 += Math.pow(e - mean, 4) / v.length;
    }
    Approx.close(m4 / (m2 * m2) - 3, out.get("lbp-3D-k").get(20, 20, 20), "kurtosis");
    // level 0: g0(v) = Y00 * sum_u b_u Y00 = ones / (4 pi) at every vertex -> m1 = sqrt(42) * ones / (4 pi)
    Approx.close(Math.sqrt(42) * ones / (4 * Math.PI), out.get("lbp-3D-m1").get(20, 20, 20), "m1");
    // level 1 with the closed forms Y10 = A cos(p), Y1+-1 = -+B s e^{+-i a}, a = acos(v2), p = atan2(v1, v0),
    // s = sqrt(1 - cos^2 p): sum_m Y1m(u) Y1m(v) = A^2 cos p_u cos p_v + 2 B^2 s_u s_v cos(a_u + a_v)
    double a2 = 3 / (4 * Math.PI);
    double b2 = 3 / (8 * Math.PI);
    double sum = 0;
    for (int j = 0; j < v.length; j++) {
      double g = 0;
      for (int u = 0; u < v.length; u++) {
        if (dot[u] < 0) {
          continue;
        }
        double pu = Math.cos(Math.atan2(v[u][1], v[u][0]));
        double pj = Math.cos(Math.atan2(v[j][1], v[j][0]));
        double su = Math.sqrt(1 - pu * pu);
        double sj = Math.sqrt(1 - pj * pj);
        g += a2 * pu * pj + 2 * b2 * su * sj * Math.cos(Math.acos(v[u][2]) + Math.acos(v[j][2]));
      }
      sum += g * g;
    }
    Approx.close(Math.sqrt(sum), out.get("lbp-3D-m2").get(20, 20, 20), "m2");
    assertEquals(0f, out.get("lbp-3D-m1").get(0, 0, 0)); // outside the ROI
  }

  @Test
  void extremaGiveAllOrNoBits() {
    // integer image, a strict minimum at (4,4,4) in a field of 100 and a strict maximum at (8,4,4): every sample
    // around the minimum is >= the centre (all bits 1), every sample around the maximum is below it (no bit)
    int n = 13;
    float[] d = new float[n * n * n];
    java.util.Arrays.fill(d, 100f);
    Volume tmp = Volume.of(n, n, n, d, 1, 1, 1);
    d[tmp.index(4, 4, 4)] = 0f;
    d[tmp.index(8, 4, 4)] = 300f;
    boolean[] in = new boolean[d.length];
    in[tmp.index(4, 4, 4)] = true;
    in[tmp.index(8, 4, 4)] = true;
    Volume img = Volume.of(n, n, n, d, 1, 1, 1);
    assertEquals(SamplePrecision.INTEGER, PyRadiomicsLbp3D.samplePrecisionOf(img));
    Map<String, Volume> out = PyRadiomicsLbp3D.apply(img, Mask.onGridOf(img, in), SamplePrecision.INTEGER);
    // all bits: m1 = sqrt(42) * 42 / (4 pi); m2 = 0 up to rounding only if sum_u Y1m(u) vanishes, so check m1
    Approx.close(Math.sqrt(42) * 42 / (4 * Math.PI), out.get("lbp-3D-m1").get(4, 4, 4), "m1 at minimum");
    assertEquals(0f, out.get("lbp-3D-m1").get(8, 4, 4));
    assertEquals(0f, out.get("lbp-3D-m2").get(8, 4, 4));
  }

  @Test
  void paddedBoxGivesTheWholeImageValues() {
    Volume v = Approx.pattern(60, 9, 8);
    boolean[] in = new boolean[v.voxelCount()];
    for (int x = 28; x <= 31; x++) {
      in[v.index(x, 4, 3)] = true;
      in[v.index(x, 5, 4)] = true;
    }
    Mask m = Mask.onGridOf(v, in);
    CroppedRoi c = RoiCrop.around(v, m, PyRadiomicsLbp3D.margin(1), false);
    assertTrue(c.image().nx() < v.nx());
    Map<String, Volume> whole = PyRadiomicsLbp3D.apply(v, m, SamplePrecision.FLOAT32);
    Map<String, Volume> boxed = PyRadiomicsLbp3D.apply(c.image(), c.mask(), SamplePrecision.FLOAT32);
    for (String k : whole.keySet()) {
      for (int i = 0; i < in.length; i++) {
        if (in[i]) {
          int x = i % 60;
          int y = (i / 60) % 9;
          int z = i / (60 * 9);
          Approx.close(whole.get(k).data()[i], boxed.get(k).get(x - c.x0(), y - c.y0(), z - c.z0()), k);
        }
      }
    }
  }

  /**
   * Round trip against scipy 1.10.1 (map_coordinates, sph_harm, stats.kurtosis) running a transcription of
   * PyRadiomics' getLBP3DImage (trimesh is not installed: its icosphere is re-implemented; only the vertex set
   * matters): {@code /usr/bin/python3 lbp3d.py 6 5 4 DTYPE} with DTYPE float64 or int16. The ROI (x &lt;= 2,
   * y &gt;= 1, every z) touches the image borders, so scipy's 'constant' mode edge handling is exercised; voxel
   * (2, 3, 1) has a sample exactly on a grid node equal to the centre (a tie decided by rounding). Printed as
   * (x, y, z) m1 m2 k.
   * <pre>
   * import numpy as np, sys
   * from scipy.ndimage import map_coordinates
   * from scipy.special import sph_harm
   * from scipy.stats import kurtosis
   * def icosphere(sub, radius):  # trimesh.creation.icosphere vertex set (order irrelevant)
   *     t = (1.0 + 5.0**.5) / 2.0
   *     v = np.reshape([
   *         -1, t, 0, 1, t, 0, -1, -t, 0, 1, -t, 0, 0, -1, t, 0, 1, t, 0, -1, -t, 0, 1, -t, t, 0, -1, t, 0, 1,
   *         -t, 0, -1, -t, 0, 1], (-1, 3)) / np.sqrt(2.0 + t)
   *     f = np.reshape([
   *         0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8, 3,
   *         9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1], (-1, 3))
   *     for _ in range(sub):
   *         e = np.sort(np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
   *         e = np.unique(e, axis=0)
   *         v = np.vstack([v, v[e].mean(axis=1)])
   *         idx = {tuple(k): len(v) - len(e) + i for i, k in enumerate(e)}
   *         nf = []
   *         for a, b, c in f:
   *             ab, bc, ca = idx[tuple(sorted((a, b)))], idx[tuple(sorted((b, c)))], idx[tuple(sorted((c, a)))]
   *             nf += [[a, ab, ca], [ab, b, bc], [ca, bc, c], [ab, bc, ca]]
   *         f = np.array(nf)
   *         s = (v ** 2).sum(axis=1) ** .5
   *         v = v + (v / s.reshape((-1, 1))) * (radius - s).reshape((-1, 1))
   *     return v
   * nx, ny, nz, dtype = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
   * im_arr = np.fromfunction(lambda z, y, x: (3*x + 5*y*y + 7*z + x*y*z) % 13, (nz, ny, nx)).astype(dtype)
   * ma_arr = np.zeros(im_arr.shape, int); ma_arr[:, 1:, :3] = 1   # ROI: x &lt;= 2, y &gt;= 1, every z (touches borders)
   * # --- PyRadiomics getLBP3DImage (levels 2, radius 1, subdivision 1) ---
   * lbp_levels, R = 2, 1
   * coords_icosahedron = np.array(icosphere(1, R))
   * theta = np.arccos(np.true_divide(coords_icosahedron[:, 2], R))
   * phi = np.arctan2(coords_icosahedron[:, 1], coords_icosahedron[:, 0])
   * Y = sph_harm(0, 0, theta, phi); n_ix = np.array(0)
   * for n in range(1, lbp_levels):
   *     for m in range(-n, n + 1):
   *         n_ix = np.append(n_ix, n); Y = np.column_stack((Y, sph_harm(m, n, theta, phi)))
   * ROI_coords = np.where(ma_arr == 1)
   * coords = np.array(ROI_coords).T[None, :, :] + coords_icosahedron[:, None, :]
   * f = map_coordinates(im_arr, coords.T, order=3)
   * k = kurtosis(f, axis=1)
   * f_centroids = im_arr[ROI_coords]
   * f = np.greater_equal(f, f_centroids[:, None]).astype(int)
   * c = np.multiply(f[:, :, None], Y[None, :, :]).sum(axis=1)
   * f = np.multiply(c[:, None, n_ix == 0], Y[None, :, n_ix == 0])
   * for n in range(1, lbp_levels):
   *     f = np.concatenate((f, np.sum(np.multiply(c[:, None, n_ix == n], Y[None, :, n_ix == n]), axis=2, keepdims=True)), axis=2)
   * f = np.real(np.sqrt(np.sum(f ** 2, axis=1))); k = np.real(k)
   * for (x, y, z) in [(0, 1, 0), (2, ny - 1, nz - 1), (1, 2, 2), (2, 3, 1)]:
   *     i = [j for j in range(len(ROI_coords[0])) if (ROI_coords[0][j], ROI_coords[1][j], ROI_coords[2][j]) == (z, y, x)][0]
   *     print((x, y, z), repr(f[i, 0]), repr(f[i, 1]), repr(k[i]))
   * </pre>
   */
  @Test
  void matchesScipyTranscriptionOfPyRadiomics() {
    Volume v = Approx.pattern(6, 5, 4);
    boolean[] in = new boolean[v.voxelCount()];
    for (int z = 0; z < 4; z++) {
      for (int y = 1; y < 5; y++) {
        for (int x = 0; x <= 2; x++) {
          in[v.index(x, y, z)] = true;
        }
      }
    }
    Mask m = Mask.onGridOf(v, in);
    int[][] pts = {{0, 1, 0}, {2, 4, 3}, {1, 2, 2}, {2, 3, 1}};
    double[][] f64 = {{5.1572095852421675, 8.438608114425541, 0.09541909321253961},
      {7.735814377863247, 8.332731046214363, -0.6944672371936811},
      {21.144559299492858, 17.583645004989442, -0.9616560525471889},
      {2.578604792621081, 2.8897914363067874, -1.0681385539791535}};
    double[][] i16 = {{5.672930543766383, 9.28901689832576, 0.061172006135391754},
      {7.735814377863247, 8.332731046214363, -0.6679961372756384},
      {21.144559299492858, 17.583645004989442, -0.999753927064968},
      {3.094325751145299, 2.209630356602713, -1.031026439084672}};
    Map<String, Volume> a = PyRadiomicsLbp3D.apply(v, m, SamplePrecision.FLOAT64);
    Map<String, Volume> b = PyRadiomicsLbp3D.apply(v, m, SamplePrecision.INTEGER);
    String[] keys = {"lbp-3D-m1", "lbp-3D-m2", "lbp-3D-k"};
    for (int p = 0; p < pts.length; p++) {
      for (int q = 0; q < 3; q++) {
        Approx.close(f64[p][q], a.get(keys[q]).get(pts[p][0], pts[p][1], pts[p][2]), "float64 " + keys[q] + " " + p);
        Approx.close(i16[p][q], b.get(keys[q]).get(pts[p][0], pts[p][1], pts[p][2]), "int16 " + keys[q] + " " + p);
      }
    }
  }

  @Test
  void invalidSettings() {
    Volume v = Approx.pattern(4, 4, 4);
    Mask m = Mask.onGridOf(v, new boolean[64]);
    assertThrows(RadiomicsException.class, () -> PyRadiomicsLbp3D.apply(v, m, 0, 1, 1, SamplePrecision.FLOAT32));
    assertThrows(RadiomicsException.class, () -> PyRadiomicsLbp3D.apply(v, m, 2, 1, 0, SamplePrecision.FLOAT32));
  }
}
