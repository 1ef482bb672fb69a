package org.sparkradiomics.stats;

import java.util.Arrays;

/**
 * Optimal threshold by Youden's J = sensitivity + specificity - 1. A case is called positive when score &gt;=
 * threshold; candidate thresholds are the distinct observed scores; ties in J go to the higher threshold.
 */
public final class Youden {
  private Youden() {}

  public record Result(double threshold, double sensitivity, double specificity, double accuracy, double j) {}

  public static Result best(double[] score, int[] label) {
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    int pos = 0;
    for (int l : label) {
      pos += l;
    }
    int neg = n - pos;
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException("need both classes");
    }
    int tp = 0;
    int fp = 0;
    Result best = null;
    int i = 0;
    while (i < n) {
      double t = score[order[i]];
      while (i < n && score[order[i]] == t) {
        if (label[order[i]] == 1) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      double se = tp / (double) pos;
      double sp = (neg - fp) / (double) neg;
      double j = se + sp - 1;
      if (best == null || j > best.j + 1e-15) {
        best = new Result(t, se, sp, (tp + neg - fp) / (double) n, j);
      }
    }
    return best;
  }

  /** Sensitivity, specificity and accuracy at a fixed threshold (positive when score &gt;= threshold). */
  public static Result at(double threshold, double[] score, int[] label) {
    int tp = 0;
    int tn = 0;
    int pos = 0;
    for (int i = 0; i < score.length; i++) {
      boolean call = score[i] >= threshold;
      if (label[i] == 1) {
        pos++;
        if (call) {
          tp++;
        }
      } else if (!call) {
        tn++;
      }
    }
    int neg = score.length - pos;
    double se = tp / (double) pos;
    double sp = tn / (double) neg;
    return new Result(threshold, se, sp, (tp + tn) / (double) score.length, se + sp - 1);
  }
}
