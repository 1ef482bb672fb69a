package org.sparkradiomics.modeling.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CurvesTest {
  /**
   * Scores 0.9(1) 0.8(0) 0.7(1) 0.6(1) 0.2(0), 3 positives, 2 negatives. Thresholds in descending order:
   * 0.9 -> tp1 fp0 (0, 1/3); 0.8 -> (1/2, 1/3); 0.7 -> (1/2, 2/3); 0.6 -> (1/2, 1); 0.2 -> (1, 1).
   * Sensitivity at fpr 0 (no negative above t = 0.8, the largest negative) = #pos > 0.8 = 1/3; at fpr 0.5
   * (t = 0.2) = 3/3.
   */
  @Test
  void rocVerticesAndSensitivityAtFpr() {
    double[] p = {0.9, 0.8, 0.7, 0.6, 0.2};
    int[] y = {1, 0, 1, 1, 0};
    Curves.Roc r = Curves.roc(p, y);
    assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 0.5, 1}, r.fpr(), 1e-12);
    assertArrayEquals(new double[] {0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 1, 1}, r.tpr(), 1e-12);
    double[] pos = {0.6, 0.7, 0.9};
    double[] neg = {0.8, 0.2};
    assertEquals(1 / 3.0, Curves.sensitivityAt(pos, neg, 0), 1e-12);
    assertEquals(1.0, Curves.sensitivityAt(pos, neg, 0.5), 1e-12);
    assertEquals(1.0, Curves.sensitivityAt(pos, neg, 1), 1e-12);
  }

  @Test
  void bootstrapBandContainsTheCurveAndNarrowsWithSize() {
    Random r = new Random(3);
    int n = 400;
    double[] p = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      p[i] = 1 / (1 + Math.exp(-(y[i] * 1.5 + r.nextGaussian())));
    }
    Curves.RocBand b = Curves.rocBand(p, y, 300, 7);
    double width = 0;
    for (int j = 0; j < b.fpr().length; j++) {
      assertTrue(b.low()[j] <= b.tpr()[j] + 1e-12 && b.tpr()[j] <= b.high()[j] + 1e-12, "fpr " + b.fpr()[j]);
      width += b.high()[j] - b.low()[j];
    }
    assertEquals(1.0, b.tpr()[100], 0);
    Curves.RocBand small = Curves.rocBand(java.util.Arrays.copyOf(p, 60), java.util.Arrays.copyOf(y, 60), 300, 7);
    double sw = 0;
    for (int j = 0; j < small.fpr().length; j++) {
      sw += small.high()[j] - small.low()[j];
    }
    // band width scales roughly like 1/sqrt(n): 60 vs 400 cases
    assertTrue(sw > 1.8 * width, sw + " vs " + width);
  }

  /**
   * Calibration on 10 cases in 2 groups: sorted p 0.1..1.0; group 1 = 0.1..0.5 (mean 0.3) with events at 0.4, 0.5
   * (observed 0.4); group 2 = 0.6..1.0 (mean 0.8) with 4 events (0.8). Wilson for 8/10: centre
   * (0.8 + 1.92073/10)/1.38415 = 0.71674, half 1.95996 sqrt(0.016 + 0.0096)/1.38415 = 0.22656 -> 0.4902-0.9433.
   */
  @Test
  void calibrationGroupsDecisionCurveAndWilson() {
    double[] p = {0.5, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 1.0};
    int[] y = {1, 0, 0, 0, 1, 0, 1, 1, 1, 1};
    Curves.CalibrationCurve c = Curves.calibration(p, y, 2);
    assertArrayEquals(new double[] {0.3, 0.8}, c.predicted(), 1e-12);
    assertArrayEquals(new double[] {0.4, 0.8}, c.observed(), 1e-12);
    Curves.DecisionCurve d = Curves.decision(p, y);
    // pt = 0.5: treated p >= 0.5: 6 cases, tp 5, fp 1 -> 5/10 - 1/10 * 1 = 0.4; treat all: 0.6 - 0.4 = 0.2
    assertEquals(0.5, d.threshold()[49], 1e-12);
    assertEquals(0.4, d.model()[49], 1e-12);
    assertEquals(0.2, d.treatAll()[49], 1e-12);
    double[] w = Curves.wilson(8, 10);
    assertEquals(0.4902, w[0], 1e-4);
    assertEquals(0.9433, w[1], 1e-4);
  }
}
