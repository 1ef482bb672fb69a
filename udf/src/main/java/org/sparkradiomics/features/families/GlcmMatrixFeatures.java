package org.sparkradiomics.features.families;

/**
 * The 25 IBSI-1 GLCM features (section 3.6) of one dense, symmetric co-occurrence count matrix
 * {@code m[(i - 1) * N_g + (j - 1)]}, grey levels i, j in 1..N_g.
 *
 * <p>With {@code p_ij = m_ij / sum m}, marginal {@code p_i. = sum_j p_ij} (= p_.j by symmetry),
 * {@code p_(x-y)(k) = sum_{|i-j|=k} p_ij} (k = 0..N_g-1) and {@code p_(x+y)(k) = sum_{i+j=k} p_ij} (k = 2..2N_g),
 * {@code mu = sum_i i p_i.}, {@code sigma^2 = sum_i (i - mu)^2 p_i.}:
 * <ol>
 *   <li>{@code joint_max} = max p_ij;
 *   <li>{@code joint_avg} = sum i p_ij;
 *   <li>{@code joint_var} = sum (i - mu)^2 p_ij;
 *   <li>{@code joint_entr} = -sum p_ij log2 p_ij;
 *   <li>{@code diff_avg} mu_d = sum k p_(x-y)(k);
 *   <li>{@code diff_var} = sum (k - mu_d)^2 p_(x-y)(k);
 *   <li>{@code diff_entr} = -sum p_(x-y)(k) log2 p_(x-y)(k);
 *   <li>{@code sum_avg} mu_s = sum k p_(x+y)(k);
 *   <li>{@code sum_var} = sum (k - mu_s)^2 p_(x+y)(k);
 *   <li>{@code sum_entr} = -sum p_(x+y)(k) log2 p_(x+y)(k);
 *   <li>{@code energy} (angular second moment) = sum p_ij^2;
 *   <li>{@code contrast} = sum (i - j)^2 p_ij;
 *   <li>{@code dissimilarity} = sum |i - j| p_ij;
 *   <li>{@code inv_diff} = sum p_ij / (1 + |i - j|);
 *   <li>{@code inv_diff_norm} = sum p_ij / (1 + |i - j| / N_g);
 *   <li>{@code inv_diff_mom} = sum p_ij / (1 + (i - j)^2);
 *   <li>{@code inv_diff_mom_norm} = sum p_ij / (1 + (i - j)^2 / N_g^2);
 *   <li>{@code inv_var} = sum_{k=1}^{N_g-1} p_(x-y)(k) / k^2;
 *   <li>{@code corr} = sum (i - mu)(j - mu) p_ij / sigma^2 (undefined when sigma = 0, a single grey level);
 *   <li>{@code auto_corr} = sum i j p_ij;
 *   <li>{@code clust_tend} = sum (i + j - 2 mu)^2 p_ij;
 *   <li>{@code clust_shade} = sum (i + j - 2 mu)^3 p_ij;
 *   <li>{@code clust_prom} = sum (i + j - 2 mu)^4 p_ij;
 *   <li>{@code info_corr1} = (HXY - HXY1) / HX (undefined when HX = 0, a single grey level);
 *   <li>{@code info_corr2} = sqrt(1 - exp(-2 (HXY2 - HXY)));
 * </ol>
 * with {@code HXY} = joint entropy, {@code HX = -sum p_i. log2 p_i.},
 * {@code HXY1 = -sum p_ij log2(p_i. p_.j)}, {@code HXY2 = -sum p_i. p_.j log2(p_i. p_.j)}.
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
      return "single grey level in the co-occurrence matrix: marginal entropy HX is 0 (divisor)";
    }
    return "undefined for this co-occurrence matrix";
  }

  /**
   * Computes the 25 features into {@code f} (length {@link #NAMES}.length); returns false (f untouched) when the
   * matrix is empty. {@code px}, {@code pd}, {@code ps} are scratch arrays of length N_g, N_g and 2 N_g + 1.
   */
  static boolean compute(double[] m, int ng, double[] f, double[] px, double[] pd, double[] ps) {
    double total = 0;
    for (double c : m) {
      total += c;
    }
    if (!(total > 0)) {
      return false;
    }
    java.util.Arrays.fill(px, 0, ng, 0.0);
    java.util.Arrays.fill(pd, 0, ng, 0.0);
    java.util.Arrays.fill(ps, 0, 2 * ng + 1, 0.0);
    double inv = 1.0 / total;
    double jointMax = 0;
    double jointEntr = 0;
    double energy = 0;
    double autoCorr = 0;
    double invDiff = 0;
    double invDiffNorm = 0;
    double invDiffMom = 0;
    double invDiffMomNorm = 0;
    double ng2 = (double) ng * ng;
    for (int a = 0; a < ng; a++) {
      int row = a * ng;
      int i = a + 1;
      for (int b = 0; b < ng; b++) {
        double c = m[row + b];
        if (c == 0) {
          continue;
        }
        double p = c * inv;
        int j = b + 1;
        int k = Math.abs(i - j);
        px[a] += p;
        pd[k] += p;
        ps[i + j] += p;
        jointMax = Math.max(jointMax, p);
        jointEntr -= p * Math.log(p);
        energy += p * p;
        autoCorr += (double) i * j * p;
        invDiff += p / (1.0 + k);
        invDiffNorm += p / (1.0 + (double) k / ng);
        invDiffMom += p / (1.0 + (double) k * k);
        invDiffMomNorm += p / (1.0 + (double) k * k / ng2);
      }
    }
    jointEntr /= LN2;
    double mu = 0;
    double hx = 0;
    for (int a = 0; a < ng; a++) {
      mu += (a + 1) * px[a];
      if (px[a] > 0) {
        hx -= px[a] * Math.log(px[a]);
      }
    }
    hx /= LN2;
    double var = 0;
    for (int a = 0; a < ng; a++) {
      double d = (a + 1) - mu;
      var += d * d * px[a];
    }
    double cov = 0;
    double tend = 0;
    double shade = 0;
    double prom = 0;
    double hxy1 = 0;
    for (int a = 0; a < ng; a++) {
      int row = a * ng;
      double di = (a + 1) - mu;
      for (int b = 0; b < ng; b++) {
        double c = m[row + b];
        if (c == 0) {
          continue;
        }
        double p = c * inv;
        double dj = (b + 1) - mu;
        cov += di * dj * p;
        double s = di + dj;
        double s2 = s * s;
        tend += s2 * p;
        shade += s2 * s * p;
        prom += s2 * s2 * p;
        hxy1 -= p * Math.log(px[a] * px[b]);
      }
    }
    hxy1 /= LN2;
    double hxy2 = 0;
    for (int a = 0; a < ng; a++) {
      if (px[a] == 0) {
        continue;
      }
      for (int b = 0; b < ng; b++) {
        if (px[b] == 0) {
          continue;
        }
        double q = px[a] * px[b];
        hxy2 -= q * Math.log(q);
      }
    }
    hxy2 /= LN2;
    double diffAvg = 0;
    double diffEntr = 0;
    double contrast = 0;
    double invVar = 0;
    for (int k = 0; k < ng; k++) {
      double p = pd[k];
      if (p == 0) {
        continue;
      }
      diffAvg += k * p;
      contrast += (double) k * k * p;
      diffEntr -= p * Math.log(p);
      if (k > 0) {
        invVar += p / ((double) k * k);
      }
    }
    diffEntr /= LN2;
    double diffVar = 0;
    for (int k = 0; k < ng; k++) {
      double d = k - diffAvg;
      diffVar += d * d * pd[k];
    }
    double sumAvg = 0;
    double sumEntr = 0;
    for (int k = 2; k <= 2 * ng; k++) {
      double p = ps[k];
      if (p == 0) {
        continue;
      }
      sumAvg += k * p;
      sumEntr -= p * Math.log(p);
    }
    sumEntr /= LN2;
    double sumVar = 0;
    for (int k = 2; k <= 2 * ng; k++) {
      double d = k - sumAvg;
      sumVar += d * d * ps[k];
    }
    f[0] = jointMax;
    f[1] = mu;
    f[2] = var;
    f[3] = jointEntr;
    f[4] = diffAvg;
    f[5] = diffVar;
    f[6] = diffEntr;
    f[7] = sumAvg;
    f[8] = sumVar;
    f[9] = sumEntr;
    f[10] = energy;
    f[11] = contrast;
    f[12] = diffAvg; // dissimilarity = sum |i - j| p_ij = sum k p_(x-y)(k)
    f[13] = invDiff;
    f[14] = invDiffNorm;
    f[15] = invDiffMom;
    f[16] = invDiffMomNorm;
    f[17] = invVar;
    f[CORR] = var > 0 ? cov / var : Double.NaN;
    f[19] = autoCorr;
    f[20] = tend;
    f[21] = shade;
    f[22] = prom;
    f[INFO_CORR1] = hx > 0 ? (jointEntr - hxy1) / hx : Double.NaN;
    f[24] = Math.sqrt(Math.max(0.0, 1.0 - Math.exp(-2.0 * (hxy2 - jointEntr))));
    return true;
  }
}
