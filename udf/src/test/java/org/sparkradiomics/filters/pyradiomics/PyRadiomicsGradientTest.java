package org.sparkradiomics.filters.pyradiomics;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.image.Volume;

/** Gradient magnitude of a linear ramp, by hand, with ITK's zero-flux borders. */
class PyRadiomicsGradientTest {

  private static Volume ramp(int nx, int ny, int nz, double sx, double sy, double sz) {
    float[] d = new float[nx * ny * nz];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          d[x + nx * (y + ny * z)] = 3 * x + 2 * y - z; // index units
        }
      }
    }
    return Volume.of(nx, ny, nz, d, sx, sy, sz);
  }

  @Test
  void centralDifferencesInMillimetresWithHalfDifferencesAtTheBorder() {
    Volume v = ramp(4, 3, 3, 0.5, 2, 1);
    Volume g = PyRadiomicsGradient.apply(v, true);
    // interior: d_x = 3 / 0.5 = 6, d_y = 2 / 2 = 1, d_z = -1 / 1 = -1 -> sqrt(38)
    Approx.close(Math.sqrt(38), g.get(1, 1, 1), "interior");
    // x = 0: zero flux, (f(1) - f(0)) / (2 * 0.5) = 3; y, z interior -> sqrt(9 + 1 + 1)
    Approx.close(Math.sqrt(11), g.get(0, 1, 1), "x border");
    // corner (3, 2, 2): d_x = 3/(2*0.5) = 3, d_y = 2/(2*2) = 0.5, d_z = -1/2 -> sqrt(9.5)
    Approx.close(Math.sqrt(9.5), g.get(3, 2, 2), "corner");
  }

  @Test
  void withoutSpacingAndOnASingleSlice() {
    Volume v = ramp(3, 3, 1, 0.5, 2, 1);
    Volume g = PyRadiomicsGradient.apply(v, false);
    // nz = 1: no z derivative; interior d_x = 3, d_y = 2 -> sqrt(13)
    Approx.close(Math.sqrt(13), g.get(1, 1, 0), "interior 2D");
    // (0, 0): d_x = 3/2, d_y = 2/2 -> sqrt(2.25 + 1)
    Approx.close(Math.sqrt(3.25), g.get(0, 0, 0), "corner 2D");
  }
}
