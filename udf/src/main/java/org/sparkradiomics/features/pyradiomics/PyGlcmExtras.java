package org.sparkradiomics.features.pyradiomics;

import java.util.Arrays;
import org.sparkradiomics.features.RoiImage;

/**
 * The GLCM feature PyRadiomics has and IBSI-1 does not: the Maximal Correlation Coefficient.
 *
 * <p>MCC = sqrt(lambda_2), lambda_2 the second largest eigenvalue of
 * {@code Q(i, j) = sum_k p(i, k) p(j, k) / (p_x(i) p_y(k))} for the normalised symmetric co-occurrence matrix p of
 * one of the 13 3D directions at distance 1 (both voxels in the ROI); the value is averaged over the non-empty
 * directions (or computed on their summed matrix with {@code weightingNorm: no_weighting}). Q is similar to the
 * symmetric positive semi-definite {@code S = B B^T}, {@code B = D_x^(-1/2) p D_y^(-1/2)}, so its eigenvalues are real
 * and computed by cyclic Jacobi rotations on S. Grey levels with p_x(i) = 0 are left out (their rows of Q are 0).
 * A matrix with a single grey level gives MCC = 1 (PyRadiomics).
 */
public final class PyGlcmExtras {
  /** The 13 unique 3D directions (dx, dy, dz). */
  static final int[][] DIRS = {
    {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {1, -1, 0}, {1, 0, 1}, {1, 0, -1}, {0, 1, 1}, {0, 1, -1},
    {1, 1, 1}, {1, 1, -1}, {1, -1, 1}, {1, -1, -1}};

  private PyGlcmExtras() {}

  /** MCC of the ROI (see the class comment); NaN when no pair of ROI voxels is adjacent. */
  public static double mcc(RoiImage roi, boolean merged) {
    return mcc(roi, merged, false);
  }

  /** MCC with only the 4 in-plane (dz = 0) directions when {@code inPlane} (PyRadiomics force2D). */
  public static double mcc(RoiImage roi, boolean merged, boolean inPlane) {
    int ng = roi.nBins;
    double[] all = new double[ng * ng];
    double sum = 0;
    int n = 0;
    for (int[] d : DIRS) {
      if (inPlane && d[2] != 0) {
        continue;
      }
      double[] m = new double[ng * ng];
      if (accumulate(roi, d, m) == 0) {
        continue;
      }
      if (merged) {
        for (int k = 0; k < m.length; k++) {
          all[k] += m[k];
        }
        n = 1;
      } else {
        sum += mccOfMatrix(m, ng);
        n++;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    return merged ? mccOfMatrix(all, ng) : sum / n;
  }

  private static long accumulate(RoiImage r, int[] d, double[] m) {
    int ng = r.nBins;
    long pairs = 0;
    for (int z = 0; z < r.nz; z++) {
      int z2 = z + d[2];
      if (z2 < 0 || z2 >= r.nz) {
        continue;
      }
      for (int y = 0; y < r.ny; y++) {
        int y2 = y + d[1];
        if (y2 < 0 || y2 >= r.ny) {
          continue;
        }
        for (int x = 0; x < r.nx; x++) {
          int x2 = x + d[0];
          if (x2 < 0 || x2 >= r.nx) {
            continue;
          }
          int i = r.index(x, y, z);
          int j = r.index(x2, y2, z2);
          if (r.intensityMask[i] && r.intensityMask[j]) {
            int a = r.bins[i] - 1;
            int b = r.bins[j] - 1;
            m[a * ng + b] += 1;
            m[b * ng + a] += 1;
            pairs++;
          }
        }
      }
    }
    return pairs;
  }

  /**
   * MCC of one unnormalised co-occurrence matrix (symmetric, or not with {@code symmetricalGLCM: False}: Q uses the
   * row marginal p_x and the column marginal p_y, {@code S_ab = sum_k p(a, k) p(b, k) / p_y(k) / sqrt(p_x(a) p_x(b))},
   * k over the grey levels with p_y(k) &gt; 0).
   */
  static double mccOfMatrix(double[] counts, int ng) {
    double total = 0;
    for (double c : counts) {
      total += c;
    }
    double[] px = new double[ng];
    double[] py = new double[ng];
    for (int i = 0; i < ng; i++) {
      for (int j = 0; j < ng; j++) {
        px[i] += counts[i * ng + j] / total;
        py[j] += counts[i * ng + j] / total;
      }
    }
    int[] cols = new int[ng];
    int mc = 0;
    for (int k = 0; k < ng; k++) {
      if (py[k] > 0) {
        cols[mc++] = k;
      }
    }
    int[] keep = new int[ng];
    int m = 0;
    for (int i = 0; i < ng; i++) {
      if (px[i] > 0) {
        keep[m++] = i;
      }
    }
    if (m == 1) {
      return 1;
    }
    // S_ab = sum_k p(a,k) p(b,k) / (sqrt(px_a px_b) py_k) (py = px for a symmetric matrix)
    double[][] s = new double[m][m];
    for (int a = 0; a < m; a++) {
      for (int b = a; b < m; b++) {
        double v = 0;
        for (int c = 0; c < mc; c++) {
          int k = cols[c];
          v += counts[keep[a] * ng + k] / total * (counts[keep[b] * ng + k] / total) / py[k];
        }
        v /= Math.sqrt(px[keep[a]] * px[keep[b]]);
        s[a][b] = v;
        s[b][a] = v;
      }
    }
    double[] ev = jacobiEigenvalues(s);
    Arrays.sort(ev);
    return Math.sqrt(Math.max(0, ev[m - 2]));
  }

  /** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (destroys {@code a}). */
  static double[] jacobiEigenvalues(double[][] a) {
    int n = a.length;
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off < 1e-30) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (Math.abs(a[p][q]) < 1e-300) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
        }
      }
    }
    double[] ev = new double[n];
    for (int i = 0; i < n; i++) {
      ev[i] = a[i][i];
    }
    return ev;
  }
}
