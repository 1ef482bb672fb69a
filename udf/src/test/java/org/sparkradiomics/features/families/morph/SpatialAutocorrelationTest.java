package org.sparkradiomics.features.families.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpatialAutocorrelationTest {
  @Test
  void fftResultEqualsTheAllPairsDefinition() {
    // Small random ROI with anisotropic spacing: the definitions, summed over all pairs i != j (fine at this size),
    // I = N/W sum_ij w_ij d_i d_j / sum d_i^2, C = (N-1)/(2W) sum_ij w_ij (X_i - X_j)^2 / sum d_i^2.
    int nx = 7;
    int ny = 6;
    int nz = 5;
    double sx = 0.8;
    double sy = 1.1;
    double sz = 2.5;
    Random r = new Random(9);
    float[] v = new float[nx * ny * nz];
    boolean[] m = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * 30 + (i % nx) * 5);
      m[i] = r.nextDouble() < 0.6;
    }
    double[] got = SpatialAutocorrelation.compute(v, m, nx, ny, nz, sx, sy, sz);
    int n = 0;
    double mu = 0;
    for (int i = 0; i < v.length; i++) {
      if (m[i]) {
        n++;
        mu += v[i];
      }
    }
    mu /= n;
    double w = 0;
    double num = 0;
    double geary = 0;
    double den = 0;
    for (int i = 0; i < v.length; i++) {
      if (!m[i]) {
        continue;
      }
      den += (v[i] - mu) * (v[i] - mu);
      for (int j = 0; j < v.length; j++) {
        if (!m[j] || i == j) {
          continue;
        }
        double dx = (i % nx - j % nx) * sx;
        double dy = ((i / nx) % ny - (j / nx) % ny) * sy;
        double dz = (i / (nx * ny) - j / (nx * ny)) * sz;
        double wij = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
        w += wij;
        num += wij * ((double) v[i] - mu) * ((double) v[j] - mu);
        double diff = (double) v[i] - v[j];
        geary += wij * diff * diff;
      }
    }
    assertEquals(n / w * num / den, got[0], 1e-9);
    assertEquals((n - 1) / (2 * w) * geary / den, got[1], 1e-9);
  }

  @Test
  void undefinedForOneVoxelOrConstantIntensity() {
    float[] v = {5, 5, 5, 5};
    assertTrue(Double.isNaN(SpatialAutocorrelation.compute(v, new boolean[] {true, false, false, false}, 4, 1, 1,
        1, 1, 1)[0]));
    assertTrue(Double.isNaN(SpatialAutocorrelation.compute(v, new boolean[] {true, true, true, true}, 4, 1, 1, 1,
        1, 1)[1]));
  }
}
