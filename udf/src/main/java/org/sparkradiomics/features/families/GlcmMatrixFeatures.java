package org.sparkradiomics.features.families;

import java.util.Arrays;

/**
 * The 25 IBSI-1 GLCM features (section 3.6, family code LFYI) of one dense co-occurrence count matrix
 * {@code m[(i - 1) * N_g + (j - 1)]}, grey levels i, j in 1..N_g (row i: the grey level of the reference voxel,
 * column j: the grey level of its neighbour). The IBSI matrices are symmetric; the PyRadiomics profile with
 * {@code symmetricalGLCM: False} passes asymmetric ones, so every feature that involves the marginals uses the row
 * marginal {@code p_x(i) = p_i.} and the column marginal {@code p_y(j) = p_.j} separately, with PyRadiomics' (and
 * IBSI's general) formulas: joint average and joint variance use the row marginal ({@code mu_x}, PyRadiomics
 * {@code ux}); cluster tendency/shade/prominence use {@code i + j - mu_x - mu_y}; correlation divides by
 * {@code sigma_x sigma_y}; information correlation 1 divides by {@code max(HX, HY)}; information correlation 2 and
 * HXY1 use {@code p_x(i) p_y(j)}. For a symmetric matrix the column quantities are computed bit-identically equal
 * to the row ones (same cells, same summation order), so the IBSI values are unchanged.
 *
 * <p>A matrix is first prepared once ({@link CoMatrix#prepare}): its non-zero cells as probabilities
 * {@code p_ij = m_ij / sum m}, the marginals {@code p_i. = sum_j p_ij} and {@code p_.j = sum_i p_ij}, the diagonal and
 * cross-diagonal probabilities {@code p_(x-y)(k) = sum_{|i-j|=k} p_ij} (k = 0..N_g-1) and
 * {@code p_(x+y)(k) = sum_{i+j=k} p_ij} (k = 2..2N_g), and the sums several features share: the marginal means
 * {@code mu = mu_x = sum_i i p_i.}, {@code mu_y = sum_j j p_.j}, variances
 * {@code sigma^2 = sum_i (i - mu)^2 p_i.}, {@code sigma_y^2 = sum_j (j - mu_y)^2 p_.j} and entropies
 * {@code HX = -sum_i p_i. log2 p_i.}, {@code HY = -sum_j p_.j log2 p_.j}, the joint entropy
 * {@code HXY = -sum p_ij log2 p_ij}, and the means of {@code p_(x-y)} and {@code p_(x+y)}. Then each feature is
 * one static method below reading the prepared matrix;
 * {@link #compute} calls them in {@link #NAMES} order. Sums over {@code ij} run over the non-zero cells only; a
 * feature that depends on the cell only through {@code |i - j|} or {@code i + j} is summed over {@code p_(x-y)} or
 * {@code p_(x+y)} instead (O(N_g) rather than O(non-zero cells)).
 */
final class GlcmMatrixFeatures {
  private GlcmMatrixFeatures() {}

  /** Feature names without the {@code cm_} prefix and the aggregation suffix, in IBSI order. */
  static final String[] NAMES = {"joint_max", "joint_avg", "joint_var", "joint_entr", "diff_avg", "diff_var",
    "diff_entr", "sum_avg", "sum_var", "sum_entr", "energy", "contrast", "dissimilarity", "inv_diff",
    "inv_diff_norm", "inv_diff_mom", "inv_diff_mom_norm", "inv_var", "corr", "auto_corr", "clust_tend",
    "clust_shade", "clust_prom", "info_corr1", "info_corr2"};

  static final int CORR = 18;
  static final int INFO_CORR1 = 23;

  private static final double LN2 = Math.log(2);

  /** Why feature {@code f} is NaN for a non-empty matrix. */
  static String reason(int f) {
    if (f == CORR) {
      return "single grey level in the co-occurrence matrix: marginal variance is 0 (correlation divides by it)";
    }
    if (f == INFO_CORR1) {
      return "single grey level in the co-occurrence matrix: marginal entropy max(HX, HY) is 0 (divisor)";
    }
    return "undefined for this co-occurrence matrix";
  }

  /**
   * Prepares {@code m} into {@code cm} and writes the 25 features into {@code f} (length {@link #NAMES}.length),
   * one per-feature method each; returns false (f untouched) when the matrix is empty.
   */
  static boolean compute(CoMatrix cm, double[] m, double[] f) {
    if (!cm.prepare(m)) {
      return false;
    }
    f[0] = jointMax(cm);
    f[1] = jointAverage(cm);
    f[2] = jointVariance(cm);
    f[3] = jointEntropy(cm);
    f[4] = differenceAverage(cm);
    f[5] = differenceVariance(cm);
    f[6] = differenceEntropy(cm);
    f[7] = sumAverage(cm);
    f[8] = sumVariance(cm);
    f[9] = sumEntropy(cm);
    f[10] = angularSecondMoment(cm);
    f[11] = contrast(cm);
    f[12] = dissimilarity(cm);
    f[13] = inverseDifference(cm);
    f[14] = normalisedInverseDifference(cm);
    f[15] = inverseDifferenceMoment(cm);
    f[16] = normalisedInverseDifferenceMoment(cm);
    f[17] = inverseVariance(cm);
    f[CORR] = correlation(cm);
    f[19] = autocorrelation(cm);
    f[20] = clusterTendency(cm);
    f[21] = clusterShade(cm);
    f[22] = clusterProminence(cm);
    f[INFO_CORR1] = informationCorrelation1(cm);
    f[24] = informationCorrelation2(cm);
    return true;
  }

  /**
   * One co-occurrence matrix prepared for the feature methods. The buffers are sized for N_g once and reused for
   * every matrix of a ROI ({@link #prepare} overwrites them), so no allocation happens per matrix.
   */
  static final class CoMatrix {
    /** Number of grey levels N_g. */
    final int ng;
    /** Number of non-zero cells. */
    int nnz;
    /** Zero-based row (i - 1) of each non-zero cell, row-major order. */
    final int[] row;
    /** Zero-based column (j - 1) of each non-zero cell. */
    final int[] col;
    /** p_ij of each non-zero cell. */
    final double[] p;
    /** Marginal p_i., index i - 1. */
    final double[] px;
    /** Column marginal p_.j, index j - 1 (equal to px for a symmetric matrix). */
    final double[] py;
    /** p_(x-y)(k), k = 0..N_g-1. */
    final double[] pd;
    /** p_(x+y)(k), k = 2..2N_g (indices 0, 1 unused). */
    final double[] ps;
    /** mu = sum_i i p_i. (= joint average). */
    double mu;
    /** sigma^2 = sum_i (i - mu)^2 p_i. (= joint variance). */
    double var;
    /** HX = -sum_i p_i. log2 p_i. */
    double hx;
    /** mu_y = sum_j j p_.j. */
    double muY;
    /** sigma_y^2 = sum_j (j - mu_y)^2 p_.j. */
    double varY;
    /** HY = -sum_j p_.j log2 p_.j. */
    double hy;
    /** HXY = -sum_ij p_ij log2 p_ij (= joint entropy). */
    double hxy;
    /** mu_d = sum_k k p_(x-y)(k). */
    double muD;
    /** mu_s = sum_k k p_(x+y)(k). */
    double muS;

    CoMatrix(int ng) {
      this.ng = ng;
      int cells = ng * ng;
      row = new int[cells];
      col = new int[cells];
      p = new double[cells];
      px = new double[ng];
      py = new double[ng];
      pd = new double[ng];
      ps = new double[2 * ng + 1];
    }

    /**
     * Normalises the count matrix {@code m} (length N_g^2, not modified) and computes the shared sums in two passes
     * over the cells and a few over the grey levels; returns false when the matrix is empty.
     */
    boolean prepare(double[] m) {
      double total = 0;
      for (double c : m) {
        total += c;
      }
      if (!(total > 0)) {
        return false;
      }
      Arrays.fill(px, 0.0);
      Arrays.fill(py, 0.0);
      Arrays.fill(pd, 0.0);
      Arrays.fill(ps, 0.0);
      double inv = 1.0 / total;
      int n = 0;
      double entr = 0;
      for (int a = 0; a < ng; a++) {
        int base = a * ng;
        for (int b = 0; b < ng; b++) {
          double c = m[base + b];
          if (c == 0) {
            continue;
          }
          double q = c * inv;
          row[n] = a;
          col[n] = b;
          p[n] = q;
          n++;
          px[a] += q;
          py[b] += q;
          pd[Math.abs(a - b)] += q;
          ps[a + b + 2] += q;
          entr -= q * Math.log(q);
        }
      }
      nnz = n;
      hxy = entr / LN2;
      double sMu = 0;
      double sHx = 0;
      for (int a = 0; a < ng; a++) {
        sMu += (a + 1) * px[a];
        if (px[a] > 0) {
          sHx -= px[a] * Math.log(px[a]);
        }
      }
      mu = sMu;
      hx = sHx / LN2;
      double sVar = 0;
      for (int a = 0; a < ng; a++) {
        double d = (a + 1) - mu;
        sVar += d * d * px[a];
      }
      var = sVar;
      double yMu = 0;
      double yH = 0;
      for (int b = 0; b < ng; b++) {
        yMu += (b + 1) * py[b];
        if (py[b] > 0) {
          yH -= py[b] * Math.log(py[b]);
        }
      }
      muY = yMu;
      hy = yH / LN2;
      double yVar = 0;
      for (int b = 0; b < ng; b++) {
        double d = (b + 1) - muY;
        yVar += d * d * py[b];
      }
      varY = yVar;
      double sD = 0;
      for (int k = 0; k < ng; k++) {
        if (pd[k] != 0) {
          sD += k * pd[k];
        }
      }
      muD = sD;
      double sS = 0;
      for (int k = 2; k <= 2 * ng; k++) {
        if (ps[k] != 0) {
          sS += k * ps[k];
        }
      }
      muS = sS;
      return true;
    }
  }

  /** Joint maximum, IBSI GYBY: {@code max_ij p_ij}. Tag {@code cm_joint_max}. */
  static double jointMax(CoMatrix m) {
    double max = 0;
    for (int n = 0; n < m.nnz; n++) {
      max = Math.max(max, m.p[n]);
    }
    return max;
  }

  /** Joint average, IBSI 60VM: {@code mu = sum_ij i p_ij = sum_i i p_i.}. Tag {@code cm_joint_avg}. */
  static double jointAverage(CoMatrix m) {
    return m.mu;
  }

  /**
   * Joint variance, IBSI UR99: {@code sum_ij (i - mu)^2 p_ij = sum_i (i - mu)^2 p_i.}. Tag {@code cm_joint_var}.
   */
  static double jointVariance(CoMatrix m) {
    return m.var;
  }

  /** Joint entropy, IBSI TU9B: {@code HXY = -sum_ij p_ij log2 p_ij}. Tag {@code cm_joint_entr}. */
  static double jointEntropy(CoMatrix m) {
    return m.hxy;
  }

  /** Difference average, IBSI TF7R: {@code mu_d = sum_k k p_(x-y)(k)}. Tag {@code cm_diff_avg}. */
  static double differenceAverage(CoMatrix m) {
    return m.muD;
  }

  /** Difference variance, IBSI D3YU: {@code sum_k (k - mu_d)^2 p_(x-y)(k)}. Tag {@code cm_diff_var}. */
  static double differenceVariance(CoMatrix m) {
    double v = 0;
    for (int k = 0; k < m.ng; k++) {
      double d = k - m.muD;
      v += d * d * m.pd[k];
    }
    return v;
  }

  /** Difference entropy, IBSI NTRS: {@code -sum_k p_(x-y)(k) log2 p_(x-y)(k)}. Tag {@code cm_diff_entr}. */
  static double differenceEntropy(CoMatrix m) {
    return entropy(m.pd, 0, m.ng);
  }

  /** Sum average, IBSI ZGXS: {@code mu_s = sum_k k p_(x+y)(k)}. Tag {@code cm_sum_avg}. */
  static double sumAverage(CoMatrix m) {
    return m.muS;
  }

  /** Sum variance, IBSI OEEB: {@code sum_k (k - mu_s)^2 p_(x+y)(k)}. Tag {@code cm_sum_var}. */
  static double sumVariance(CoMatrix m) {
    double v = 0;
    for (int k = 2; k <= 2 * m.ng; k++) {
      double d = k - m.muS;
      v += d * d * m.ps[k];
    }
    return v;
  }

  /** Sum entropy, IBSI P6QZ: {@code -sum_k p_(x+y)(k) log2 p_(x+y)(k)}. Tag {@code cm_sum_entr}. */
  static double sumEntropy(CoMatrix m) {
    return entropy(m.ps, 2, 2 * m.ng + 1);
  }

  /** {@code -sum_{k in [from, to)} q_k log2 q_k} over the non-zero q_k. */
  private static double entropy(double[] q, int from, int to) {
    double e = 0;
    for (int k = from; k < to; k++) {
      if (q[k] != 0) {
        e -= q[k] * Math.log(q[k]);
      }
    }
    return e / LN2;
  }

  /** Angular second moment (energy), IBSI 8ZQL: {@code sum_ij p_ij^2}. Tag {@code cm_energy}. */
  static double angularSecondMoment(CoMatrix m) {
    double s = 0;
    for (int n = 0; n < m.nnz; n++) {
      s += m.p[n] * m.p[n];
    }
    return s;
  }

  /** Contrast, IBSI ACUI: {@code sum_ij (i - j)^2 p_ij = sum_k k^2 p_(x-y)(k)}. Tag {@code cm_contrast}. */
  static double contrast(CoMatrix m) {
    double s = 0;
    for (int k = 0; k < m.ng; k++) {
      if (m.pd[k] != 0) {
        s += (double) k * k * m.pd[k];
      }
    }
    return s;
  }

  /**
   * Dissimilarity, IBSI 8S9J: {@code sum_ij |i - j| p_ij = sum_k k p_(x-y)(k)} (equal to the difference average).
   * Tag {@code cm_dissimilarity}.
   */
  static double dissimilarity(CoMatrix m) {
    return m.muD;
  }

  /**
   * Inverse difference, IBSI IB1Z: {@code sum_ij p_ij / (1 + |i - j|) = sum_k p_(x-y)(k) / (1 + k)}. Tag
   * {@code cm_inv_diff}.
   */
  static double inverseDifference(CoMatrix m) {
    double s = 0;
    for (int k = 0; k < m.ng; k++) {
      if (m.pd[k] != 0) {
        s += m.pd[k] / (1.0 + k);
      }
    }
    return s;
  }

  /**
   * Normalised inverse difference, IBSI NDRX: {@code sum_ij p_ij / (1 + |i - j| / N_g)
   * = sum_k p_(x-y)(k) / (1 + k / N_g)}. Tag {@code cm_inv_diff_norm}.
   */
  static double normalisedInverseDifference(CoMatrix m) {
    double s = 0;
    for (int k = 0; k < m.ng; k++) {
      if (m.pd[k] != 0) {
        s += m.pd[k] / (1.0 + (double) k / m.ng);
      }
    }
    return s;
  }

  /**
   * Inverse difference moment, IBSI WF0Z: {@code sum_ij p_ij / (1 + (i - j)^2) = sum_k p_(x-y)(k) / (1 + k^2)}.
   * Tag {@code cm_inv_diff_mom}.
   */
  static double inverseDifferenceMoment(CoMatrix m) {
    double s = 0;
    for (int k = 0; k < m.ng; k++) {
      if (m.pd[k] != 0) {
        s += m.pd[k] / (1.0 + (double) k * k);
      }
    }
    return s;
  }

  /**
   * Normalised inverse difference moment, IBSI 1QCO: {@code sum_ij p_ij / (1 + (i - j)^2 / N_g^2)
   * = sum_k p_(x-y)(k) / (1 + k^2 / N_g^2)}. Tag {@code cm_inv_diff_mom_norm}.
   */
  static double normalisedInverseDifferenceMoment(CoMatrix m) {
    double ng2 = (double) m.ng * m.ng;
    double s = 0;
    for (int k = 0; k < m.ng; k++) {
      if (m.pd[k] != 0) {
        s += m.pd[k] / (1.0 + (double) k * k / ng2);
      }
    }
    return s;
  }

  /**
   * Inverse variance, IBSI E8JP: {@code sum_{i != j} p_ij / (i - j)^2 = sum_{k=1}^{N_g-1} p_(x-y)(k) / k^2}. Tag
   * {@code cm_inv_var}.
   */
  static double inverseVariance(CoMatrix m) {
    double s = 0;
    for (int k = 1; k < m.ng; k++) {
      if (m.pd[k] != 0) {
        s += m.pd[k] / ((double) k * k);
      }
    }
    return s;
  }

  /**
   * Correlation, IBSI NI2N: {@code sum_ij (i - mu_x)(j - mu_y) p_ij / (sigma_x sigma_y)} (for a symmetric matrix
   * {@code mu_y = mu_x} and {@code sigma_x sigma_y = sigma^2}); NaN when sigma_x or sigma_y is 0 (a single grey
   * level). Tag {@code cm_corr}.
   */
  static double correlation(CoMatrix m) {
    if (!(m.var > 0) || !(m.varY > 0)) {
      return Double.NaN;
    }
    double cov = 0;
    for (int n = 0; n < m.nnz; n++) {
      cov += ((m.row[n] + 1) - m.mu) * ((m.col[n] + 1) - m.muY) * m.p[n];
    }
    return cov / (m.varY == m.var ? m.var : Math.sqrt(m.var * m.varY));
  }

  /** Autocorrelation, IBSI QWB0: {@code sum_ij i j p_ij}. Tag {@code cm_auto_corr}. */
  static double autocorrelation(CoMatrix m) {
    double s = 0;
    for (int n = 0; n < m.nnz; n++) {
      s += (double) (m.row[n] + 1) * (m.col[n] + 1) * m.p[n];
    }
    return s;
  }

  /**
   * Cluster tendency, IBSI DG8W: {@code sum_ij (i + j - mu_x - mu_y)^2 p_ij
   * = sum_k (k - mu_x - mu_y)^2 p_(x+y)(k)}. Tag {@code cm_clust_tend}.
   */
  static double clusterTendency(CoMatrix m) {
    double s = 0;
    for (int k = 2; k <= 2 * m.ng; k++) {
      if (m.ps[k] != 0) {
        double t = k - (m.mu + m.muY);
        s += t * t * m.ps[k];
      }
    }
    return s;
  }

  /**
   * Cluster shade, IBSI 7NFM: {@code sum_ij (i + j - mu_x - mu_y)^3 p_ij = sum_k (k - mu_x - mu_y)^3 p_(x+y)(k)}. Tag
   * {@code cm_clust_shade}.
   */
  static double clusterShade(CoMatrix m) {
    double s = 0;
    for (int k = 2; k <= 2 * m.ng; k++) {
      if (m.ps[k] != 0) {
        double t = k - (m.mu + m.muY);
        s += t * t * t * m.ps[k];
      }
    }
    return s;
  }

  /**
   * Cluster prominence, IBSI AE86: {@code sum_ij (i + j - mu_x - mu_y)^4 p_ij
   * = sum_k (k - mu_x - mu_y)^4 p_(x+y)(k)}. Tag {@code cm_clust_prom}.
   */
  static double clusterProminence(CoMatrix m) {
    double s = 0;
    for (int k = 2; k <= 2 * m.ng; k++) {
      if (m.ps[k] != 0) {
        double t = k - (m.mu + m.muY);
        double t2 = t * t;
        s += t2 * t2 * m.ps[k];
      }
    }
    return s;
  }

  /**
   * Information correlation 1, IBSI R8DG: {@code (HXY - HXY1) / max(HX, HY)} with
   * {@code HXY1 = -sum_ij p_ij log2(p_i. p_.j)} (HY = HX for a symmetric matrix); NaN when max(HX, HY) = 0 (a single
   * grey level). Tag {@code cm_info_corr1}.
   */
  static double informationCorrelation1(CoMatrix m) {
    double div = Math.max(m.hx, m.hy);
    if (!(div > 0)) {
      return Double.NaN;
    }
    double hxy1 = 0;
    for (int n = 0; n < m.nnz; n++) {
      hxy1 -= m.p[n] * Math.log(m.px[m.row[n]] * m.py[m.col[n]]);
    }
    return (m.hxy - hxy1 / LN2) / div;
  }

  /**
   * Information correlation 2, IBSI JN9H: {@code sqrt(1 - exp(-2 (HXY2 - HXY)))} with
   * {@code HXY2 = -sum_ij p_i. p_.j log2(p_i. p_.j)} (over all pairs (i, j) with p_i. &gt; 0 and p_.j &gt;
   * 0); the radicand is
   * clamped at 0 against rounding. Tag {@code cm_info_corr2}.
   */
  static double informationCorrelation2(CoMatrix m) {
    double hxy2 = 0;
    for (int a = 0; a < m.ng; a++) {
      if (m.px[a] == 0) {
        continue;
      }
      for (int b = 0; b < m.ng; b++) {
        if (m.py[b] == 0) {
          continue;
        }
        double q = m.px[a] * m.py[b];
        hxy2 -= q * Math.log(q);
      }
    }
    hxy2 /= LN2;
    return Math.sqrt(Math.max(0.0, 1.0 - Math.exp(-2.0 * (hxy2 - m.hxy))));
  }
}
