package org.sparkradiomics.filters.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.filters.BoundaryMode;
import org.sparkradiomics.filters.LogFilter;
import org.sparkradiomics.image.Volume;

/** Scale-normalised LoG against analytic responses, the IBSI-2 LogFilter, and PyRadiomics' size checks. */
class PyRadiomicsLogTest {

  @Test
  void quadraticGivesTwelveSigmaSquaredOnAnAnisotropicGrid() {
    // f = X^2 + 2 Y^2 + 3 Z^2 in mm. Gaussian smoothing keeps a quadratic's second derivatives, so
    // sigma^2 * Laplacian = sigma^2 * (2 + 4 + 6) = 12 * 1.5^2 = 27 at any voxel the kernel does not cross a border.
    double[] sp = {0.5, 1.0, 0.75};
    double sigma = 1.5; // 3, 1.5 and 2 voxels; truncation 7 sigma -> radii 21, 11, 14
    int nx = 45;
    int ny = 25;
    int nz = 31;
    float[] d = new float[nx * ny * nz];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          double px = (x - 22) * sp[0];
          double py = (y - 12) * sp[1];
          double pz = (z - 15) * sp[2];
          d[x + nx * (y + ny * z)] = (float) (px * px + 2 * py * py + 3 * pz * pz);
        }
      }
    }
    Volume v = Volume.of(nx, ny, nz, d, sp[0], sp[1], sp[2]);
    Volume r = PyRadiomicsLog.response(v, sigma, 7.0);
    Approx.close(27.0, r.get(22, 12, 15), "centre");
    Approx.close(27.0, r.get(23, 11, 16), "off centre");
  }

  @Test
  void gaussianBlobMatchesTheAnalyticResponse() {
    // f = exp(-r^2 / (2 a^2)), a = 2 mm; G_sigma * f = (a/b)^3 exp(-r^2 / (2 b^2)), b^2 = a^2 + sigma^2, so
    // sigma^2 Laplacian = sigma^2 (a/b)^3 (r^2 / b^4 - 3 / b^2) exp(-r^2 / (2 b^2)).
    double a = 2;
    double sigma = 1.5;
    int n = 33;
    int c = 16;
    float[] d = new float[n * n * n];
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          double r2 = (x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c);
          d[x + n * (y + n * z)] = (float) Math.exp(-r2 / (2 * a * a));
        }
      }
    }
    Volume r = PyRadiomicsLog.response(Volume.of(n, n, n, d, 1, 1, 1), sigma, 8.0);
    double b2 = a * a + sigma * sigma;
    int[][] pts = {{0, 0, 0}, {3, 0, 0}, {2, 1, -1}, {1, -4, 2}};
    for (int[] p : pts) {
      double r2 = p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
      double expected = sigma * sigma * Math.pow(a * a / b2, 1.5) * (r2 / (b2 * b2) - 3 / b2)
          * Math.exp(-r2 / (2 * b2));
      // centre: 2.25 * 0.512 * (-0.48) = -0.55296
      Approx.close(expected, r.get(c + p[0], c + p[1], c + p[2]), "r^2 = " + r2);
    }
  }

  @Test
  void isotropicCaseIsSigmaOverSpacingSquaredTimesIbsiLogFilter() {
    Volume v = Approx.pattern(11, 10, 9);
    Volume iso = new Volume(11, 10, 9, v.data(), new double[] {2, 2, 2}, new double[3], Volume.identity());
    double sigma = 3; // 1.5 voxels
    Volume mine = PyRadiomicsLog.response(iso, sigma, 4.0);
    double[] in = new double[v.voxelCount()];
    for (int i = 0; i < in.length; i++) {
      in[i] = v.data()[i];
    }
    double[] ibsi = new LogFilter(sigma, 4.0, BoundaryMode.NEAREST, true).response(in, 11, 10, 9, iso.spacing());
    for (int i = 0; i < in.length; i += 7) {
      Approx.close((sigma / 2) * (sigma / 2) * ibsi[i], mine.data()[i], "voxel " + i);
    }
  }

  @Test
  void pyRadiomicsSizeChecksAreTypedErrors() {
    double[] sp = {1, 1, 1};
    RadiomicsException small = assertThrows(RadiomicsException.class,
        () -> PyRadiomicsLog.checkApplicable(new int[] {10, 10, 3}, sp, 1.0));
    assertEquals(ErrorKind.INVALID_SETTINGS, small.kind());
    assertThrows(RadiomicsException.class, () -> PyRadiomicsLog.checkApplicable(new int[] {4, 4, 4}, sp, 0.0));
    // size 4 >= ceil(3 / 1) + 1 = 4 passes; sigma 3.5: ceil(3.5) + 1 = 5 > 4 fails
    PyRadiomicsLog.checkApplicable(new int[] {4, 4, 4}, sp, 3.0);
    assertThrows(RadiomicsException.class, () -> PyRadiomicsLog.checkApplicable(new int[] {4, 4, 4}, sp, 3.5));
    // the box-crop overload checks the source size, not the box
    Volume box = Approx.pattern(4, 4, 4);
    assertThrows(RadiomicsException.class, () -> PyRadiomicsLog.apply(box, 1.0, new int[] {64, 64, 2}));
    assertEquals(4, PyRadiomicsLog.apply(box, 1.0, new int[] {64, 64, 64}).nx());
    assertThrows(RadiomicsException.class, () -> PyRadiomicsLog.apply(Approx.pattern(3, 8, 8), 1.0));
  }

  @Test
  void marginIsTheKernelRadiusPerAxis() {
    // sigma 2 mm, spacing (0.5, 1, 2): 4, 2, 1 voxels; 4 sigma -> 16, 8, 4
    int[] m = PyRadiomicsLog.margin(2.0, new double[] {0.5, 1, 2}, PyRadiomicsLog.DEFAULT_TRUNCATE);
    assertEquals(16, m[0]);
    assertEquals(8, m[1]);
    assertEquals(4, m[2]);
  }
}
