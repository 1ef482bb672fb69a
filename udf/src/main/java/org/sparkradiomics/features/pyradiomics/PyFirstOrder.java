package org.sparkradiomics.features.pyradiomics;

import java.util.Arrays;
import java.util.List;
import org.sparkradiomics.features.FeatureVector;

/**
 * PyRadiomics first-order features ({@code radiomics.firstorder}, v3.1) of the ROI intensities X (N_p voxels),
 * c = {@code voxelArrayShift}, p(i) the fraction of ROI voxels in grey level i of the PyRadiomics discretisation,
 * eps = 2.2e-16 (numpy's machine epsilon as PyRadiomics uses it). All moments are population moments (numpy).
 */
public final class PyFirstOrder {
  static final double EPS = 2.220446049250313e-16;

  private PyFirstOrder() {}

  /**
   * Writes the enabled features (keys {@code firstorder_<Name>}) in the given order.
   *
   * @param x intensities of the ROI voxels
   * @param bins their grey levels (1..ng)
   * @param voxelVolume mm^3 of one voxel (TotalEnergy)
   */
  public static void compute(double[] x, int[] bins, int ng, double shift, double voxelVolume,
      List<String> enabled, FeatureVector out) {
    int n = x.length;
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    double mad = 0;
    double energy = 0;
    for (double v : x) {
      double d = v - mean;
      m2 += d * d;
      m3 += d * d * d;
      m4 += d * d * d * d;
      mad += Math.abs(d);
      energy += (v + shift) * (v + shift);
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    mad /= n;
    double[] p = new double[ng + 1];
    for (int b : bins) {
      p[b] += 1.0 / n;
    }
    for (String f : enabled) {
      out.put("firstorder_" + f, value(f, sorted, mean, m2, m3, m4, mad, energy, p, voxelVolume));
    }
  }

  private static double value(String f, double[] s, double mean, double m2, double m3, double m4, double mad,
      double energy, double[] p, double voxelVolume) {
    int n = s.length;
    switch (f) {
      case "Energy":
        return energy(energy);
      case "TotalEnergy":
        return totalEnergy(energy, voxelVolume);
      case "Entropy":
        return entropy(p);
      case "Minimum":
        return s[0];
      case "10Percentile":
        return percentile(s, 10);
      case "90Percentile":
        return percentile(s, 90);
      case "Maximum":
        return s[n - 1];
      case "Mean":
        return mean;
      case "Median":
        return percentile(s, 50);
      case "InterquartileRange":
        return percentile(s, 75) - percentile(s, 25);
      case "Range":
        return s[n - 1] - s[0];
      case "MeanAbsoluteDeviation":
        return mad;
      case "RobustMeanAbsoluteDeviation":
        return robustMad(s);
      case "RootMeanSquared":
        return Math.sqrt(energy / n);
      case "StandardDeviation":
        return Math.sqrt(m2);
      case "Skewness":
        return skewness(m2, m3);
      case "Kurtosis":
        return kurtosis(m2, m4);
      case "Variance":
        return m2;
      case "Uniformity":
        return uniformity(p);
      default:
        throw new IllegalArgumentException("unknown firstorder feature " + f);
    }
  }

  /** Energy: {@code sum_k (X_k + c)^2}. */
  static double energy(double sumSq) {
    return sumSq;
  }

  /** TotalEnergy: {@code V_voxel * sum_k (X_k + c)^2}, V_voxel the voxel volume in mm^3. */
  static double totalEnergy(double sumSq, double voxelVolume) {
    return voxelVolume * sumSq;
  }

  /** Entropy: {@code -sum_i p(i) log2(p(i) + eps)} over the discretised ROI. */
  static double entropy(double[] p) {
    double h = 0;
    for (double v : p) {
      if (v > 0) {
        h -= v * Math.log(v + EPS) / Math.log(2);
      }
    }
    return h;
  }

  /** Uniformity: {@code sum_i p(i)^2}. */
  static double uniformity(double[] p) {
    double u = 0;
    for (double v : p) {
      u += v * v;
    }
    return u;
  }

  /** Skewness: {@code m3 / m2^(3/2)} with population moments; 0 for a flat ROI (PyRadiomics). */
  static double skewness(double m2, double m3) {
    return m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
  }

  /** Kurtosis: {@code m4 / m2^2} (NOT excess kurtosis: IBSI's kurtosis + 3); 0 for a flat ROI (PyRadiomics). */
  static double kurtosis(double m2, double m4) {
    return m2 == 0 ? 0 : m4 / (m2 * m2);
  }

  /**
   * RobustMeanAbsoluteDeviation: {@code mean |X_10-90 - mean(X_10-90)|} over the voxels with
   * {@code P10 <= X <= P90}.
   */
  static double robustMad(double[] sorted) {
    double lo = percentile(sorted, 10);
    double hi = percentile(sorted, 90);
    double sum = 0;
    int k = 0;
    for (double v : sorted) {
      if (v >= lo && v <= hi) {
        sum += v;
        k++;
      }
    }
    double m = sum / k;
    double d = 0;
    for (double v : sorted) {
      if (v >= lo && v <= hi) {
        d += Math.abs(v - m);
      }
    }
    return d / k;
  }

  /**
   * numpy.percentile with the default 'linear' method: rank {@code h = (q/100)(n - 1)}, {@code a = s[floor h]},
   * {@code b = s[floor h + 1]}, {@code t = h - floor h}, value {@code a + t (b - a)}, computed as numpy's
   * {@code _lerp} does ({@code b - (b - a)(1 - t)} when t >= 0.5).
   */
  static double percentile(double[] sorted, double q) {
    int n = sorted.length;
    double h = (q / 100.0) * (n - 1);
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double t = h - lo;
    double a = sorted[lo];
    double b = sorted[lo + 1];
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
}
