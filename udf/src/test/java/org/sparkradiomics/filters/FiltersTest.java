package org.sparkradiomics.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.image.Volume;

/** Hand-computed small cases for each filter and the shared machinery. */
class FiltersTest {

  private static double[] run(String spec, double[] data, int nx, int ny, int nz) {
    return FilterSpec.parse(spec).build().response(data, nx, ny, nz, new double[] {1, 1, 1});
  }

  // ---- boundary modes ----

  @Test
  void boundaryModesMapIndicesAsIbsi2Defines() {
    // n = 3, samples a0 a1 a2; indices -4..6
    int[] idx = {-4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6};
    int[] constant = {-1, -1, -1, -1, 0, 1, 2, -1, -1, -1, -1};
    int[] nearest = {0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2};
    // periodic: ... a2 a0 a1 a2 | a0 a1 a2 | a0 a1 a2 a0
    int[] periodic = {2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0};
    // mirror (symmetric, edge repeated, period 6): a2 a2 a1 a0 | a0 a1 a2 | a2 a1 a0 a0
    int[] mirror = {2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0};
    for (int i = 0; i < idx.length; i++) {
      assertEquals(constant[i], BoundaryMode.CONSTANT.map(idx[i], 3));
      assertEquals(nearest[i], BoundaryMode.NEAREST.map(idx[i], 3));
      assertEquals(periodic[i], BoundaryMode.PERIODIC.map(idx[i], 3));
      assertEquals(mirror[i], BoundaryMode.MIRROR.map(idx[i], 3), "mirror at " + idx[i]);
    }
    assertEquals(BoundaryMode.MIRROR, BoundaryMode.parse("symmetric"));
    assertEquals(BoundaryMode.CONSTANT, BoundaryMode.parse("zero"));
    assertThrows(IllegalArgumentException.class, () -> BoundaryMode.parse("reflect"));
  }

  @Test
  void meanFilterOnOneDimensionalVolumeUnderEachBoundaryMode() {
    double[] a = {1, 2, 3, 4, 5};
    // M = 3, 1 x 1 lines in y and z use the same mode (zero mode would scale by 1/3 per axis, so use 2D with ny=1
    // only where the mode keeps y constant). Along x only: 2D filter with ny = 1 applies the y box to copies of a.
    // zero, M=3 along x: [(0+1+2)/3, 2, 3, 4, (4+5+0)/3] = [1, 2, 3, 4, 3]; along y (ny=1): (0 + v + 0)/3
    assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0, 1, 4 / 3.0, 1},
        run("mean:support=3,mode=zero,dim=2D", a, 5, 1, 1), 1e-12);
    // nearest: [(1+1+2)/3, 2, 3, 4, (4+5+5)/3]; y is constant under nearest
    assertArrayEquals(new double[] {4 / 3.0, 2, 3, 4, 14 / 3.0},
        run("mean:support=3,mode=nearest,dim=2D", a, 5, 1, 1), 1e-12);
    // periodic: [(5+1+2)/3, 2, 3, 4, (4+5+1)/3]
    assertArrayEquals(new double[] {8 / 3.0, 2, 3, 4, 10 / 3.0},
        run("mean:support=3,mode=periodic,dim=2D", a, 5, 1, 1), 1e-12);
    // mirror, M = 5: out[0] = (a1 + a0 + a0 + a1 + a2)/5 = (2+1+1+2+3)/5 = 9/5,
    // out[1] = (a0 + a0 + a1 + a2 + a3)/5 = 11/5, out[4] = (a2+a3+a4+a4+a3)/5 = 21/5
    // (numpy 'reflect', which drops the edge, would give out[0] = (3+2+1+2+3)/5 = 11/5)
    assertArrayEquals(new double[] {9 / 5.0, 11 / 5.0, 3, 19 / 5.0, 21 / 5.0},
        run("mean:support=5,mode=mirror,dim=2D", a, 5, 1, 1), 1e-12);
  }

  // ---- mean ----

  @Test
  void meanOfALinearRampIsTheRampInTheInterior() {
    // f = x + 2y + 3z; a symmetric window averages a linear function to its centre value
    int n = 9;
    double[] f = new double[n * n * n];
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          f[x + n * (y + n * z)] = x + 2 * y + 3 * z;
        }
      }
    }
    double[] r = run("mean:support=5,mode=zero,dim=3D", f, n, n, n);
    for (int z = 2; z < n - 2; z++) {
      for (int y = 2; y < n - 2; y++) {
        for (int x = 2; x < n - 2; x++) {
          assertEquals(x + 2 * y + 3 * z, r[x + n * (y + n * z)], 1e-12);
        }
      }
    }
    // corner with zero padding, 3D, M=5: window covers x,y,z in {0,1,2}: 27 voxels of mean 1+2+3 = 6, /125 * 27
    assertEquals(6.0 * 27 / 125, r[0], 1e-12);
  }

  // ---- LoG ----

  @Test
  void logOfAConstantIsZeroAndOfAQuadraticIsTwoPerAxis() {
    int n = 25;
    double[] c = new double[n * n * n];
    double[] q = new double[n * n * n];
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          c[x + n * (y + n * z)] = 100;
          q[x + n * (y + n * z)] = (x - 12) * (x - 12) + (y - 12) * (y - 12) + (z - 12) * (z - 12);
        }
      }
    }
    // laplacian(c) = 0 everywhere (mirror padding keeps the image constant), up to the truncation of the kernel at
    // R = 4 sigma = 8: per axis the missing integral of g'' is 2 |g'(R)| = 2 (R / sigma^2) g(R) = 4 * 6.69e-5, so
    // |response| <= 3 * 2.7e-4 * 100 = 0.08
    double[] rc = run("log:sigma=2,truncate=4,mode=mirror,dim=3D", c, n, n, n);
    for (double v : rc) {
      assertEquals(0, v, 0.08);
    }
    // laplacian(G * q) = G * laplacian(q) = 2 + 2 + 2 = 6 (unit spacing, so voxel and mm units agree), at the centre
    // where the kernel (truncate 6: radius 12) stays inside the image. (At truncate 4 the tail of x^2 g''(x) beyond
    // 4 sigma is worth ~0.008 per axis, so the same sum gives 5.976.)
    double[] rq = run("log:sigma=2,truncate=6,mode=zero,dim=3D", q, n, n, n);
    assertEquals(6, rq[12 + n * (12 + n * 12)], 1e-3);
    // 2D: only x and y, so 2 + 2 = 4
    double[] r2 = run("log:sigma=2,truncate=6,mode=zero,dim=2D", q, n, n, n);
    assertEquals(4, r2[12 + n * (12 + n * 3)], 1e-3);
  }

  @Test
  void logImpulseResponseIsTheSampledKernelInVoxelUnits() {
    // impulse at the centre; sigma = 3 mm at 2 mm spacing = 1.5 voxels; centre value is
    // G(0) * (-3/sigma^2) = (1.5 sqrt(2 pi))^-3 * (-3 / 2.25) = -0.0250705...
    int n = 15;
    double[] d = new double[n * n * n];
    d[7 + n * (7 + n * 7)] = 1;
    double[] r = FilterSpec.parse("log:sigma=3").build().response(d, n, n, n, new double[] {2, 2, 2});
    double g0 = Math.pow(1.5 * Math.sqrt(2 * Math.PI), -3);
    assertEquals(g0 * (-3 / 2.25), r[7 + n * (7 + n * 7)], 1e-12);
    // one voxel along x: G(1) * (1/sigma^4 - 3/sigma^2)
    assertEquals(g0 * Math.exp(-1 / 4.5) * (1 / Math.pow(1.5, 4) - 3 / 2.25), r[8 + n * (7 + n * 7)], 1e-12);
  }

  // ---- Laws ----

  @Test
  void lawsE3L3OnARampAndItsRotationInvariantEnergy() {
    int nx = 7;
    int ny = 7;
    double[] f = new double[nx * ny];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        f[x + nx * y] = x;
      }
    }
    // E3 = [-1 0 1]/sqrt2 convolved: out[x] = (f[x-1] - f[x+1])/sqrt2 = -2/sqrt2 along x;
    // L3 = [1 2 1]/sqrt6 along y on a y-constant image: 4/sqrt6. Product: -8/sqrt12 = -4/sqrt3
    double v = -4 / Math.sqrt(3);
    double[] r = run("laws:kernel=E3L3,mode=nearest", f, nx, ny, 1);
    assertEquals(v, r[3 + nx * 3], 1e-12);
    // max over the 4 in-plane rotations: the 180-degree rotation flips E3, giving +4/sqrt3; 90/270 degrees put E3
    // along y, where the ramp is constant (0)
    double[] rm = run("laws:kernel=E3L3,mode=nearest,rotinv=max", f, nx, ny, 1);
    assertEquals(-v, rm[3 + nx * 3], 1e-12);
    // energy with delta = 1: mean of |h| over 3x3 around an interior voxel where |h| = 4/sqrt3 everywhere
    double[] re = run("laws:kernel=E3L3,mode=nearest,energy=1", f, nx, ny, 1);
    assertEquals(-v, re[3 + nx * 3], 1e-12);
  }

  @Test
  void lawsKernelsAreUnitNorm() {
    for (String k : new String[] {"L3", "E3", "S3", "L5", "E5", "S5", "W5", "R5"}) {
      double s = 0;
      for (double c : LawsFilter.oneD(k)) {
        s += c * c;
      }
      assertEquals(1, s, 1e-12, k);
    }
  }

  // ---- Gabor ----

  @Test
  void gaborImpulseResponseIsTheEnvelopeAndConstantResponseIsTheDcGain() {
    int n = 33;
    double[] d = new double[n * n];
    d[16 + n * 16] = 1;
    // |g(x, y)| = exp(-(xt^2 + gamma^2 yt^2) / (2 sigma^2)); theta = 0, sigma = 2, gamma = 0.5:
    // at (1, 0): exp(-1/8); at (0, 2): exp(-0.25 * 4 / 8) = exp(-1/8)
    double[] r = run("gabor:sigma=2,lambda=4,gamma=0.5,theta=0", d, n, n, 1);
    assertEquals(1, r[16 + n * 16], 1e-9);
    assertEquals(Math.exp(-1 / 8.0), r[17 + n * 16], 1e-9);
    assertEquals(Math.exp(-1 / 8.0), r[16 + n * 18], 1e-9);
    // theta = 90 degrees swaps the axes: at (0, 1): exp(-1/8)
    double[] r90 = run("gabor:sigma=2,lambda=4,gamma=0.5,theta=90", d, n, n, 1);
    assertEquals(Math.exp(-1 / 8.0), r90[16 + n * 17], 1e-9);
    // constant image 1 under mirror padding: |sum g| ~ 2 pi sigma^2 / gamma * exp(-2 pi^2 sigma^2 / lambda^2);
    // sigma = 2, lambda = 8, gamma = 1: 8 pi exp(-2 pi^2 * 4 / 64) = 8 pi exp(-pi^2 / 8) = 7.31898
    double[] c = new double[n * n];
    java.util.Arrays.fill(c, 1);
    double[] rc = run("gabor:sigma=2,lambda=8,gamma=1,mode=mirror", c, n, n, 1);
    assertEquals(8 * Math.PI * Math.exp(-Math.PI * Math.PI / 8), rc[7 + n * 20], 2e-3);
  }

  @Test
  void gaborFftEqualsDirectConvolutionUnderEveryBoundaryMode() {
    // direct definition: out(x, y) = | sum_{i,j} g(i, j) I(map(x - i), map(y - j)) |, with g sampled in mm
    int nx = 11;
    int ny = 9;
    int nz = 2;
    double[] sp = {1.0, 1.2, 3.0};
    double[] img = new double[nx * ny * nz];
    for (int i = 0; i < img.length; i++) {
      img[i] = Math.floorMod(i * 37, 17) - 5;
    }
    double sigma = 1.5;
    double lambda = 3;
    double gamma = 0.7;
    double theta = Math.toRadians(30);
    int r = (int) Math.ceil(4 * sigma / gamma); // extent / spacing per axis (spacing 1 along x; 1.2 along y)
    for (BoundaryMode mode : BoundaryMode.values()) {
      double[] got = new GaborFilter(sigma, lambda, gamma, theta, 0, Pooling.MEAN, false, mode, 4)
          .response(img, nx, ny, nz, sp);
      int rx = (int) Math.ceil(4 * sigma / gamma / sp[0] - 1e-9);
      int ry = (int) Math.ceil(4 * sigma / gamma / sp[1] - 1e-9);
      assertEquals(r, rx);
      for (int z = 0; z < nz; z++) {
        for (int y = 0; y < ny; y++) {
          for (int x = 0; x < nx; x++) {
            double sr = 0;
            double si = 0;
            for (int j = -ry; j <= ry; j++) {
              for (int i = -rx; i <= rx; i++) {
                int sx = mode.map(x - i, nx);
                int sy = mode.map(y - j, ny);
                if (sx < 0 || sy < 0) {
                  continue;
                }
                double u = i * sp[0];
                double v = j * sp[1];
                double ut = u * Math.cos(theta) + v * Math.sin(theta);
                double vt = -u * Math.sin(theta) + v * Math.cos(theta);
                double env = Math.exp(-(ut * ut + gamma * gamma * vt * vt) / (2 * sigma * sigma));
                double val = img[sx + nx * (sy + ny * z)];
                sr += env * Math.cos(2 * Math.PI * ut / lambda) * val;
                si += env * Math.sin(2 * Math.PI * ut / lambda) * val;
              }
            }
            assertEquals(Math.hypot(sr, si), got[x + nx * (y + ny * z)], 1e-9, mode + " at " + x + "," + y);
          }
        }
      }
    }
  }

  @Test
  void gaborOrientationSetCoversHalfATurn() {
    GaborFilter g = (GaborFilter) FilterSpec.parse("gabor:sigma=2,lambda=4,gamma=1,theta=0,step=22.5").build();
    assertEquals(8, g.thetas().length);
    assertEquals(Math.toRadians(157.5), g.thetas()[7], 1e-12);
  }

  // ---- wavelets ----

  @Test
  void haarOnAStepLevelOneAndTwo() {
    double[] step = {0, 0, 0, 0, 1, 1, 1, 1};
    // level 1, H along x = [-1 1]/sqrt2 convolved with centre 1: out[i] = (in[i] - in[i+1])/sqrt2, nonzero only at
    // i = 3 (-1/sqrt2); L along y (ny = 1, nearest) = (v + v)/sqrt2 = sqrt2 v. Total: -1 at x = 3.
    assertArrayEquals(new double[] {0, 0, 0, -1, 0, 0, 0, 0},
        run("wavelet:family=haar,band=HL,level=1,mode=nearest", step, 8, 1, 1), 1e-12);
    // level 2: approximation a = L(x) L(y): a[i] = (in[i] + in[i+1])/sqrt2 * sqrt2 = [0,0,0,1,2,2,2,2];
    // dilated H = [-1 0 1 0]/sqrt2, centre 2: out[i] = (a[i] - a[i+2])/sqrt2, times sqrt2 along y:
    // [0-0, 0-1, 0-2, 1-2, 2-2, 2-2, 2-2, 2-2] = [0, -1, -2, -1, 0, 0, 0, 0]
    assertArrayEquals(new double[] {0, -1, -2, -1, 0, 0, 0, 0},
        run("wavelet:family=haar,band=HL,level=2,mode=nearest", step, 8, 1, 1), 1e-12);
  }

  @Test
  void waveletFiltersAreOrthonormalQuadratureMirrors() {
    // name -> vanishing moments of the high-pass: sum_k k^p hi[k] = 0 for p < moments (dbN: N; coifN: 2N)
    String[] names = {"haar", "db2", "db3", "db4", "coif1", "coif2"};
    int[] moments = {1, 2, 3, 4, 2, 4};
    for (int n = 0; n < names.length; n++) {
      String w = names[n];
      double[][] f = WaveletFilter.filters(w);
      for (int p = 0; p < moments[n]; p++) {
        double m = 0;
        for (int k = 0; k < f[1].length; k++) {
          m += Math.pow(k, p) * f[1][k];
        }
        assertEquals(0, m, 1e-8, w + " moment " + p);
      }
      // orthogonal to its even shifts: sum_k lo[k] lo[k + 2m] = 0 for m != 0
      for (int sh = 2; sh < f[0].length; sh += 2) {
        double dot = 0;
        for (int k = 0; k + sh < f[0].length; k++) {
          dot += f[0][k] * f[0][k + sh];
        }
        assertEquals(0, dot, 1e-9, w + " shift " + sh);
      }
    }
    for (String w : names) {
      double[][] f = WaveletFilter.filters(w);
      double lo2 = 0;
      double hi2 = 0;
      double dot = 0;
      double sumLo = 0;
      double sumHi = 0;
      for (int i = 0; i < f[0].length; i++) {
        lo2 += f[0][i] * f[0][i];
        hi2 += f[1][i] * f[1][i];
        dot += f[0][i] * f[1][i];
        sumLo += f[0][i];
        sumHi += f[1][i];
      }
      assertEquals(1, lo2, 1e-9, w);
      assertEquals(1, hi2, 1e-9, w);
      assertEquals(0, dot, 1e-9, w);
      assertEquals(Math.sqrt(2), sumLo, 1e-9, w);
      assertEquals(0, sumHi, 1e-9, w);
    }
    assertArrayEquals(new double[] {1, 0, 0, 0, 2, 0, 0, 0}, WaveletFilter.dilate(new double[] {1, 2}, 3));
  }

  // ---- Simoncelli and Riesz (Fourier) ----

  @Test
  void simoncelliKillsConstantsAndScalesACosine() {
    int n = 64;
    double[] c = new double[n];
    java.util.Arrays.fill(c, 5);
    for (double v : run("simoncelli:level=1", c, n, 1, 1)) {
      assertEquals(0, v, 1e-9);
    }
    // cos(2 pi 16 x / 64): DFT indices +16 and -16 (= 48). On the reference grid w = -pi + 2 pi i / 63 with centred
    // index i = (k + 32) mod 64: k = 16 -> i = 48 -> w = 1.645546; k = 48 -> i = 16 -> w = -1.545820.
    // psi(w) = cos(pi/2 log2(2|w|/pi)); the real part of the output is the cosine times the mean of the two gains.
    double[] cos = new double[n];
    for (int x = 0; x < n; x++) {
      cos[x] = Math.cos(2 * Math.PI * 16 * x / n);
    }
    double w1 = -Math.PI + 2 * Math.PI * 48 / 63;
    double w2 = Math.PI - 2 * Math.PI * 16 / 63;
    double gain = (SimoncelliFilter.psi(w1, 1) + SimoncelliFilter.psi(w2, 1)) / 2;
    assertEquals(0.99690, gain, 1e-4);
    double[] r = run("simoncelli:level=1", cos, n, 1, 1);
    for (int x = 0; x < n; x++) {
      assertEquals(gain * cos[x], r[x], 1e-9);
    }
    // level 2 halves the pass band: |w| = 1.6 * 2 > pi -> gain 0
    assertEquals(0, SimoncelliFilter.psi(1.6, 2), 0);
    assertEquals(1, SimoncelliFilter.psi(Math.PI / 2, 1), 1e-12);
  }

  @Test
  void rieszOfACosineIsASineAndSecondOrderNegates() {
    // Riesz_x with R(w) = -i w/|w|: cos(wx) = (e^{iwx} + e^{-iwx})/2 -> (-i e^{iwx} + i e^{-iwx})/2 = sin(wx);
    // second order: (-i sign w)^2 = -1 -> -cos(wx). The inner filter is a 1-voxel mean (identity).
    int n = 32;
    double[] cos = new double[n];
    for (int x = 0; x < n; x++) {
      cos[x] = Math.cos(2 * Math.PI * 3 * x / n);
    }
    ImageFilter identity = new MeanFilter(1, BoundaryMode.CONSTANT, true);
    double[] r1 = new RieszFilter(identity, new int[] {1, 0, 0}, true).response(cos, n, 1, 1, new double[] {1, 1, 1});
    double[] r2 = new RieszFilter(identity, new int[] {2, 0, 0}, true).response(cos, n, 1, 1, new double[] {1, 1, 1});
    for (int x = 0; x < n; x++) {
      assertEquals(Math.sin(2 * Math.PI * 3 * x / n), r1[x], 1e-9);
      assertEquals(-cos[x], r2[x], 1e-9);
    }
  }

  @Test
  void fftMatchesTheDirectDftForPowerOfTwoAndOtherLengths() {
    for (int n : new int[] {1, 2, 8, 7, 12, 45}) {
      double[] re = new double[n];
      double[] im = new double[n];
      for (int i = 0; i < n; i++) {
        re[i] = Math.sin(1.3 * i) + i % 3;
        im[i] = Math.cos(0.7 * i * i);
      }
      double[] r = re.clone();
      double[] m = im.clone();
      Fft f = new Fft(n);
      f.transform(r, m, 0, 1, false, new double[f.scratch()], new double[f.scratch()]);
      for (int k = 0; k < n; k++) {
        double sr = 0;
        double si = 0;
        for (int j = 0; j < n; j++) {
          double a = -2 * Math.PI * (long) j * k / n;
          sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
          si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
        }
        assertEquals(sr, r[k], 1e-9, "n=" + n);
        assertEquals(si, m[k], 1e-9, "n=" + n);
      }
      f.transform(r, m, 0, 1, true, new double[f.scratch()], new double[f.scratch()]);
      assertArrayEquals(re, r, 1e-9);
      assertArrayEquals(im, m, 1e-9);
    }
  }

  // ---- rotations, grid, spec ----

  @Test
  void the24RotationsAreDistinctAndInvertible() {
    int[] d = {2, 3, 4};
    double[] a = new double[24];
    for (int i = 0; i < 24; i++) {
      a[i] = i;
    }
    List<Rotation> rs = Rotation.cube();
    assertEquals(24, rs.size());
    Set<String> seen = new HashSet<>();
    for (Rotation r : rs) {
      double[] f = r.forward(a, d);
      seen.add(java.util.Arrays.toString(f) + java.util.Arrays.toString(r.dims(d)));
      assertArrayEquals(a, r.inverse(f, d));
    }
    assertEquals(24, seen.size());
    assertEquals(4, Rotation.square().size());
  }

  @Test
  void everyFilterPreservesTheGridIncludingNonCubicAnisotropicOnes() {
    int nx = 9;
    int ny = 6;
    int nz = 5;
    float[] d = new float[nx * ny * nz];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) Math.sin(i * 0.37) * 50;
    }
    Volume v = new Volume(nx, ny, nz, d, new double[] {0.8, 1.1, 2.5}, new double[] {-10, 4, 7},
        new double[] {0, 1, 0, 1, 0, 0, 0, 0, 1});
    String[] specs = {
      "mean:support=3,mode=mirror", "log:sigma=1.5,mode=nearest", "log:sigma=1.5,mode=mirror,dim=2D,riesz=11",
      "laws:kernel=E5L5S5,mode=periodic,rotinv=max,energy=2", "laws:kernel=L5S5,rotinv=mean",
      "gabor:sigma=2,lambda=3,gamma=1.5,theta=30,step=45,pooling=max,dim=3D,mode=mirror",
      "wavelet:family=db3,band=HLH,level=2,mode=mirror,rotinv=mean", "wavelet:family=coif1,band=LH",
      "simoncelli:level=2", "simoncelli:level=1,dim=2D,riesz=02"};
    for (String s : specs) {
      Volume r = FilterSpec.parse(s).build().apply(v);
      assertTrue(r.sameGrid(v, 0), s);
      for (float x : r.data()) {
        assertTrue(Float.isFinite(x), s);
      }
    }
    // degenerate boxes (one voxel, thin slabs) must not throw; a zero image gives a zero response
    for (int[] dims : new int[][] {{1, 1, 1}, {2, 1, 3}, {1, 4, 1}}) {
      int n = dims[0] * dims[1] * dims[2];
      Volume z = Volume.of(dims[0], dims[1], dims[2], new float[n], 1, 1, 1);
      for (String s : specs) {
        for (float x : FilterSpec.parse(s).build().apply(z).data()) {
          assertEquals(0f, x, 0f, s);
        }
      }
    }
  }

  @Test
  void filterSpecParsesValidatesAndRoundTrips() throws Exception {
    FilterSpec s = FilterSpec.parse("LoG: sigma=1.5, truncate=4, mode=mirror, dim=3D");
    assertEquals("log:dim=3D,mode=mirror,sigma=1.5,truncate=4", s.toString());
    assertEquals(s, FilterSpec.parse(s.toString()));
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bo)) {
      o.writeObject(s);
      o.writeObject(s.build());
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bo.toByteArray()))) {
      assertEquals(s, in.readObject());
      assertTrue(in.readObject() instanceof LogFilter);
    }
    String[] bad = {"", "blur:size=3", "log", "log:sigma=-1", "log:sigma=1,mode=reflect", "mean:support=4",
      "mean:support=3,sigma=2", "laws:kernel=E5L5S5,dim=2D", "laws:kernel=X5L5S5", "wavelet:family=db9,band=LHL",
      "wavelet:family=haar,band=LXL", "gabor:sigma=1,lambda=2", "log:sigma=1,riesz=12", "mean:support=3,support=5",
      "simoncelli:level=0", "log:sigma=abc"};
    for (String b : bad) {
      assertThrows(IllegalArgumentException.class, () -> FilterSpec.parse(b), b);
    }
  }
}
