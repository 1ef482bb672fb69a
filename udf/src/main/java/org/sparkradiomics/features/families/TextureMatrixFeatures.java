package org.sparkradiomics.features.families;

import java.util.Arrays;

/**
 * The sixteen features shared by the grey level run length (GLRLM), size zone (GLSZM) and distance zone (GLDZM)
 * matrices (IBSI-1 sections 3.7, 3.8 and 3.9). All three matrices count, per grey level {@code i} and per
 * "extent" {@code j} (run length, zone size or zone distance, {@code j >= 1}), how many runs or zones there are:
 * {@code m_ij}. With {@code N_s = sum_ij m_ij}, the row marginal {@code m_i. = sum_j m_ij}, the column marginal
 * {@code m_.j = sum_i m_ij}, {@code p_ij = m_ij / N_s} and {@code N_v} the number of voxels the matrix was built
 * from.
 *
 * <p>Each matrix is prepared once ({@link Prepared}): one pass over its non-zero cells accumulates every sum the
 * features share (N_s, the weighted sums of the emphases, the moments of i and j, {@code sum m log m}, the
 * marginals). Each feature is then one method below, generic in the extent; the families expose them under their
 * own names and IBSI codes ({@link GlrlmFamily}, {@link GlszmFamily}, {@link GldzmFamily}) and list them in their
 * {@code FEATURES} order through a {@link Row}. The generic order ({@link #row}) is:
 * short/small emphasis, long/large emphasis, low and high grey level emphasis, the four combined emphases, grey
 * level non-uniformity (plain, normalised), extent non-uniformity (plain, normalised), percentage, grey level
 * variance, extent variance, entropy.
 *
 * <p>Every feature is undefined (NaN) for an empty matrix ({@code N_s = 0}).
 */
final class TextureMatrixFeatures {
  private TextureMatrixFeatures() {}

  static final int COUNT = 16;
  static final int PERCENTAGE = 12;

  private static final double LN2 = Math.log(2);

  /** The feature row of a family, in its {@code FEATURES} order, from a non-empty prepared matrix. */
  interface Row {
    double[] of(Prepared m);
  }

  /** The 16 generic features of a non-empty prepared matrix, in the order of the class comment. */
  static double[] row(Prepared m) {
    return new double[] {
      shortEmphasis(m), longEmphasis(m), lowGreyLevelEmphasis(m), highGreyLevelEmphasis(m),
      shortLowGreyLevelEmphasis(m), shortHighGreyLevelEmphasis(m), longLowGreyLevelEmphasis(m),
      longHighGreyLevelEmphasis(m), greyLevelNonUniformity(m), normalisedGreyLevelNonUniformity(m),
      extentNonUniformity(m), normalisedExtentNonUniformity(m), percentage(m), greyLevelVariance(m),
      extentVariance(m), entropy(m)
    };
  }

  /** Generic-order features of a dense matrix (see {@link #fromDense(double[], int, int, double, Row)}). */
  static double[] fromDense(double[] m, int nLevels, int nCols, double nv) {
    return fromDense(m, nLevels, nCols, nv, TextureMatrixFeatures::row);
  }

  /**
   * Features ({@code row} order) of a dense matrix {@code m[(i - 1) * nCols + (j - 1)]}, grey levels
   * {@code i = 1..nLevels}, extents {@code j = 1..nCols}; all NaN when the matrix is empty.
   */
  static double[] fromDense(double[] m, int nLevels, int nCols, double nv, Row row) {
    Prepared a = new Prepared(nLevels, nCols);
    for (int i = 1; i <= nLevels; i++) {
      int base = (i - 1) * nCols;
      for (int j = 1; j <= nCols; j++) {
        double c = m[base + j - 1];
        if (c != 0) {
          a.add(i, j, c);
        }
      }
    }
    return a.finish(nv, row);
  }

  /** Packs one run or zone of grey level {@code level} and extent {@code extent} into a sortable key. */
  static long key(int level, int extent) {
    return ((long) level << 32) | (extent & 0xffffffffL);
  }

  /**
   * Features ({@code row} order) of a sparse matrix given as one key per run or zone ({@link #key}); keys[from, to)
   * are sorted in place so that equal cells become adjacent. All NaN when the range is empty.
   */
  static double[] fromKeys(long[] keys, int from, int to, double nv, Row row) {
    Arrays.sort(keys, from, to);
    int maxLevel = 0;
    int maxExtent = 0;
    for (int k = from; k < to; k++) {
      maxLevel = Math.max(maxLevel, (int) (keys[k] >>> 32));
      maxExtent = Math.max(maxExtent, (int) keys[k]);
    }
    Prepared a = new Prepared(maxLevel, maxExtent);
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
    return a.finish(nv, row);
  }

  /**
   * One matrix prepared for the feature methods: the sums every feature needs, accumulated in a single pass over
   * the non-zero cells ({@link #add}), then completed by {@link #finish}.
   */
  static final class Prepared {
    private final double[] rowMarginal;
    private final double[] colMarginal;
    /** N_s = sum_ij m_ij. */
    double ns;
    /** N_v, the number of voxels the matrix was built from. */
    double nv;
    /** sum_ij m_ij / j^2. */
    double sumInvJ2;
    /** sum_ij m_ij j^2. */
    double sumJ2;
    /** sum_ij m_ij / i^2. */
    double sumInvI2;
    /** sum_ij m_ij i^2 (also the second moment of i). */
    double sumI2;
    /** sum_ij m_ij / (i^2 j^2). */
    double sumInvI2J2;
    /** sum_ij m_ij i^2 / j^2. */
    double sumI2OverJ2;
    /** sum_ij m_ij j^2 / i^2. */
    double sumJ2OverI2;
    /** sum_ij m_ij i^2 j^2. */
    double sumI2J2;
    /** sum_ij m_ij i. */
    double sumI;
    /** sum_ij m_ij j. */
    double sumJ;
    /** sum_ij m_ij ln m_ij, so that the entropy is log2 N_s - (sum m log2 m) / N_s. */
    double sumCLnC;
    /** sum_i m_i.^2. */
    double rowSquares;
    /** sum_j m_.j^2. */
    double colSquares;

    Prepared(int maxLevel, int maxExtent) {
      rowMarginal = new double[maxLevel + 1];
      colMarginal = new double[maxExtent + 1];
    }

    /** Adds the cell (i, j) holding count {@code c} (&gt; 0); each cell once. */
    void add(int i, int j, double c) {
      double i2 = (double) i * i;
      double j2 = (double) j * j;
      ns += c;
      sumInvJ2 += c / j2;
      sumJ2 += c * j2;
      sumInvI2 += c / i2;
      sumI2 += c * i2;
      sumInvI2J2 += c / (i2 * j2);
      sumI2OverJ2 += c * i2 / j2;
      sumJ2OverI2 += c * j2 / i2;
      sumI2J2 += c * i2 * j2;
      sumI += c * i;
      sumJ += c * j;
      sumCLnC += c * Math.log(c);
      rowMarginal[i] += c;
      colMarginal[j] += c;
    }

    /** Completes the marginal sums, records {@code nv}, and returns {@code row} of it (all NaN when empty). */
    double[] finish(double nv, Row row) {
      if (ns == 0) {
        double[] f = new double[COUNT];
        Arrays.fill(f, Double.NaN);
        return f;
      }
      this.nv = nv;
      double r2 = 0;
      for (double r : rowMarginal) {
        r2 += r * r;
      }
      rowSquares = r2;
      double c2 = 0;
      for (double c : colMarginal) {
        c2 += c * c;
      }
      colSquares = c2;
      return row.of(this);
    }
  }

  /** Short runs / small zones / small distances emphasis: {@code (1/N_s) sum_j m_.j / j^2}. */
  static double shortEmphasis(Prepared m) {
    return m.sumInvJ2 / m.ns;
  }

  /** Long runs / large zones / large distances emphasis: {@code (1/N_s) sum_j m_.j j^2}. */
  static double longEmphasis(Prepared m) {
    return m.sumJ2 / m.ns;
  }

  /** Low grey level (run / zone) emphasis: {@code (1/N_s) sum_i m_i. / i^2}. */
  static double lowGreyLevelEmphasis(Prepared m) {
    return m.sumInvI2 / m.ns;
  }

  /** High grey level (run / zone) emphasis: {@code (1/N_s) sum_i m_i. i^2}. */
  static double highGreyLevelEmphasis(Prepared m) {
    return m.sumI2 / m.ns;
  }

  /** Short/small low grey level emphasis: {@code (1/N_s) sum_ij m_ij / (i^2 j^2)}. */
  static double shortLowGreyLevelEmphasis(Prepared m) {
    return m.sumInvI2J2 / m.ns;
  }

  /** Short/small high grey level emphasis: {@code (1/N_s) sum_ij m_ij i^2 / j^2}. */
  static double shortHighGreyLevelEmphasis(Prepared m) {
    return m.sumI2OverJ2 / m.ns;
  }

  /** Long/large low grey level emphasis: {@code (1/N_s) sum_ij m_ij j^2 / i^2}. */
  static double longLowGreyLevelEmphasis(Prepared m) {
    return m.sumJ2OverI2 / m.ns;
  }

  /** Long/large high grey level emphasis: {@code (1/N_s) sum_ij m_ij i^2 j^2}. */
  static double longHighGreyLevelEmphasis(Prepared m) {
    return m.sumI2J2 / m.ns;
  }

  /** Grey level non-uniformity: {@code (1/N_s) sum_i m_i.^2}. */
  static double greyLevelNonUniformity(Prepared m) {
    return m.rowSquares / m.ns;
  }

  /** Normalised grey level non-uniformity: {@code (1/N_s^2) sum_i m_i.^2}. */
  static double normalisedGreyLevelNonUniformity(Prepared m) {
    return m.rowSquares / (m.ns * m.ns);
  }

  /** Run length / zone size / zone distance non-uniformity: {@code (1/N_s) sum_j m_.j^2}. */
  static double extentNonUniformity(Prepared m) {
    return m.colSquares / m.ns;
  }

  /** Normalised run length / zone size / zone distance non-uniformity: {@code (1/N_s^2) sum_j m_.j^2}. */
  static double normalisedExtentNonUniformity(Prepared m) {
    return m.colSquares / (m.ns * m.ns);
  }

  /** Run / zone percentage: {@code N_s / N_v}; NaN when N_v is not positive. */
  static double percentage(Prepared m) {
    return m.nv > 0 ? m.ns / m.nv : Double.NaN;
  }

  /**
   * Grey level variance: {@code sum_ij (i - mu)^2 p_ij}, {@code mu = sum_ij i p_ij}, computed as
   * {@code sum_ij i^2 p_ij - mu^2} and clamped at 0 against rounding.
   */
  static double greyLevelVariance(Prepared m) {
    double mu = m.sumI / m.ns;
    return Math.max(0, m.sumI2 / m.ns - mu * mu);
  }

  /**
   * Run length / zone size / zone distance variance: {@code sum_ij (j - mu)^2 p_ij}, {@code mu = sum_ij j p_ij},
   * computed as {@code sum_ij j^2 p_ij - mu^2} and clamped at 0 against rounding.
   */
  static double extentVariance(Prepared m) {
    double mu = m.sumJ / m.ns;
    return Math.max(0, m.sumJ2 / m.ns - mu * mu);
  }

  /**
   * Run / zone size / zone distance entropy: {@code -sum_ij p_ij log2 p_ij}, computed as
   * {@code log2 N_s - (sum_ij m_ij log2 m_ij) / N_s}, clamped at 0 against rounding.
   */
  static double entropy(Prepared m) {
    return Math.max(0, (Math.log(m.ns) - m.sumCLnC / m.ns) / LN2);
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
