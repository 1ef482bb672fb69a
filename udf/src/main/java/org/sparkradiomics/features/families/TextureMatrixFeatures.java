package org.sparkradiomics.features.families;

import java.util.Arrays;

/**
 * The sixteen features shared by the grey level run length (GLRLM), size zone (GLSZM) and distance zone (GLDZM)
 * matrices (IBSI-1 sections 3.7, 3.8 and 3.10). All three matrices count, per grey level {@code i} and per
 * "extent" {@code j} (run length, zone size or zone distance, {@code j >= 1}), how many runs or zones there are:
 * {@code m_ij}. With {@code N_s = sum_ij m_ij}, the row marginal {@code m_i. = sum_j m_ij}, the column marginal
 * {@code m_.j = sum_i m_ij}, {@code p_ij = m_ij / N_s} and {@code N_v} the number of voxels the matrix was built
 * from, the features are, in this order ({@code j} is "run length" / "zone size" / "zone distance"):
 *
 * <ol start="0">
 *   <li>short/small emphasis {@code (1/N_s) sum_j m_.j / j^2}
 *   <li>long/large emphasis {@code (1/N_s) sum_j m_.j j^2}
 *   <li>low grey level emphasis {@code (1/N_s) sum_i m_i. / i^2}
 *   <li>high grey level emphasis {@code (1/N_s) sum_i m_i. i^2}
 *   <li>short/small low grey level emphasis {@code (1/N_s) sum_ij m_ij / (i^2 j^2)}
 *   <li>short/small high grey level emphasis {@code (1/N_s) sum_ij m_ij i^2 / j^2}
 *   <li>long/large low grey level emphasis {@code (1/N_s) sum_ij m_ij j^2 / i^2}
 *   <li>long/large high grey level emphasis {@code (1/N_s) sum_ij m_ij i^2 j^2}
 *   <li>grey level non-uniformity {@code (1/N_s) sum_i m_i.^2}
 *   <li>normalised grey level non-uniformity {@code (1/N_s^2) sum_i m_i.^2}
 *   <li>extent non-uniformity {@code (1/N_s) sum_j m_.j^2}
 *   <li>normalised extent non-uniformity {@code (1/N_s^2) sum_j m_.j^2}
 *   <li>run / zone percentage {@code N_s / N_v}
 *   <li>grey level variance {@code sum_ij (i - mu_i)^2 p_ij}, {@code mu_i = sum_ij i p_ij}
 *   <li>extent variance {@code sum_ij (j - mu_j)^2 p_ij}, {@code mu_j = sum_ij j p_ij}
 *   <li>entropy {@code -sum_ij p_ij log2 p_ij}
 * </ol>
 *
 * <p>Every feature is undefined (NaN) for an empty matrix ({@code N_s = 0}).
 */
final class TextureMatrixFeatures {
  private TextureMatrixFeatures() {}

  static final int COUNT = 16;
  static final int PERCENTAGE = 12;

  /**
   * Features of a dense matrix {@code m[(i - 1) * nCols + (j - 1)]}, grey levels {@code i = 1..nLevels}, extents
   * {@code j = 1..nCols}.
   */
  static double[] fromDense(double[] m, int nLevels, int nCols, double nv) {
    Acc a = new Acc(nLevels, nCols);
    for (int i = 1; i <= nLevels; i++) {
      int base = (i - 1) * nCols;
      for (int j = 1; j <= nCols; j++) {
        double c = m[base + j - 1];
        if (c != 0) {
          a.add(i, j, c);
        }
      }
    }
    return a.finish(nv);
  }

  /** Packs one run or zone of grey level {@code level} and extent {@code extent} into a sortable key. */
  static long key(int level, int extent) {
    return ((long) level << 32) | (extent & 0xffffffffL);
  }

  /**
   * Features of a sparse matrix given as one key per run or zone ({@link #key}); keys[from, to) are sorted in place
   * so that equal cells become adjacent.
   */
  static double[] fromKeys(long[] keys, int from, int to, double nv) {
    Arrays.sort(keys, from, to);
    int maxLevel = 0;
    int maxExtent = 0;
    for (int k = from; k < to; k++) {
      maxLevel = Math.max(maxLevel, (int) (keys[k] >>> 32));
      maxExtent = Math.max(maxExtent, (int) keys[k]);
    }
    Acc a = new Acc(maxLevel, maxExtent);
    int k = from;
    while (k < to) {
      long cell = keys[k];
      int e = k + 1;
      while (e < to && keys[e] == cell) {
        e++;
      }
      a.add((int) (cell >>> 32), (int) cell, e - k);
      k = e;
    }
    return a.finish(nv);
  }

  /** Single-pass accumulator over the non-zero cells of a matrix. */
  private static final class Acc {
    private final double[] row;
    private final double[] col;
    private double ns;
    private double se;
    private double le;
    private double lge;
    private double hge;
    private double slge;
    private double shge;
    private double llge;
    private double lhge;
    private double si;
    private double sii;
    private double sj;
    private double sjj;
    private double cLogC; // sum c log2 c, so that entropy = log2 N_s - cLogC / N_s

    Acc(int maxLevel, int maxExtent) {
      row = new double[maxLevel + 1];
      col = new double[maxExtent + 1];
    }

    void add(int i, int j, double c) {
      double i2 = (double) i * i;
      double j2 = (double) j * j;
      ns += c;
      se += c / j2;
      le += c * j2;
      lge += c / i2;
      hge += c * i2;
      slge += c / (i2 * j2);
      shge += c * i2 / j2;
      llge += c * j2 / i2;
      lhge += c * i2 * j2;
      si += c * i;
      sii += c * i2;
      sj += c * j;
      sjj += c * j2;
      cLogC += c * Math.log(c);
      row[i] += c;
      col[j] += c;
    }

    double[] finish(double nv) {
      double[] f = new double[COUNT];
      if (ns == 0) {
        Arrays.fill(f, Double.NaN);
        return f;
      }
      double rowSq = 0;
      for (double r : row) {
        rowSq += r * r;
      }
      double colSq = 0;
      for (double c : col) {
        colSq += c * c;
      }
      double mi = si / ns;
      double mj = sj / ns;
      f[0] = se / ns;
      f[1] = le / ns;
      f[2] = lge / ns;
      f[3] = hge / ns;
      f[4] = slge / ns;
      f[5] = shge / ns;
      f[6] = llge / ns;
      f[7] = lhge / ns;
      f[8] = rowSq / ns;
      f[9] = rowSq / (ns * ns);
      f[10] = colSq / ns;
      f[11] = colSq / (ns * ns);
      f[12] = nv > 0 ? ns / nv : Double.NaN;
      f[13] = Math.max(0, sii / ns - mi * mi);
      f[14] = Math.max(0, sjj / ns - mj * mj);
      f[15] = Math.max(0, (Math.log(ns) - cLogC / ns) / Math.log(2));
      return f;
    }
  }

  /**
   * Running mean of feature vectors (IBSI "averaged" aggregation): features of several matrices averaged
   * element-wise.
   */
  static final class Mean {
    private final double[] sum = new double[COUNT];
    private int n;

    void add(double[] f) {
      for (int k = 0; k < COUNT; k++) {
        sum[k] += f[k];
      }
      n++;
    }

    int count() {
      return n;
    }

    double[] mean() {
      double[] m = new double[COUNT];
      for (int k = 0; k < COUNT; k++) {
        m[k] = n == 0 ? Double.NaN : sum[k] / n;
      }
      return m;
    }
  }
}
