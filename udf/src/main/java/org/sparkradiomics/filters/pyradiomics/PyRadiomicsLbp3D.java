package org.sparkradiomics.filters.pyradiomics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics {@code getLBP3DImage}: the spherical-harmonics local binary pattern (Banerjee et al. 2012) as
 * PyRadiomics 3.x implements it, computed at the ROI voxels only (settings {@code lbp3DLevels} = 2,
 * {@code lbp3DIcosphereRadius} = 1, {@code lbp3DIcosphereSubdivision} = 1). Yields {@code lbp-3D-m1} ..
 * {@code lbp-3D-m<levels>} and {@code lbp-3D-k}.
 *
 * <p><b>PyRadiomics' computation</b>, reproduced step by step:
 * <ol>
 *   <li>Sample directions: the vertices of {@code trimesh.creation.icosphere(subdivision, radius)}: the icosahedron
 *       with vertices {@code (±1, ±t, 0), (0, ±1, ±t), (±t, 0, ±1)} / sqrt(2 + t), t the golden ratio, subdivided
 *       {@code subdivision} times (each edge's midpoint {@code (a + b) / 2} added) and after every subdivision each
 *       vertex moved to the radius by {@code v += (v / |v|) (radius - |v|)}. Subdivision 1 gives 42 vertices. Only
 *       the vertex set matters (every later step is symmetric in the vertex order), so trimesh's vertex order is not
 *       reproduced; the floating-point operations are, including the +0.0 coordinates of the two pole vertices
 *       (atan2(+0, +0) = 0).
 *   <li>Angles: {@code theta = arccos(v[2] / radius)}, {@code phi = arctan2(v[1], v[0])}, and
 *       {@code Y_k = scipy.special.sph_harm(m, n, theta, phi)} for n = 0..levels-1, m = -n..n. scipy's
 *       {@code sph_harm} takes the AZIMUTH first: PyRadiomics thus passes the polar angle as azimuth and vice versa,
 *       i.e. {@code Y = sqrt((2n+1)/(4 pi) (n-|m|)!/(n+|m|)!) P_n^|m|(cos phi) e^(i m theta)} (times (-1)^|m| for
 *       m &lt; 0), with {@code P_n^m} including the Condon-Shortley phase ({@code P_1^1(x) = -sqrt(1 - x^2)}).
 *   <li>Samples: for an ROI voxel at numpy index (z, y, x), {@code f_v = map_coordinates(im, (z + v[0], y + v[1],
 *       x + v[2]), order=3)} (the vertex's FIRST component is added to z; offsets in voxels, spacing ignored), a
 *       cubic B-spline with scipy's defaults {@code mode='constant', cval=0, prefilter=True}: a sample outside
 *       {@code [0, n-1]} on any axis is 0; otherwise the spline uses the coefficients of the mirror-symmetric
 *       prefilter (pole sqrt3 - 2, gain 6, scipy's mirror initialisation) with coefficient indices mirrored at the
 *       edges. The output has the image's dtype: samples of an integer image are rounded half away from zero (scipy
 *       integer output), of a float32 image rounded to float ({@link SamplePrecision}).
 *   <li>Kurtosis {@code k = scipy.stats.kurtosis(f, axis=1)} (Fisher, biased: {@code m4 / m2^2 - 3} with central
 *       moments about the mean).
 *   <li>Bits {@code b_v = f_v >= I(z, y, x)}; {@code c_k = sum_v b_v Y_k(v)} (no conjugate); per level n,
 *       {@code g_n(v) = sum_{m} c_{n,m} Y_{n,m}(v)}; {@code m_n = Re sqrt(sum_v g_n(v)^2)} with the complex square
 *       and the principal complex square root, exactly as numpy evaluates {@code numpy.real(numpy.sqrt(numpy.sum(
 *       f ** 2, axis=1)))}.
 * </ol>
 *
 * <p><b>Deviations, stated</b>: (a) where the 4th central moment is degenerate ({@code m2 <= (1e-15 mean)^2}, e.g.
 * all samples equal) scipy &gt;= 1.9 returns NaN and older scipy {@code 0 - 3}; here {@code -3} (no silent NaN);
 * (b) voxels outside the ROI are 0 (PyRadiomics leaves uninitialised memory there); (c) scipy's moments of a
 * float32 sample array are accumulated in float32, here in double (differences of order 1e-7 relative); (d) the
 * prefilter (scipy's literal pole, axes z, y, x), the interpolation weights (the last one filled so that they sum
 * to 1) and the accumulation order {@code ((c w_z) w_y) w_x} follow scipy 1.10's C code, checked bitwise against
 * {@code map_coordinates} on 5040 sample points (a transcription in Python, IEEE operation for operation), so a
 * sample equal to the centre up to rounding compares as in PyRadiomics (the tie-deciding case that the scipy round
 * trip test contains); (e) scipy's 'constant' mode at the image edge (0 outside [0, n-1], mirrored coefficients
 * inside) is scipy &gt;= 1.6's and was checked against scipy 1.10 with an ROI touching the image border; (f) the
 * vertex order of trimesh is not reproduced (irrelevant, see 1.).
 *
 * <p>On a box ({@link RoiCrop}) padded by {@link #margin}: the samples reach ceil(radius) + 2 coefficients and the
 * mirror prefilter's influence decays as 0.268^d, so {@code ceil(radius) + 2 + 20} voxels make the ROI values equal
 * to the whole-image values to about 1e-11 relative.
 */
public final class PyRadiomicsLbp3D {
  /** How map_coordinates' output dtype (the image's dtype in PyRadiomics) rounds the interpolated samples. */
  public enum SamplePrecision {
    /** Integer pixel type (e.g. int16 CT): round half away from zero. */
    INTEGER,
    /** float32 pixel type: round to float. */
    FLOAT32,
    /** float64 pixel type: no rounding. */
    FLOAT64
  }

  /** scipy's literal for sqrt(3) - 2 (the computed difference is 1 ulp away, which changes rounding). */
  private static final double POLE = -0.267949192431122706472553658494127633;

  private PyRadiomicsLbp3D() {}

  /** INTEGER when every voxel value is an integer (the image was most likely an integer pixel type), else FLOAT32. */
  public static SamplePrecision samplePrecisionOf(Volume image) {
    for (float f : image.data()) {
      if (f != Math.rint(f)) {
        return SamplePrecision.FLOAT32;
      }
    }
    return SamplePrecision.INTEGER;
  }

  /** Padding (voxels, every axis) for exact ROI values on a box: ceil(radius) + 2 + 20. */
  public static int[] margin(double radius) {
    int m = (int) Math.ceil(radius) + 22;
    return new int[] {m, m, m};
  }

  /** With PyRadiomics' defaults: 2 levels, icosphere radius 1, subdivision 1. */
  public static Map<String, Volume> apply(Volume image, Mask mask, SamplePrecision precision) {
    return apply(image, mask, 2, 1.0, 1, precision);
  }

  /** The LBP3D images keyed by prefix (lbp-3D-m1 .. lbp-3D-m{levels}, lbp-3D-k), zero outside the ROI. */
  public static Map<String, Volume> apply(Volume image, Mask mask, int levels, double radius, int subdivision,
      SamplePrecision precision) {
    if (levels < 1 || levels > 10 || !(radius > 0) || Double.isInfinite(radius) || subdivision < 1
        || subdivision > 4) {
      throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "LBP 3D needs 1 <= levels <= 10, radius > 0 and "
          + "1 <= subdivision <= 4: " + levels + ", " + radius + ", " + subdivision);
    }
    if (!mask.onGridOf(image, 1e-3)) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, "mask " + mask + " is not on the grid of " + image);
    }
    double[][] v = icosphere(subdivision, radius);
    int nv = v.length;
    // spherical harmonics Y[k][vertex] (re, im), k in PyRadiomics' order (n, m = -n..n)
    int nk = levels * levels;
    double[][] yr = new double[nk][nv];
    double[][] yi = new double[nk][nv];
    int[] nOf = new int[nk];
    for (int j = 0; j < nv; j++) {
      double theta = Math.acos(v[j][2] / radius);
      double phi = Math.atan2(v[j][1], v[j][0]);
      int k = 0;
      for (int n = 0; n < levels; n++) {
        for (int m = -n; m <= n; m++) {
          double[] y = sphHarm(m, n, theta, phi);
          yr[k][j] = y[0];
          yi[k][j] = y[1];
          nOf[k] = n;
          k++;
        }
      }
    }
    int nx = image.nx();
    int ny = image.ny();
    int nz = image.nz();
    double[] coef = bsplineCoefficients(image);
    float[] in = image.data();
    boolean[] roi = mask.inside();
    float[][] out = new float[levels + 1][in.length];
    double[] f = new double[nv];
    int[] b = new int[nv];
    double[] cr = new double[nk];
    double[] ci = new double[nk];
    double[] sw = new double[12];
    int[] sidx = new int[12];
    for (int idx = 0; idx < in.length; idx++) {
      if (!roi[idx]) {
        continue;
      }
      int x = idx % nx;
      int y = (idx / nx) % ny;
      int z = idx / (nx * ny);
      for (int j = 0; j < nv; j++) {
        double s = sample(coef, nx, ny, nz, z + v[j][0], y + v[j][1], x + v[j][2], sw, sidx);
        f[j] = precision == SamplePrecision.INTEGER ? (s > 0 ? (long) (s + 0.5) : (long) (s - 0.5))
            : precision == SamplePrecision.FLOAT32 ? (float) s : s;
      }
      out[levels][idx] = (float) kurtosis(f);
      double centre = in[idx];
      for (int j = 0; j < nv; j++) {
        b[j] = f[j] >= centre ? 1 : 0;
      }
      for (int k = 0; k < nk; k++) {
        double sr = 0;
        double si = 0;
        for (int j = 0; j < nv; j++) {
          sr += b[j] * yr[k][j];
          si += b[j] * yi[k][j];
        }
        cr[k] = sr;
        ci[k] = si;
      }
      for (int n = 0; n < levels; n++) {
        double sumRe = 0;
        double sumIm = 0;
        for (int j = 0; j < nv; j++) {
          double gr = 0;
          double gi = 0;
          for (int k = n * n; k < (n + 1) * (n + 1); k++) {
            gr += cr[k] * yr[k][j] - ci[k] * yi[k][j];
            gi += cr[k] * yi[k][j] + ci[k] * yr[k][j];
          }
          sumRe += gr * gr - gi * gi;
          sumIm += 2 * gr * gi;
        }
        out[n][idx] = (float) sqrtRe(sumRe, sumIm);
      }
    }
    Map<String, Volume> r = new LinkedHashMap<>();
    String[] names = PyRadiomicsImageType.lbp3dPrefixes(levels);
    for (int l = 0; l <= levels; l++) {
      r.put(names[l], image.withData(out[l]));
    }
    return r;
  }

  /** Real part of the principal square root of {@code a + i b} (C99 csqrt, as numpy). */
  static double sqrtRe(double a, double b) {
    if (b == 0) {
      return a >= 0 ? Math.sqrt(a) : 0.0;
    }
    double h = Math.hypot(a, b);
    if (a >= 0) {
      return Math.sqrt((h + a) / 2);
    }
    double t = Math.sqrt((h - a) / 2);
    return Math.abs(b) / (2 * t);
  }

  /**
   * scipy.stats.kurtosis(f) (Fisher, biased), with -3 where scipy's degenerate test {@code m2 <= (1e-15 mean)^2}
   * holds (see the class comment).
   */
  static double kurtosis(double[] f) {
    double mean = 0;
    for (double d : f) {
      mean += d;
    }
    mean /= f.length;
    double m2 = 0;
    double m4 = 0;
    for (double d : f) {
      double e = d - mean;
      double e2 = e * e;
      m2 += e2;
      m4 += e2 * e2;
    }
    m2 /= f.length;
    m4 /= f.length;
    double res = 1e-15 * mean;
    if (m2 <= res * res) {
      return -3.0;
    }
    return m4 / (m2 * m2) - 3.0;
  }

  /** scipy.special.sph_harm(m, n, theta, phi): theta is the azimuth, phi the polar angle. {re, im}. */
  static double[] sphHarm(int m, int n, double theta, double phi) {
    int mp = Math.abs(m);
    double x = Math.cos(phi);
    double p = legendre(mp, n, x);
    double ratio = 1.0; // (n - mp)! / (n + mp)!
    for (int i = n - mp + 1; i <= n + mp; i++) {
      ratio /= i;
    }
    double val = Math.sqrt((2 * n + 1) / 4.0 / Math.PI) * Math.sqrt(ratio) * p;
    if (m < 0 && (mp % 2 == 1)) {
      val = -val;
    }
    return new double[] {val * Math.cos(m * theta), val * Math.sin(m * theta)};
  }

  /** Associated Legendre function P_n^m(x), m &gt;= 0, with the Condon-Shortley phase (scipy's lpmv). */
  static double legendre(int m, int n, double x) {
    double pmm = 1.0;
    if (m > 0) {
      double somx2 = Math.sqrt((1.0 - x) * (1.0 + x));
      double fact = 1.0;
      for (int i = 1; i <= m; i++) {
        pmm *= -fact * somx2;
        fact += 2.0;
      }
    }
    if (n == m) {
      return pmm;
    }
    double pmmp1 = x * (2 * m + 1) * pmm;
    if (n == m + 1) {
      return pmmp1;
    }
    double pll = 0;
    for (int ll = m + 2; ll <= n; ll++) {
      pll = (x * (2 * ll - 1) * pmmp1 - (ll + m - 1) * pmm) / (ll - m);
      pmm = pmmp1;
      pmmp1 = pll;
    }
    return pll;
  }

  /** Vertices of trimesh's icosphere(subdivisions, radius), see the class comment (order not trimesh's). */
  static double[][] icosphere(int subdivisions, double radius) {
    double t = (1.0 + Math.sqrt(5.0)) / 2.0;
    double[][] base = {{-1, t, 0}, {1, t, 0}, {-1, -t, 0}, {1, -t, 0}, {0, -1, t}, {0, 1, t}, {0, -1, -t},
      {0, 1, -t}, {t, 0, -1}, {t, 0, 1}, {-t, 0, -1}, {-t, 0, 1}};
    int[][] faces = {{0, 11, 5}, {0, 5, 1}, {0, 1, 7}, {0, 7, 10}, {0, 10, 11}, {1, 5, 9}, {5, 11, 4},
      {11, 10, 2}, {10, 7, 6}, {7, 1, 8}, {3, 9, 4}, {3, 4, 2}, {3, 2, 6}, {3, 6, 8}, {3, 8, 9}, {4, 9, 5},
      {2, 4, 11}, {6, 2, 10}, {8, 6, 7}, {9, 8, 1}};
    double s = Math.sqrt(2.0 + t);
    List<double[]> verts = new ArrayList<>();
    for (double[] b : base) {
      verts.add(new double[] {b[0] / s, b[1] / s, b[2] / s});
    }
    for (int level = 0; level < subdivisions; level++) {
      Map<Long, Integer> mid = new HashMap<>();
      int[][] next = new int[faces.length * 4][];
      int nf = 0;
      for (int[] fc : faces) {
        int ab = midpoint(verts, mid, fc[0], fc[1]);
        int bc = midpoint(verts, mid, fc[1], fc[2]);
        int ca = midpoint(verts, mid, fc[2], fc[0]);
        next[nf++] = new int[] {fc[0], ab, ca};
        next[nf++] = new int[] {ab, fc[1], bc};
        next[nf++] = new int[] {ca, bc, fc[2]};
        next[nf++] = new int[] {ab, bc, ca};
      }
      faces = next;
      for (double[] p : verts) {
        double scalar = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        double off = radius - scalar;
        for (int a = 0; a < 3; a++) {
          p[a] += p[a] / scalar * off;
        }
      }
    }
    return verts.toArray(new double[0][]);
  }

  private static int midpoint(List<double[]> verts, Map<Long, Integer> mid, int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    long key = ((long) lo << 32) | hi;
    Integer known = mid.get(key);
    if (known != null) {
      return known;
    }
    double[] p = verts.get(lo);
    double[] q = verts.get(hi);
    verts.add(new double[] {(p[0] + q[0]) / 2, (p[1] + q[1]) / 2, (p[2] + q[2]) / 2});
    mid.put(key, verts.size() - 1);
    return verts.size() - 1;
  }

  /** Cubic B-spline coefficients of the image with scipy's mirror boundary (scipy.ndimage.spline_filter). */
  static double[] bsplineCoefficients(Volume image) {
    int[] dims = {image.nx(), image.ny(), image.nz()};
    float[] in = image.data();
    double[] c = new double[in.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = in[i];
    }
    for (int axis = 2; axis >= 0; axis--) { // numpy axis order z, y, x, as scipy's spline_filter
      int n = dims[axis];
      if (n == 1) {
        continue;
      }
      int stride = Lines.stride(dims, axis);
      double[] line = new double[n];
      double zn1 = poleToThe(n - 1);
      int lines = c.length / n;
      for (int l = 0; l < lines; l++) {
        int base = Lines.lineBase(dims, axis, l);
        for (int i = 0; i < n; i++) {
          line[i] = c[base + i * stride];
        }
        prefilterMirror(line, zn1);
        for (int i = 0; i < n; i++) {
          c[base + i * stride] = line[i];
        }
      }
    }
    return c;
  }

  /** scipy ni_splines.c apply_filter for order 3 with the mirror initialisation. */
  static void prefilterMirror(double[] c, double zn1) {
    int n = c.length;
    double z = POLE;
    double gain = (1.0 - z) * (1.0 - 1.0 / z);
    for (int i = 0; i < n; i++) {
      c[i] *= gain;
    }
    // causal initialisation (mirror), zn1 = z^(n-1): c0 = sum_{k < 2n-2} z^k c_mirror(k) / (1 - z^(2n-2))
    double zi = z;
    double c0 = c[0] + zn1 * c[n - 1];
    for (int i = 1; i < n - 1; i++) {
      c0 += zi * (c[i] + zn1 * c[n - 1 - i]);
      zi *= z;
    }
    c[0] = c0 / (1 - zn1 * zn1);
    for (int i = 1; i < n; i++) {
      c[i] += z * c[i - 1];
    }
    c[n - 1] = (z * c[n - 2] + c[n - 1]) * z / (z * z - 1);
    for (int i = n - 2; i >= 0; i--) {
      c[i] = z * (c[i + 1] - c[i]);
    }
  }

  /** {@code z^k} correctly rounded, as C's pow gives it (Math.pow may differ by one ulp). */
  private static double poleToThe(int k) {
    return new java.math.BigDecimal(POLE).pow(k).doubleValue();
  }

  /** The spline at numpy coordinates (pz, py, px); 0 outside [0, n-1] on any axis (scipy mode 'constant'). */
  static double sample(double[] coef, int nx, int ny, int nz, double pz, double py, double px) {
    return sample(coef, nx, ny, nz, pz, py, px, new double[12], new int[12]);
  }

  /** As above with scratch arrays (12 weights, 12 indices: z, y, x blocks of 4). */
  static double sample(double[] coef, int nx, int ny, int nz, double pz, double py, double px, double[] w,
      int[] idx) {
    if (pz < 0 || pz > nz - 1 || py < 0 || py > ny - 1 || px < 0 || px > nx - 1) {
      return 0.0;
    }
    weights(pz, nz, w, idx, 0);
    weights(py, ny, w, idx, 4);
    weights(px, nx, w, idx, 8);
    // scipy NI_GeometricTransform: t += ((coefficient * w_z) * w_y) * w_x, last axis fastest
    double s = 0;
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        int row = nx * (idx[4 + b] + ny * idx[a]);
        for (int c = 0; c < 4; c++) {
          s += coef[idx[8 + c] + row] * w[a] * w[4 + b] * w[8 + c];
        }
      }
    }
    return s;
  }

  /** scipy spline_interpolation_weights (order 3), the last weight filled so that they sum to 1. */
  private static void weights(double p, int n, double[] w, int[] idx, int off) {
    double fl = Math.floor(p);
    double y = p - fl;
    double z = 1.0 - y;
    w[off] = z * z * z / 6.0;
    w[off + 1] = (y * y * (y - 2.0) * 3.0 + 4.0) / 6.0;
    w[off + 2] = (z * z * (z - 2.0) * 3.0 + 4.0) / 6.0;
    w[off + 3] = 1.0 - w[off] - w[off + 1] - w[off + 2];
    int start = (int) fl - 1;
    for (int k = 0; k < 4; k++) {
      idx[off + k] = mirror(start + k, n);
    }
  }

  /** scipy 'mirror' index (reflection about 0 and n-1 without repeating the edge; period 2n-2). */
  static int mirror(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * n - 2;
    int p = Math.floorMod(i, period);
    return p < n ? p : period - p;
  }
}
