package org.sparkradiomics.filters.pyradiomics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.sparkradiomics.image.Volume;

/** Shared test helpers: tolerance 1e-6 relative (absolute 1e-6 below magnitude 1) and small synthetic volumes. */
final class Approx {
  private Approx() {}

  static void close(double expected, double actual, String what) {
    double tol = 1e-6 * Math.max(1.0, Math.abs(expected));
    assertTrue(Math.abs(expected - actual) <= tol, what + ": expected " + expected + " got " + actual);
  }

  /** f(x, y, z) = (3x + 5y^2 + 7z + xyz) mod 13, the test volume of the PyWavelets reference script. */
  static Volume pattern(int nx, int ny, int nz) {
    float[] d = new float[nx * ny * nz];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          d[x + nx * (y + ny * z)] = (3 * x + 5 * y * y + 7 * z + x * y * z) % 13;
        }
      }
    }
    return Volume.of(nx, ny, nz, d, 1, 1, 1);
  }
}
