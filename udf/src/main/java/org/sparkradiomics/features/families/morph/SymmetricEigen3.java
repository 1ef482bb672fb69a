package org.sparkradiomics.features.families.morph;

/**
 * Eigen-decomposition of a symmetric 3x3 matrix by cyclic Jacobi rotations (exact to machine precision in a few
 * sweeps). Eigenvalues are sorted in descending order; eigenvector k is column k of {@link #vectors()}.
 */
public final class SymmetricEigen3 {
  private final double[] values;
  private final double[][] vectors;

  private SymmetricEigen3(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /** Decomposes {@code m} (row-major 3x3, symmetric; only the upper triangle is read). */
  public static SymmetricEigen3 of(double[][] m) {
    double[][] a = {{m[0][0], m[0][1], m[0][2]}, {m[0][1], m[1][1], m[1][2]}, {m[0][2], m[1][2], m[2][2]}};
    double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int sweep = 0; sweep < 64; sweep++) {
      double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
      double diag = a[0][0] * a[0][0] + a[1][1] * a[1][1] + a[2][2] * a[2][2];
      if (off <= 1e-30 * Math.max(diag, 1e-300) || off == 0) {
        break;
      }
      for (int p = 0; p < 2; p++) {
        for (int q = p + 1; q < 3; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < 3; k++) { // A <- A J
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < 3; k++) { // A <- J^T A
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < 3; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    Integer[] idx = {0, 1, 2};
    java.util.Arrays.sort(idx, (i, j) -> Double.compare(a[j][j], a[i][i]));
    double[] vals = new double[3];
    double[][] vecs = new double[3][3];
    for (int k = 0; k < 3; k++) {
      vals[k] = a[idx[k]][idx[k]];
      for (int r = 0; r < 3; r++) {
        vecs[r][k] = v[r][idx[k]];
      }
    }
    return new SymmetricEigen3(vals, vecs);
  }

  /** Eigenvalues, largest first. */
  public double[] values() {
    return values.clone();
  }

  /** Eigenvectors as columns (row-major 3x3), matching {@link #values()}. */
  public double[][] vectors() {
    return new double[][] {vectors[0].clone(), vectors[1].clone(), vectors[2].clone()};
  }
}
