package org.sparkradiomics.features.families.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Fft3Test {
  @Test
  void matchesTheDefinitionAndRoundTrips() {
    int lx = 8;
    int ly = 4;
    int lz = 2;
    int n = lx * ly * lz;
    Random r = new Random(1);
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = r.nextGaussian();
      im[i] = r.nextGaussian();
    }
    double[] re0 = re.clone();
    double[] im0 = im.clone();
    Fft3 fft = new Fft3(lx, ly, lz);
    fft.forward(re, im);
    // X(k) = sum_j x(j) exp(-2 pi i (kx jx / lx + ky jy / ly + kz jz / lz))
    for (int k = 0; k < n; k++) {
      int kx = k % lx;
      int ky = (k / lx) % ly;
      int kz = k / (lx * ly);
      double sr = 0;
      double si = 0;
      for (int j = 0; j < n; j++) {
        int jx = j % lx;
        int jy = (j / lx) % ly;
        int jz = j / (lx * ly);
        double ang = -2 * Math.PI * ((double) kx * jx / lx + (double) ky * jy / ly + (double) kz * jz / lz);
        sr += re0[j] * Math.cos(ang) - im0[j] * Math.sin(ang);
        si += re0[j] * Math.sin(ang) + im0[j] * Math.cos(ang);
      }
      assertEquals(sr, re[k], 1e-9);
      assertEquals(si, im[k], 1e-9);
    }
    fft.inverse(re, im);
    for (int i = 0; i < n; i++) {
      assertEquals(re0[i], re[i], 1e-12);
      assertEquals(im0[i], im[i], 1e-12);
    }
  }

  @Test
  void realEvenTransformAgreesWithTheFullOne() {
    // a(x, y, z) = f(min(x, lx-x), min(y, ly-y), min(z, lz-z)) is real and even along each axis: its spectrum is
    // real; forwardRealEven must return it with a zero imaginary scratch, for every shape including flat ones.
    int[][] shapes = {{8, 4, 2}, {4, 1, 1}, {1, 4, 1}, {1, 1, 4}, {2, 2, 1}, {8, 8, 8}, {16, 2, 4}, {1, 1, 1}};
    Random r = new Random(3);
    for (int[] sh : shapes) {
      int lx = sh[0];
      int ly = sh[1];
      int lz = sh[2];
      int n = lx * ly * lz;
      double[] f = new double[(lx / 2 + 1) * (ly / 2 + 1) * (lz / 2 + 1)];
      for (int i = 0; i < f.length; i++) {
        f[i] = r.nextGaussian();
      }
      double[] re = new double[n];
      for (int z = 0; z < lz; z++) {
        for (int y = 0; y < ly; y++) {
          for (int x = 0; x < lx; x++) {
            int fx = Math.min(x, lx - x);
            int fy = Math.min(y, ly - y);
            int fz = Math.min(z, lz - z);
            re[x + lx * (y + ly * z)] = f[fx + (lx / 2 + 1) * (fy + (ly / 2 + 1) * fz)];
          }
        }
      }
      double[] fr = re.clone();
      double[] fi = new double[n];
      Fft3 fft = new Fft3(lx, ly, lz);
      fft.forward(fr, fi);
      double[] im = new double[n];
      fft.forwardRealEven(re, im);
      for (int i = 0; i < n; i++) {
        assertEquals(0, fi[i], 1e-9);
        assertEquals(fr[i], re[i], 1e-9);
        assertEquals(0, im[i], 0);
      }
    }
  }

  @Test
  void prunedTransformsAgreeWithFullOnes() {
    int lx = 8;
    int ly = 8;
    int lz = 4;
    int n = lx * ly * lz;
    Random r = new Random(2);
    double[] re = new double[n];
    double[] im = new double[n];
    for (int z = 0; z < 2; z++) {
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < lx; x++) {
          re[x + lx * (y + ly * z)] = r.nextGaussian();
          im[x + lx * (y + ly * z)] = r.nextGaussian();
        }
      }
    }
    Fft3 fft = new Fft3(lx, ly, lz);
    double[] fr = re.clone();
    double[] fi = im.clone();
    fft.forward(fr, fi);
    double[] pr = re.clone();
    double[] pi = im.clone();
    fft.forward(pr, pi, 3, 2);
    for (int i = 0; i < n; i++) {
      assertEquals(fr[i], pr[i], 1e-12);
      assertEquals(fi[i], pi[i], 1e-12);
    }
    fft.inverseUnscaled(pr, pi, 3, 2);
    for (int z = 0; z < 2; z++) {
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < lx; x++) {
          int i = x + lx * (y + ly * z);
          assertEquals(re[i], pr[i] / n, 1e-12);
          assertEquals(im[i], pi[i] / n, 1e-12);
        }
      }
    }
  }
}
