package org.sparkradiomics.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StatsTest {

  /*
   * DeLong hand case. Positives X = {0.9, 0.6, 0.4}, negatives Y = {0.7, 0.4, 0.1} (m = n = 3).
   * psi(X_i, Y_j) rows: X=0.9: 1 1 1 ; X=0.6: 0 1 1 ; X=0.4: 0 1/2 1.
   * V10 = {1, 2/3, 1/2}; V01 (columns / 3) = {1/3, 5/6, 1}; AUC = mean V10 = 13/18.
   * S10: deviations from 13/18 are 5/18, -1/18, -4/18 -> (25 + 1 + 16)/324 / 2 = 7/108.
   * S01: deviations -7/18, 2/18, 5/18 -> (49 + 4 + 25)/324 / 2 = 13/108.
   * Var = S10/3 + S01/3 = 20/324 = 5/81; SE = sqrt(5)/9 = 0.2484520;
   * 95% CI = 13/18 -+ 1.959964 * SE = [0.2352653, 1.2091] -> upper clipped to 1.
   */
  static final double[] S1 = {0.9, 0.6, 0.4, 0.7, 0.4, 0.1};
  static final int[] Y = {1, 1, 1, 0, 0, 0};

  @Test
  void deLongAucVarianceAndCiByHand() {
    DeLong.Auc a = DeLong.auc(S1, Y);
    assertEquals(13.0 / 18, a.auc(), 1e-12);
    assertEquals(5.0 / 81, a.variance(), 1e-12);
    assertEquals(Math.sqrt(5) / 9, a.se(), 1e-12);
    assertEquals(13.0 / 18 - 1.959963985 * Math.sqrt(5) / 9, a.ciLow(), 1e-8);
    assertEquals(1.0, a.ciHigh(), 0);
    DeLong.Components c = DeLong.components(S1, Y);
    assertArrayEquals(new double[] {1, 2.0 / 3, 0.5}, c.v10(), 1e-12);
    assertArrayEquals(new double[] {1.0 / 3, 5.0 / 6, 1}, c.v01(), 1e-12);
  }

  /*
   * Paired DeLong hand case, second score on the same six cases: X' = {0.8, 0.3, 0.5}, Y' = {0.6, 0.2, 0.4}.
   * V10' = {1, 1/3, 2/3}, V01' = {1/3, 1, 2/3}, AUC2 = 2/3; S10' = S01' = 1/9 -> Var2 = 2/27.
   * Cross covariances: S10_12 = (5/18*6/18 + -1/18*-6/18 + -4/18*0)/2 = 36/324/2 = 1/18;
   * S01_12 = (-7/18*-6/18 + 2/18*6/18 + 5/18*0)/2 = 54/324/2 = 1/12; Cov = 1/54 + 1/36 = 5/108.
   * Var(diff) = 5/81 + 2/27 - 2*5/108 = 14/324 = 7/162; diff = 1/18; z = 0.2672612; p = 0.7892682.
   */
  @Test
  void pairedDeLongByHand() {
    double[] s2 = {0.8, 0.3, 0.5, 0.6, 0.2, 0.4};
    DeLong.Comparison c = DeLong.compare(S1, s2, Y);
    assertEquals(13.0 / 18, c.auc1(), 1e-12);
    assertEquals(2.0 / 3, c.auc2(), 1e-12);
    assertEquals(7.0 / 162, c.variance(), 1e-12);
    assertEquals((1.0 / 18) / Math.sqrt(7.0 / 162), c.z(), 1e-12);
    assertEquals(0.7892682, c.p(), 1e-6);
    // A score compared with itself has zero difference and p = 1.
    assertEquals(1.0, DeLong.compare(S1, S1, Y).p(), 0);
  }

  @Test
  void deLongComponentsMatchTheDoubleLoop() {
    Random r = new Random(7);
    int n = 200;
    double[] s = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(3) == 0 ? 1 : 0;
      s[i] = Math.round((r.nextGaussian() + y[i]) * 4) / 4.0; // rounded: many ties
    }
    DeLong.Components c = DeLong.components(s, y);
    int ci = 0;
    double auc = 0;
    int m = 0;
    int nn = 0;
    for (int i = 0; i < n; i++) {
      if (y[i] == 1) {
        m++;
      } else {
        nn++;
      }
    }
    for (int i = 0; i < n; i++) {
      if (y[i] != 1) {
        continue;
      }
      double v = 0;
      for (int j = 0; j < n; j++) {
        if (y[j] == 0) {
          v += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
        }
      }
      assertEquals(v / nn, c.v10()[ci++], 1e-12);
      auc += v;
    }
    assertEquals(auc / (m * (double) nn), c.auc(), 1e-12);
  }

  /*
   * Mann-Whitney hand case: g1 = {3, 5, 7, 7}, g2 = {1, 2, 5}. Pooled ranks: 1->1, 2->2, 3->3, 5,5->4.5, 7,7->6.5.
   * R1 = 3 + 4.5 + 6.5 + 6.5 = 20.5; U1 = 20.5 - 4*5/2 = 10.5; E[U] = 6; ties: two pairs -> sum(t^3-t) = 12;
   * Var = 4*3/12 * (8 - 12/(7*6)) = 7.7142857; z = (4.5 - 0.5)/sqrt(7.7142857) = 1.4401646; p = 0.1498207
   * (scipy mannwhitneyu(method='asymptotic') gives 0.1498208).
   */
  @Test
  void mannWhitneyByHand() {
    MannWhitney.Result r = MannWhitney.test(new double[] {3, 5, 7, 7}, new double[] {1, 2, 5});
    assertEquals(10.5, r.u(), 1e-12);
    assertEquals(4 / Math.sqrt(8 - 12.0 / 42), r.z(), 1e-12);
    assertEquals(0.1498208, r.p(), 2e-6);
    assertEquals(10.5 / 12, r.auc(), 1e-12);
  }

  /*
   * Welch: a = {1,2,3,4} (mean 2.5, s^2 = 5/3), b = {2,4,6,8,10} (mean 6, s^2 = 10).
   * s^2/n: 5/12 and 2; t = -3.5/sqrt(29/12) = -2.2514363; df = (29/12)^2 / ((5/12)^2/3 + 2^2/4) = 5.5207877;
   * p = 0.0691336 (scipy ttest_ind(equal_var=False)).
   */
  @Test
  void welchByHand() {
    WelchT.Result r = WelchT.test(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 8, 10});
    assertEquals(-3.5 / Math.sqrt(29.0 / 12), r.t(), 1e-12);
    assertEquals((29.0 / 12) * (29.0 / 12) / ((25.0 / 144) / 3 + 1), r.df(), 1e-12);
    assertEquals(0.06913359, r.p(), 1e-6);
  }

  /*
   * BH: p = {0.001, 0.04, 0.045, 0.9}, m = 4: m p / k = {0.004, 0.08, 0.06, 0.9}; running minimum from the largest
   * rank down: q = {0.004, 0.06, 0.06, 0.9} (the 0.08 is lowered to 0.06 by monotonicity).
   */
  @Test
  void benjaminiHochbergByHand() {
    assertArrayEquals(new double[] {0.06, 0.004, 0.9, 0.06},
        Fdr.benjaminiHochberg(new double[] {0.04, 0.001, 0.9, 0.045}), 1e-12);
  }

  /*
   * Youden: scores 0.9 .8 .7 .6 .55 .5 .4 .3 with labels 1 1 0 1 0 1 0 0 (4 pos, 4 neg). Thresholds (score >= t):
   * 0.9: J=.25; 0.8: se .5 sp 1 J=.5; 0.7: .25; 0.6: se .75 sp .75 J=.5; 0.55: .25; 0.5: se 1 sp .5 J=.5; 0.4: .25.
   * Ties in J go to the highest threshold: t = 0.8, se 0.5, sp 1, accuracy (2 + 4)/8 = 0.75.
   */
  @Test
  void youdenByHand() {
    double[] s = {0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.4, 0.3};
    int[] y = {1, 1, 0, 1, 0, 1, 0, 0};
    Youden.Result r = Youden.best(s, y);
    assertEquals(0.8, r.threshold(), 0);
    assertEquals(0.5, r.sensitivity(), 1e-12);
    assertEquals(1.0, r.specificity(), 1e-12);
    assertEquals(0.75, r.accuracy(), 1e-12);
    assertEquals(0.5, r.j(), 1e-12);
    Youden.Result at = Youden.at(0.6, s, y);
    assertEquals(0.75, at.sensitivity(), 1e-12);
    assertEquals(0.75, at.specificity(), 1e-12);
  }

  /* Brier: p = {.9, .2, .6, .4}, y = {1, 0, 0, 1}: (.01 + .04 + .36 + .36)/4 = 0.1925. */
  @Test
  void brierByHand() {
    assertEquals(0.1925, Calibration.brier(new double[] {0.9, 0.2, 0.6, 0.4}, new int[] {1, 0, 0, 1}), 1e-12);
  }

  /*
   * Calibration: p = 0.2 for four cases (one event) and 0.8 for four cases (three events). With two distinct
   * logits the logistic recalibration is saturated: c + b*(-ln 4) = logit(1/4) = -ln 3 and c + b ln 4 = ln 3, so
   * slope b = ln 3 / ln 4 = 0.7924813 and c = 0; with the offset (slope fixed at 1) the score equation is symmetric
   * and the intercept is 0. Constant p = 0.5 with 3 of 4 events: intercept = logit(3/4) - 0 = ln 3.
   */
  @Test
  void calibrationByHand() {
    double[] p = {0.2, 0.2, 0.2, 0.2, 0.8, 0.8, 0.8, 0.8};
    int[] y = {0, 0, 0, 1, 1, 1, 1, 0};
    Calibration.Result r = Calibration.recalibration(p, y);
    assertEquals(Math.log(3) / Math.log(4), r.slope(), 1e-9);
    assertEquals(0, r.slopeIntercept(), 1e-9);
    assertEquals(0, r.intercept(), 1e-9);
    Calibration.Result c = Calibration.recalibration(new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {1, 1, 1, 0});
    assertEquals(Math.log(3), c.intercept(), 1e-9);
  }

  /*
   * Net benefit at pt = 0.3: p = {.9, .7, .4, .2, .1}, y = {1, 0, 1, 0, 0}; treated p >= .3: TP = 2, FP = 1;
   * NB = 2/5 - 1/5 * .3/.7 = 0.3142857; treat all: 0.4 - 0.6 * 3/7 = 0.1428571.
   */
  @Test
  void netBenefitByHand() {
    double[] p = {0.9, 0.7, 0.4, 0.2, 0.1};
    int[] y = {1, 0, 1, 0, 0};
    assertEquals(0.4 - 0.2 * 3 / 7.0, Calibration.netBenefit(p, y, 0.3), 1e-12);
    assertEquals(0.4 - 0.6 * 3 / 7.0, Calibration.netBenefitTreatAll(y, 0.3), 1e-12);
  }

  /*
   * ICC(3,1) of {{1,2},{3,5},{5,6}}: row means 1.5, 4, 5.5; column means 3, 13/3; grand 11/3.
   * SSR = 2 * (4.694444 + 0.111111 + 3.361111) = 16.333333, MSR = 8.1666667; residuals +-1/6, -+1/3, +-1/6 ->
   * SSE = 1/3, MSE = (1/3)/2 = 1/6; ICC = (49/6 - 1/6)/(49/6 + 1/6) = 48/50 = 0.96.
   */
  @Test
  void icc31ByHand() {
    assertEquals(0.96, Icc.icc31(new double[][] {{1, 2}, {3, 5}, {5, 6}}), 1e-12);
    // Perfect consistency (rater 2 = rater 1 + 10) gives 1.
    assertEquals(1.0, Icc.icc31(new double[][] {{1, 11}, {2, 12}, {4, 14}}), 1e-12);
  }

  @Test
  void distributionsAgainstKnownValues() {
    assertEquals(1.959963985, Distributions.normalQuantile(0.975), 1e-8);
    assertEquals(0.975, Distributions.normalCdf(1.959963985), 1e-7);
    // t(10) two-sided p at t = 2.228139 is 0.05.
    assertEquals(0.05, Distributions.studentTwoSided(2.228139, 10), 1e-6);
    assertTrue(Distributions.studentTwoSided(0, 5) > 0.999999);
  }
}
