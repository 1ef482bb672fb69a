package org.sparkradiomics.features.families.morph;

/**
 * Ellipsoid helpers for IBSI-1 morphology: the approximate surface area series used for the AEE and MVEE area
 * densities, and the minimum-volume enclosing ellipsoid (Khachiyan's algorithm).
 */
public final class Ellipsoids {
  private Ellipsoids() {}

  /** Volume of an ellipsoid with semi-axes a, b, c: {@code 4/3 pi a b c}. */
  public static double volume(double a, double b, double c) {
    return 4.0 / 3.0 * Math.PI * a * b * c;
  }

  /**
   * Surface area of an ellipsoid with semi-axes a &gt;= b &gt;= c (sorted internally), by the Legendre series of
   * IBSI-1 section 3.1.23: {@code A = 4 pi a b sum_{nu=0}^{20} (alpha beta)^nu / (1 - 4 nu^2) P_nu((alpha^2 +
   * beta^2) / (2 alpha beta))}, with {@code alpha = sqrt(1 - b^2/a^2)}, {@code beta = sqrt(1 - c^2/a^2)}. The terms
   * are evaluated as {@code Q_nu = (alpha beta)^nu P_nu(x)} by the scaled Legendre recurrence {@code (nu+1) Q_{nu+1}
   * = (2 nu + 1) s Q_nu - nu (alpha beta)^2 Q_{nu-1}}, {@code s = (alpha^2 + beta^2)/2}, which stays finite for a
   * sphere (alpha = beta = 0).
   *
   * <p>This is IBSI's formula as published; it is exact for spheres but not for general ellipsoids (the exact series
   * uses {@code alpha = sqrt(1 - c^2/a^2)}, {@code beta = sqrt(1 - c^2/b^2)}). The IBSI digital-phantom reference
   * for morph_area_dens_aee (1.36) is reproduced with this form (1.355) and not with the exact one (1.304).
   */
  public static double area(double a0, double b0, double c0) {
    double[] s3 = {a0, b0, c0};
    java.util.Arrays.sort(s3);
    double a = s3[2];
    double b = s3[1];
    double c = s3[0];
    if (!(a > 0)) {
      return 0;
    }
    double alpha = Math.sqrt(Math.max(0, 1 - b * b / (a * a)));
    double beta = Math.sqrt(Math.max(0, 1 - c * c / (a * a)));
    double ab = alpha * beta;
    double s = (alpha * alpha + beta * beta) / 2;
    double qPrev = 1; // Q_0
    double q = s; // Q_1
    double sum = qPrev / 1.0 + q / (1 - 4.0);
    for (int nu = 1; nu < 20; nu++) {
      double qNext = ((2 * nu + 1) * s * q - nu * ab * ab * qPrev) / (nu + 1);
      qPrev = q;
      q = qNext;
      int n1 = nu + 1;
      sum += q / (1 - 4.0 * n1 * n1);
    }
    return 4 * Math.PI * a * b * sum;
  }

  /**
   * Minimum-volume enclosing ellipsoid of points (flat x, y, z) by Khachiyan's barycentric coordinate ascent with
   * Todd-Yildirim away steps. With lifted points {@code q_i = (p_i, 1)}, weights u (start uniform), {@code X = sum
   * u_i q_i q_i^T} and {@code M_i = q_i^T X^-1 q_i}: take j+ = argmax M (and j- = argmin M over u_i &gt; 0); move
   * {@code u <- (1 - s) u + s e_j} with {@code s = (M_j - 4) / (4 (M_j - 1))} on the index with the larger optimality
   * gap ({@code M_j+/4 - 1} or {@code 1 - M_j-/4}), clamping away steps at {@code u_j = 0}. The M_i are updated by the
   * Sherman-Morrison formula (O(n) per step) and recomputed from scratch every 64 steps. Stop when both gaps are
   * below {@code tol} (the ellipsoid grown by (1 + tol) covers every point). The ellipsoid is {@code (x - c)^T A (x -
   * c) <= 1}, {@code c = sum u_i p_i}, {@code A = (1/3) (sum u_i (p_i - c)(p_i - c)^T)^-1}, whose semi-axes are
   * {@code sqrt(3 lambda)} over the eigenvalues lambda of the weighted scatter matrix.
   *
   * @return the semi-axis lengths, largest first, or null for fewer than 4 points or points without 3D extent
   */
  public static double[] mveeSemiAxes(double[] points, double tol, int maxIterations) {
    int n = points.length / 3;
    if (n < 4) {
      return null;
    }
    double mx = 0;
    double my = 0;
    double mz = 0;
    for (int i = 0; i < n; i++) {
      mx += points[3 * i];
      my += points[3 * i + 1];
      mz += points[3 * i + 2];
    }
    mx /= n;
    my /= n;
    mz /= n;
    double[] q = new double[4 * n]; // lifted, centred points (translation invariance, better conditioning)
    for (int i = 0; i < n; i++) {
      q[4 * i] = points[3 * i] - mx;
      q[4 * i + 1] = points[3 * i + 1] - my;
      q[4 * i + 2] = points[3 * i + 2] - mz;
      q[4 * i + 3] = 1;
    }
    double[] u = new double[n];
    java.util.Arrays.fill(u, 1.0 / n);
    double[] m = new double[n];
    double[][] xi = new double[4][4];
    double[] g = new double[4];
    for (int it = 0; it < maxIterations; it++) {
      if (it % 64 == 0 && !recompute(q, u, m, xi)) {
        return null;
      }
      int jp = 0;
      int jm = -1;
      for (int i = 0; i < n; i++) {
        if (m[i] > m[jp]) {
          jp = i;
        }
        if (u[i] > 0 && (jm < 0 || m[i] < m[jm])) {
          jm = i;
        }
      }
      double gapUp = m[jp] / 4 - 1;
      double gapDown = 1 - m[jm] / 4;
      if (Math.max(gapUp, gapDown) < tol) {
        break;
      }
      int j = gapUp >= gapDown ? jp : jm;
      double mj = m[j];
      double s = (mj - 4) / (4 * (mj - 1));
      if (j == jm && gapUp < gapDown) {
        s = Math.max(s, -u[j] / (1 - u[j])); // away step: u_j must stay >= 0
      }
      for (int i = 0; i < n; i++) {
        u[i] *= (1 - s);
      }
      u[j] += s;
      if (u[j] < 1e-300) {
        u[j] = 0;
      }
      // X' = (1 - s) X + s q_j q_j^T; with t = s/(1 - s) and h = X^-1 q_j (Sherman-Morrison):
      // X'^-1 = (X^-1 - t h h^T / (1 + t M_j)) / (1 - s)
      double t = s / (1 - s);
      for (int r = 0; r < 4; r++) {
        double v = 0;
        for (int c = 0; c < 4; c++) {
          v += xi[r][c] * q[4 * j + c];
        }
        g[r] = v;
      }
      double den = 1 + t * mj;
      double f = t / den;
      double scale = 1 / (1 - s);
      for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 4; c++) {
          xi[r][c] = (xi[r][c] - f * g[r] * g[c]) * scale;
        }
      }
      for (int i = 0; i < n; i++) {
        double gi = g[0] * q[4 * i] + g[1] * q[4 * i + 1] + g[2] * q[4 * i + 2] + g[3] * q[4 * i + 3];
        m[i] = (m[i] - f * gi * gi) * scale;
      }
    }
    double cx = 0;
    double cy = 0;
    double cz = 0;
    for (int i = 0; i < n; i++) {
      cx += u[i] * q[4 * i];
      cy += u[i] * q[4 * i + 1];
      cz += u[i] * q[4 * i + 2];
    }
    double[][] sc = new double[3][3];
    for (int i = 0; i < n; i++) {
      if (u[i] == 0) {
        continue;
      }
      double[] d = {q[4 * i] - cx, q[4 * i + 1] - cy, q[4 * i + 2] - cz};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          sc[r][c] += u[i] * d[r] * d[c];
        }
      }
    }
    double[] lam = SymmetricEigen3.of(sc).values();
    if (!(lam[2] > 0)) {
      return null;
    }
    return new double[] {Math.sqrt(3 * lam[0]), Math.sqrt(3 * lam[1]), Math.sqrt(3 * lam[2])};
  }

  /** X = sum u_i q_i q_i^T, its inverse into xi and M_i = q_i^T X^-1 q_i; false when X is singular. */
  private static boolean recompute(double[] q, double[] u, double[] m, double[][] xi) {
    int n = u.length;
    double[][] x = new double[4][4];
    for (int i = 0; i < n; i++) {
      if (u[i] == 0) {
        continue;
      }
      for (int r = 0; r < 4; r++) {
        double ur = u[i] * q[4 * i + r];
        for (int c = r; c < 4; c++) {
          x[r][c] += ur * q[4 * i + c];
        }
      }
    }
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < r; c++) {
        x[r][c] = x[c][r];
      }
    }
    if (!invert4(x, xi)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      double v = 0;
      for (int r = 0; r < 4; r++) {
        double t = 0;
        for (int c = 0; c < 4; c++) {
          t += xi[r][c] * q[4 * i + c];
        }
        v += q[4 * i + r] * t;
      }
      m[i] = v;
    }
    return true;
  }

  /** Gauss-Jordan inverse of a 4x4 matrix with partial pivoting; false when singular. */
  static boolean invert4(double[][] m, double[][] out) {
    double[][] a = new double[4][8];
    for (int r = 0; r < 4; r++) {
      System.arraycopy(m[r], 0, a[r], 0, 4);
      a[r][4 + r] = 1;
    }
    for (int col = 0; col < 4; col++) {
      int piv = col;
      for (int r = col + 1; r < 4; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      if (Math.abs(a[piv][col]) < 1e-300) {
        return false;
      }
      double[] t = a[piv];
      a[piv] = a[col];
      a[col] = t;
      double d = a[col][col];
      for (int c = 0; c < 8; c++) {
        a[col][c] /= d;
      }
      for (int r = 0; r < 4; r++) {
        if (r != col && a[r][col] != 0) {
          double f = a[r][col];
          for (int c = 0; c < 8; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    for (int r = 0; r < 4; r++) {
      System.arraycopy(a[r], 4, out[r], 0, 4);
    }
    return true;
  }
}
