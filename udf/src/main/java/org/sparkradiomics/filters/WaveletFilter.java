package org.sparkradiomics.filters;

import java.util.Locale;

/**
 * IBSI-2 separable wavelet sub-band of the undecimated (stationary, "a trous") decomposition.
 *
 * <p>A sub-band name lists the 1D filter per axis, x first: {@code LHL} is the low-pass along x, high-pass along y
 * and low-pass along z (2D names such as {@code HL} filter in-plane). The 1D decomposition filters are those of the
 * wavelet ({@code dec_lo}/{@code dec_hi}, e.g. Haar {@code [1 1]/sqrt2}, {@code [-1 1]/sqrt2}). Level {@code j}
 * uses the filters dilated by {@code s = 2^(j-1)}: each coefficient followed by {@code s-1} zeros (length
 * {@code L*s}), and is applied to the level {@code j-1} approximation ({@code LLL}; the image itself at level 1).
 * Every 1D step is a convolution with the kernel centre at index {@code floor(length/2)}.
 *
 * <p>Rotation invariance pools the sub-band over the 24 right-angle 3D rotations (4 in-plane rotations in 2D);
 * IBSI-2 uses the average.
 */
public final class WaveletFilter implements ImageFilter {
  private static final long serialVersionUID = 1L;

  private final String family;
  private final String band;
  private final int level;
  private final BoundaryMode mode;
  private final Pooling rotationPooling;
  private final double[] lo;
  private final double[] hi;

  /**
   * @param family haar (= db1), db2, db3, db4, coif1 or coif2
   * @param band e.g. "LHL" (3D) or "HL" (2D)
   * @param rotationPooling null for no rotation invariance
   */
  public WaveletFilter(String family, String band, int level, BoundaryMode mode, Pooling rotationPooling) {
    this.family = family.trim().toLowerCase(Locale.ROOT);
    double[][] f = filters(this.family);
    this.lo = f[0];
    this.hi = f[1];
    this.band = band.trim().toUpperCase(Locale.ROOT);
    if (!this.band.matches("[LH]{2,3}")) {
      throw new IllegalArgumentException("wavelet sub-band must be 2 or 3 letters L/H, e.g. LHL: " + band);
    }
    if (level < 1 || level > 8) {
      throw new IllegalArgumentException("wavelet level must be in 1..8: " + level);
    }
    this.level = level;
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    this.rotationPooling = rotationPooling;
  }

  /** {dec_lo, dec_hi} of the named orthogonal wavelet. */
  static double[][] filters(String family) {
    double[] lo;
    switch (family) {
      case "haar": case "db1":
        lo = new double[] {0.7071067811865476, 0.7071067811865476};
        break;
      case "db2":
        lo = new double[] {-0.12940952255092145, 0.22414386804185735, 0.836516303737469, 0.48296291314469025};
        break;
      case "db3":
        lo = new double[] {0.035226291882100656, -0.08544127388224149, -0.13501102001039084,
          0.4598775021193313, 0.8068915093133388, 0.3326705529509569};
        break;
      case "db4":
        lo = new double[] {-0.010597401784997278, 0.032883011666982945, 0.030841381835986965,
          -0.18703481171888114, -0.02798376941698385, 0.6308807679295904, 0.7148465705525415,
          0.23037781330885523};
        break;
      case "coif2":
        lo = new double[] {-0.0007205494453645122, -0.0018232088707029932, 0.0056114348193944995,
          0.023680171946334084, -0.0594344186464569, -0.0764885990783064, 0.41700518442169254,
          0.8127236354455423, 0.3861100668211622, -0.06737255472196302, -0.041464936781759151,
          0.016387336463522112};
        break;
      case "coif1":
        lo = new double[] {-0.01565572813546454, -0.0727326195128539, 0.38486484686420286,
          0.8525720202122554, 0.3378976624578092, -0.0727326195128539};
        break;
      default:
        throw new IllegalArgumentException("unknown wavelet '" + family + "' (haar, db1, db2, db3, db4, coif1, coif2)");
    }
    // quadrature mirror: dec_hi[k] = (-1)^(k+1) * dec_lo[L-1-k]
    int n = lo.length;
    double[] hi = new double[n];
    for (int k = 0; k < n; k++) {
      hi[k] = ((k % 2 == 0) ? -1 : 1) * lo[n - 1 - k];
    }
    return new double[][] {lo, hi};
  }

  /** The filter {@code f} dilated for level {@code j}: each coefficient followed by {@code 2^(j-1) - 1} zeros. */
  static double[] dilate(double[] f, int j) {
    int s = 1 << (j - 1);
    double[] r = new double[f.length * s];
    for (int i = 0; i < f.length; i++) {
      r[i * s] = f[i];
    }
    return r;
  }

  @Override
  public double[] response(double[] data, int nx, int ny, int nz, double[] spacing) {
    boolean threeD = band.length() == 3;
    int[] axes = Conv.axes(threeD);
    Rotation.GridFilter plain = (a, dims, sp) -> {
      double[] cur = a;
      for (int j = 1; j <= level; j++) {
        double[][] ks = new double[axes.length][];
        for (int ax = 0; ax < axes.length; ax++) {
          boolean high = j == level && band.charAt(ax) == 'H';
          ks[ax] = dilate(high ? hi : lo, j);
        }
        cur = Conv.separable(cur, dims[0], dims[1], dims[2], axes, ks, mode);
      }
      return cur;
    };
    int[] d = {nx, ny, nz};
    return rotationPooling == null ? plain.apply(data, d, spacing)
        : Rotation.pool(threeD ? Rotation.cube() : Rotation.square(), rotationPooling, data, d, spacing, plain);
  }
}
