package org.sparkradiomics.cohort;

import java.util.Arrays;

/**
 * Expected AUC of a score when labels are {@code Bernoulli(sigmoid(eta))}.
 *
 * <p>For a population of studies with linear predictors {@code eta_i} and weights {@code w_i} (summing to W), draw
 * two studies independently (with replacement) with probability proportional to weight, and labels
 * {@code Y ~ Bernoulli(p)} with {@code p = sigmoid(eta)}. The AUC of the score {@code eta} is
 * <pre>
 *   AUC = sum_i sum_j w_i w_j p_i (1 - p_j) [1(eta_i &gt; eta_j) + 0.5 * 1(eta_i = eta_j)]
 *         / (sum_i w_i p_i * sum_j w_j (1 - p_j))
 * </pre>
 * i.e. P(score of a positive &gt; score of a negative) with ties counted one half. Since {@code p} is increasing in
 * {@code eta}, this is the Bayes-optimal AUC of the population. Computed in O(n log n) by sorting and prefix sums.
 */
public final class BayesAuc {
  private BayesAuc() {}

  /**
   * @param eta linear predictors
   * @param weights weights (null = all 1)
   */
  public static double expectedAuc(double[] eta, double[] weights) {
    int n = eta.length;
    if (n == 0) {
      throw new IllegalArgumentException("empty population");
    }
    Integer[] boxed = null;
    double[] e;
    double[] w;
    if (weights == null) {
      e = eta.clone();
      Arrays.sort(e);
      w = null;
    } else {
      if (weights.length != n) {
        throw new IllegalArgumentException("weights and eta differ in length");
      }
      boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = i;
      }
      Arrays.sort(boxed, (a, b) -> Double.compare(eta[a], eta[b]));
      e = new double[n];
      w = new double[n];
      for (int i = 0; i < n; i++) {
        e[i] = eta[boxed[i]];
        w[i] = weights[boxed[i]];
      }
    }
    double negBelow = 0;
    double num = 0;
    double pos = 0;
    double neg = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      double gPos = 0;
      double gNeg = 0;
      while (j < n && e[j] == e[i]) {
        double p = GenerativeRule.sigmoid(e[j]);
        double wj = w == null ? 1 : w[j];
        gPos += wj * p;
        gNeg += wj * (1 - p);
        j++;
      }
      num += gPos * (negBelow + 0.5 * gNeg);
      negBelow += gNeg;
      pos += gPos;
      neg += gNeg;
      i = j;
    }
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException("AUC undefined: one class has probability zero");
    }
    return num / (pos * neg);
  }

  /**
   * Expected AUC when {@code eta ~ N(mean, sd^2)} exactly, by midpoint quadrature on {@code points} nodes over
   * {@code mean +- 10 sd} with normal-density weights (the tie term of {@link #expectedAuc} is exactly the midpoint
   * rule's diagonal). Used to cross-check the Monte Carlo value when age carries no weight.
   */
  public static double gaussianEta(double mean, double sd, int points) {
    if (sd == 0) {
      return 0.5;
    }
    double lo = -10;
    double h = 20.0 / points;
    double[] eta = new double[points];
    double[] w = new double[points];
    for (int k = 0; k < points; k++) {
      double z = lo + (k + 0.5) * h;
      eta[k] = mean + sd * z;
      w[k] = StrictMath.exp(-0.5 * z * z);
    }
    return expectedAuc(eta, w);
  }
}
