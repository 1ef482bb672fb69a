package org.sparkradiomics.features.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.FeatureSettings.Interpolator;
import org.sparkradiomics.image.Volume;

class ResamplerTest {
  private static double[] all(float[] data, Resampler.Grid g, Interpolator ip) {
    return Resampler.resampleBlock(data, g, ip, new int[3], new int[] {g.nx(), g.ny(), g.nz()});
  }

  /**
   * The IBSI CT phantom grid: 204x201x60 voxels of 0.977x0.977x3 mm to 2 mm. n' = ceil(n s / s'):
   * ceil(199.308/2) = 100, ceil(196.377/2) = 99, ceil(180/2) = 90. Centre alignment puts the first new voxel at
   * source index p0 = ((n-1)/2 s - (n'-1)/2 s') / s: x (101.5*0.977 - 99)/0.977 = 0.16939, y (100*0.977 - 98)/0.977
   * = -0.30706, z (88.5 - 89)/3 = -1/6; the new origin moves by p0*s: +0.1655, -0.3, -0.5 mm.
   */
  @Test
  void ibsiGridAlignment() {
    Volume v = new Volume(204, 201, 60, new float[204 * 201 * 60], new double[] {0.977, 0.977, 3},
        new double[] {10, 20, 30}, Volume.identity());
    Resampler.Grid g = Resampler.alignedGrid(v, new double[] {2, 2, 2});
    assertEquals(100, g.nx());
    assertEquals(99, g.ny());
    assertEquals(90, g.nz());
    assertArrayEquals(new double[] {2, 2, 2}, g.spacing(), 0);
    assertEquals(0.1655 / 0.977, g.position(0, 0), 1e-12);
    assertEquals(-0.3 / 0.977, g.position(1, 0), 1e-12);
    assertEquals(-1.0 / 6.0, g.position(2, 0), 1e-12);
    assertArrayEquals(new double[] {10.1655, 19.7, 29.5}, g.origin(), 1e-9);
    // the grid centres coincide: mean of first and last position is (n-1)/2
    assertEquals(101.5, (g.position(0, 0) + g.position(0, 99)) / 2, 1e-12);
    assertEquals(29.5, (g.position(2, 0) + g.position(2, 89)) / 2, 1e-12);
    // exact halves stay exact: new z voxel 46 lies halfway between slices 30 and 31 (29.5 + 1.5*2/3 = 30.5)
    assertEquals(30.5, g.position(2, 46), 0);

    // configuration B: in-plane only, z kept (NaN)
    Resampler.Grid b = Resampler.alignedGrid(v, new double[] {2, 2, Double.NaN});
    assertEquals(60, b.nz());
    assertEquals(3, b.spacing()[2], 0);
    assertFalse(b.resampled(2));
    assertEquals(17.0, b.position(2, 17), 0);
    assertEquals(30, b.origin()[2], 0);
  }

  /** Trilinear interpolation reproduces a linear function exactly wherever no clamping occurs. */
  @Test
  void trilinearIsExactOnALinearRamp() {
    int nx = 6;
    int ny = 5;
    int nz = 4;
    float[] d = new float[nx * ny * nz];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          d[x + nx * (y + ny * z)] = 2 * x + 3 * y - 5 * z + 7; // in index units
        }
      }
    }
    Volume v = Volume.of(nx, ny, nz, d, 1.0, 2.0, 3.0);
    Resampler.Grid g = Resampler.alignedGrid(v, new double[] {0.7, 1.3, 2.2});
    double[] r = all(d, g, Interpolator.LINEAR);
    int checked = 0;
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          double px = g.position(0, i);
          double py = g.position(1, j);
          double pz = g.position(2, k);
          // clamping to the grid (scipy mode "nearest") outside [0, n-1]
          double cx = Math.max(0, Math.min(nx - 1, px));
          double cy = Math.max(0, Math.min(ny - 1, py));
          double cz = Math.max(0, Math.min(nz - 1, pz));
          double expected = 2 * cx + 3 * cy - 5 * cz + 7;
          assertEquals(expected, r[i + g.nx() * (j + g.ny() * k)], 1e-9);
          checked++;
        }
      }
    }
    assertEquals(g.nx() * g.ny() * g.nz(), checked);
    // n' = ceil(6/0.7) = 9, ceil(10/1.3) = 8, ceil(12/2.2) = 6
    assertEquals(9, g.nx());
    assertEquals(8, g.ny());
    assertEquals(6, g.nz());
  }

  /**
   * Nearest neighbour, 1D: samples 10,20,30,40 at spacing 1 to spacing 1.5: n' = ceil(4/1.5) = 3, positions
   * (1.5 + (j-1) 1.5) = 0, 1.5, 3; floor(p + 1/2) = 0, 2, 3 -> 10, 30, 40.
   */
  @Test
  void nearestNeighbour() {
    float[] d = {10, 20, 30, 40};
    Volume v = Volume.of(4, 1, 1, d, 1, 1, 1);
    Resampler.Grid g = Resampler.alignedGrid(v, new double[] {1.5, Double.NaN, Double.NaN});
    assertArrayEquals(new double[] {10, 30, 40}, all(d, g, Interpolator.NEAREST), 0);
    // linear on the same grid: 10, 25 (halfway between 20 and 30), 40
    assertArrayEquals(new double[] {10, 25, 40}, all(d, g, Interpolator.LINEAR), 1e-12);
  }

  /** The cubic B-spline reproduces constants everywhere (also outside the grid). */
  @Test
  void splineReproducesConstants() {
    float[] d = new float[7 * 6 * 5];
    java.util.Arrays.fill(d, -123.25f);
    Volume v = Volume.of(7, 6, 5, d, 1.0, 1.5, 2.5);
    double[] r = all(d, Resampler.alignedGrid(v, new double[] {0.8, 1.1, 1.7}), Interpolator.CUBIC_SPLINE);
    for (double x : r) {
      assertEquals(-123.25, x, 1e-9);
    }
  }

  /**
   * The spline reproduces a linear function away from the borders: the boundary handling (edge padding, mirror)
   * perturbs the coefficients by a term decaying like |z|^d, z = sqrt(3) - 2 (|z|^14 ~ 1e-8).
   */
  @Test
  void splineReproducesLinearFunctionsInTheInterior() {
    int n = 40;
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      d[i] = 3 * i - 17;
    }
    Volume v = Volume.of(n, 1, 1, d, 1, 1, 1);
    Resampler.Grid g = Resampler.alignedGrid(v, new double[] {0.3, Double.NaN, Double.NaN});
    double[] r = all(d, g, Interpolator.CUBIC_SPLINE);
    int checked = 0;
    for (int j = 0; j < g.nx(); j++) {
      double p = g.position(0, j);
      if (p >= 14 && p <= n - 15) {
        assertEquals(3 * p - 17, r[j], 1e-6);
        checked++;
      }
    }
    assertTrue(checked > 30);
  }

  /** At the sample positions the spline passes through the samples (interpolation condition), borders included. */
  @Test
  void splineInterpolatesTheSamples() {
    Random rnd = new Random(7);
    float[] d = new float[9 * 8 * 5];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rnd.nextGaussian() * 300);
    }
    Volume v = Volume.of(9, 8, 5, d, 1.5, 1.5, 2.0);
    // same spacing: positions are the integers 0..n-1
    double[] r = all(d, Resampler.alignedGrid(v, new double[] {1.5, 1.5, 2.0}), Interpolator.CUBIC_SPLINE);
    for (int i = 0; i < d.length; i++) {
      assertEquals(d[i], r[i], 1e-9);
    }
  }

  /**
   * Overshoot at a step (0 for i < 10, 100 for i >= 10). By antisymmetry about 9.5, f(9.5 - t) + f(9.5 + t) = 100;
   * scipy.ndimage.map_coordinates(order=3, mode="nearest") gives f(8.5) = -10.04809472 and f(10.5) = 110.04809472:
   * this overshoot is why IBSI config E's interpolated image reaches -1111 HU for data clipped at -1000 HU.
   */
  @Test
  void splineOvershootsAtASteps() {
    float[] d = new float[20];
    for (int i = 10; i < 20; i++) {
      d[i] = 100;
    }
    Volume v = Volume.of(20, 1, 1, d, 1, 1, 1);
    // spacing 1 -> 0.5: n' = 40, positions 9.5 + (j - 19.5) 0.5 = -0.25 + 0.5 j; j = 19, 20 are 9.25, 9.75
    Resampler.Grid g = Resampler.alignedGrid(v, new double[] {0.5, Double.NaN, Double.NaN});
    double[] r = all(d, g, Interpolator.CUBIC_SPLINE);
    assertEquals(-0.25, g.position(0, 0), 1e-12);
    assertEquals(100, r[19] + r[20], 1e-9);
    // spacing 1 -> 2: n' = 10, positions 9.5 + (j - 4.5) 2 = 0.5, 2.5, ..., 18.5
    Resampler.Grid h = Resampler.alignedGrid(v, new double[] {2, Double.NaN, Double.NaN});
    double[] s = all(d, h, Interpolator.CUBIC_SPLINE);
    assertEquals(8.5, h.position(0, 4), 0);
    assertEquals(-10.04809472, s[4], 1e-7);
    assertEquals(110.04809472, s[5], 1e-7);
  }

  /** A sub-block equals the matching part of the full resampling (cropped sources included). */
  @Test
  void blocksMatchTheFullResampling() {
    Random rnd = new Random(11);
    int nx = 30;
    int ny = 28;
    int nz = 26;
    float[] d = new float[nx * ny * nz];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) rnd.nextInt(2000) - 1000;
    }
    Volume v = Volume.of(nx, ny, nz, d, 0.9, 0.9, 2.5);
    Resampler.Grid g = Resampler.alignedGrid(v, new double[] {2, 2, 2});
    int[] lo = {3, 4, 5};
    int[] hi = {9, 10, 12};
    for (Interpolator ip : Interpolator.values()) {
      double[] full = all(d, g, ip);
      double[] part = Resampler.resampleBlock(d, g, ip, lo, hi);
      int bx = hi[0] - lo[0];
      int by = hi[1] - lo[1];
      for (int z = lo[2]; z < hi[2]; z++) {
        for (int y = lo[1]; y < hi[1]; y++) {
          for (int x = lo[0]; x < hi[0]; x++) {
            assertEquals(full[x + g.nx() * (y + g.ny() * z)], part[(x - lo[0]) + bx * ((y - lo[1]) + by * (z - lo[2]))],
                1e-6, ip + " at " + x + "," + y + "," + z);
          }
        }
      }
    }
  }
}
