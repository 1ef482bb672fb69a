package org.sparkradiomics.modeling.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.stats.Calibration;

/** Percentile cluster bootstrap of Brier score and calibration intercept / slope (pure Java, no Spark). */
class BootstrapCiTest {
  /** A calibrated model: logit p ~ N(-0.4, 1.2^2), y ~ Bernoulli(p). Row 0 is p, row 1 is y. */
  static Object[] calibrated(int n, long seed) {
    Random r = new Random(seed);
    double[] p = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = 1 / (1 + Math.exp(-(-0.4 + 1.2 * r.nextGaussian())));
      y[i] = r.nextDouble() < p[i] ? 1 : 0;
    }
    return new Object[] {p, y};
  }

  /**
   * Every negative has p = 0.25 and every positive p = 0.75, so each row contributes (0.25)^2 = 0.0625 (exact in
   * binary) and every replicate has Brier 0.0625: the interval collapses to the point. The classes never overlap
   * (max p of negatives 0.25 &lt; min p of positives 0.75), so the slope is undefined on every replicate: 0 valid,
   * no interval.
   */
  @Test
  void constantBrierCollapsesAndSeparatedSlopeHasNoInterval() {
    int n = 40;
    double[] p = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      p[i] = y[i] == 1 ? 0.75 : 0.25;
    }
    Evaluation e = Evaluation.of("nested_cv", p, y, Double.NaN, 500, 5);
    Evaluation.Metric b = e.get("brier");
    assertEquals(0.0625, b.value(), 0);
    assertEquals(0.0625, b.ciLow(), 0);
    assertEquals(0.0625, b.ciHigh(), 0);
    assertEquals(BootstrapCi.METHOD, b.ciMethod());
    assertEquals(500.0, e.get("bootstrap_replicates").value(), 0);
    assertEquals(500.0, e.get("bootstrap_valid@brier").value(), 0);
    assertEquals(0.0, e.get("bootstrap_valid@calibration_slope").value(), 0);
    assertNull(e.get("calibration_slope").ciLow());
    assertNull(e.get("calibration_slope").ciMethod());
    // the intercept needs only both classes, P(single class in 40 draws) = 2 * 0.5^40: all 500 valid
    assertEquals(500.0, e.get("bootstrap_valid@calibration_intercept").value(), 0);
    Evaluation.Metric a = e.get("calibration_intercept");
    // 20 / 20 events with p 0.25 / 0.75: the offset model is solved by a = 0 by symmetry
    assertEquals(0.0, a.value(), 1e-12);
    assertTrue(a.ciLow() < 0 && a.ciHigh() > 0, a.toString());
  }

  /**
   * Two patients, ids 17 (3 images, p 0.25, y 0: squared error 0.0625 each) and 4 (5 images, p 0.875, y 1: squared
   * error 0.125^2 = 0.015625 each), rows interleaved. Drawing 2 patients: {17, 17} -> 6 rows, Brier 0.0625, one
   * class; {4, 4} -> 10 rows, Brier 0.015625, one class; mixed (probability 1/2) -> 8 rows, 5 events, Brier
   * (3 * 0.0625 + 5 * 0.015625) / 8 = 0.265625 / 8 = 0.033203125. A row-level bootstrap would always give 8 rows
   * and Briers (k 0.0625 + (8 - k) 0.015625) / 8 for any k of 0..8.
   */
  @Test
  void clusterResamplingKeepsThePatientsImagesTogether() {
    double[] p = {0.25, 0.875, 0.25, 0.875, 0.25, 0.875, 0.875, 0.875};
    int[] y = {0, 1, 0, 1, 0, 1, 1, 1};
    int[] patient = {17, 4, 17, 4, 17, 4, 4, 4};
    int b = 1000;
    double[][] v = BootstrapCi.replicates(p, y, patient, b, 21,
        (bp, by) -> new double[] {Calibration.brier(bp, by), bp.length, java.util.Arrays.stream(by).sum()});
    int aa = 0;
    int bb = 0;
    int mixed = 0;
    for (int k = 0; k < b; k++) {
      int rows = (int) v[1][k];
      int events = (int) v[2][k];
      if (rows == 6) {
        aa++;
        assertEquals(0, events);
        assertEquals(0.0625, v[0][k], 0);
      } else if (rows == 10) {
        bb++;
        assertEquals(10, events);
        assertEquals(0.015625, v[0][k], 0);
      } else {
        mixed++;
        assertEquals(8, rows);
        assertEquals(5, events);
        assertEquals(0.033203125, v[0][k], 1e-17);
      }
    }
    // expected 250 / 500 / 250 (binomial sd 13.7 / 15.8)
    assertTrue(aa > 200 && aa < 300, "17,17: " + aa);
    assertTrue(bb > 200 && bb < 300, "4,4: " + bb);
    assertTrue(mixed > 430 && mixed < 570, "mixed: " + mixed);
    // same seed -> same draws: the intercept is defined exactly on the mixed replicates; the slope never (the
    // classes are separated: 0.25 < 0.875); Brier interval = [smallest, largest] value since both extremes hold
    // more than 2.5% of the replicates
    BootstrapCi.Interval[] ci = BootstrapCi.intervals(p, y, patient, b, 21, BootstrapCi.CALIBRATION);
    assertEquals(b, ci[BootstrapCi.BRIER].valid());
    assertEquals(0.015625, ci[BootstrapCi.BRIER].low(), 0);
    assertEquals(0.0625, ci[BootstrapCi.BRIER].high(), 0);
    assertEquals(mixed, ci[BootstrapCi.CALIBRATION_INTERCEPT].valid());
    assertEquals(0, ci[BootstrapCi.CALIBRATION_SLOPE].valid());
    assertTrue(Double.isNaN(ci[BootstrapCi.CALIBRATION_SLOPE].low()));
    // on every mixed replicate the rows are the same multiset (3 x (0.25, 0), 5 x (0.875, 1)), so the intercept
    // interval collapses to the intercept of the original 8 rows
    double a = Calibration.recalibration(p, y).intercept();
    assertEquals(a, ci[BootstrapCi.CALIBRATION_INTERCEPT].low(), 1e-12);
    assertEquals(a, ci[BootstrapCi.CALIBRATION_INTERCEPT].high(), 1e-12);
  }

  /**
   * 10 patients, 1 event: a replicate misses the event with probability 0.9^10 = 0.349, so about 651 of 1000
   * replicates have both classes; exactly those give an intercept, the others are skipped and not counted.
   */
  @Test
  void singleClassReplicatesAreSkippedAndCounted() {
    double[] p = {0.1, 0.2, 0.15, 0.3, 0.05, 0.6, 0.25, 0.12, 0.4, 0.35};
    int[] y = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
    Evaluation e = Evaluation.of("external", p, y, 0.5, 1000, 99);
    double[][] events = BootstrapCi.replicates(p, y, null, 1000, 99,
        (bp, by) -> new double[] {java.util.Arrays.stream(by).sum(), by.length});
    int both = 0;
    for (int k = 0; k < 1000; k++) {
      assertEquals(10.0, events[1][k], 0);
      if (events[0][k] > 0 && events[0][k] < 10) {
        both++;
      }
    }
    assertTrue(both > 600 && both < 700, "replicates with an event: " + both);
    assertEquals(both, (int) e.get("bootstrap_valid@calibration_intercept").value());
    assertEquals(1000, (int) e.get("bootstrap_valid@brier").value());
    assertTrue(e.get("bootstrap_valid@calibration_slope").value() <= both);
    assertEquals(BootstrapCi.METHOD, e.get("calibration_intercept").ciMethod());
  }

  @Test
  void sameSeedSameIntervalDifferentSeedDifferent() {
    Object[] d = calibrated(300, 1);
    double[] p = (double[]) d[0];
    int[] y = (int[]) d[1];
    BootstrapCi.Interval[] a = BootstrapCi.intervals(p, y, null, 400, 11, BootstrapCi.CALIBRATION);
    BootstrapCi.Interval[] b = BootstrapCi.intervals(p, y, null, 400, 11, BootstrapCi.CALIBRATION);
    BootstrapCi.Interval[] c = BootstrapCi.intervals(p, y, null, 400, 12, BootstrapCi.CALIBRATION);
    assertArrayEquals(a, b);
    for (int m = 0; m < 3; m++) {
      assertNotEquals(a[m].low(), c[m].low(), "statistic " + m);
      assertNotEquals(a[m].high(), c[m].high(), "statistic " + m);
    }
    Evaluation e1 = Evaluation.of("nested_cv", p, y, Double.NaN, 400, 11);
    Evaluation e2 = Evaluation.of("nested_cv", p, y, Double.NaN, 400, 11);
    assertEquals(e1.metrics, e2.metrics);
    assertEquals(a[BootstrapCi.CALIBRATION_SLOPE].low(), e1.get("calibration_slope").ciLow(), 0);
  }

  /** Moderate sample (n = 300): every point estimate lies inside its interval; all replicates valid. */
  @Test
  void intervalContainsThePointEstimate() {
    Object[] d = calibrated(300, 2);
    double[] p = (double[]) d[0];
    int[] y = (int[]) d[1];
    Evaluation e = Evaluation.of("nested_cv", p, y, Double.NaN, BootstrapCi.DEFAULT_REPLICATES, 42);
    for (String k : new String[] {"brier", "calibration_intercept", "calibration_slope"}) {
      Evaluation.Metric m = e.get(k);
      assertTrue(m.ciLow() < m.value() && m.value() < m.ciHigh(), m.toString());
      assertEquals(1000.0, e.get("bootstrap_valid@" + k).value(), 0, k);
    }
    // the Wilson / DeLong intervals are untouched
    assertEquals(Evaluation.DELONG, e.get("auc").ciMethod());
    assertEquals(Evaluation.WILSON, e.get("sensitivity").ciMethod());
  }

  /**
   * Coverage of the true calibration (intercept 0, slope 1) by the 95% intervals over 100 simulated calibrated
   * samples of n = 200 (400 replicates each): expected about 95%, accepted from 85%.
   */
  @Test
  void intervalsCoverTheTrueCalibration() {
    int coverA = 0;
    int coverB = 0;
    for (int s = 0; s < 100; s++) {
      Object[] d = calibrated(200, 1000 + s);
      BootstrapCi.Interval[] ci = BootstrapCi.intervals((double[]) d[0], (int[]) d[1], null, 400, s,
          BootstrapCi.CALIBRATION);
      BootstrapCi.Interval a = ci[BootstrapCi.CALIBRATION_INTERCEPT];
      BootstrapCi.Interval b = ci[BootstrapCi.CALIBRATION_SLOPE];
      coverA += a.low() <= 0 && 0 <= a.high() ? 1 : 0;
      coverB += b.low() <= 1 && 1 <= b.high() ? 1 : 0;
    }
    System.out.printf("bootstrap coverage (100 samples, n 200): intercept %d%%, slope %d%%%n", coverA, coverB);
    assertTrue(coverA >= 85, "intercept coverage " + coverA);
    assertTrue(coverB >= 85, "slope coverage " + coverB);
  }

  /**
   * Width ~ 1/sqrt(n): mean widths over 10 simulated samples at n = 200 and n = 800 differ by about sqrt(4) = 2;
   * accepted 1.6 ... 2.5.
   */
  @Test
  void widthShrinksLikeOneOverSqrtN() {
    double[] w200 = new double[3];
    double[] w800 = new double[3];
    for (int s = 0; s < 10; s++) {
      Object[] small = calibrated(200, 500 + s);
      Object[] large = calibrated(800, 600 + s);
      BootstrapCi.Interval[] a = BootstrapCi.intervals((double[]) small[0], (int[]) small[1], null, 400, s,
          BootstrapCi.CALIBRATION);
      BootstrapCi.Interval[] b = BootstrapCi.intervals((double[]) large[0], (int[]) large[1], null, 400, s,
          BootstrapCi.CALIBRATION);
      for (int m = 0; m < 3; m++) {
        w200[m] += (a[m].high() - a[m].low()) / 10;
        w800[m] += (b[m].high() - b[m].low()) / 10;
      }
    }
    for (int m = 0; m < 3; m++) {
      double ratio = w200[m] / w800[m];
      System.out.printf("bootstrap width statistic %d: n 200 %.4f, n 800 %.4f, ratio %.3f%n", m, w200[m], w800[m],
          ratio);
      assertTrue(ratio > 1.6 && ratio < 2.5, "statistic " + m + " ratio " + ratio);
    }
  }

  /** Type-7 percentiles of 1..5 (the NaN is skipped): h = 4 * 0.025 = 0.1 -> 1.1; h = 4 * 0.975 = 3.9 -> 4.9. */
  @Test
  void percentileSkipsUndefinedValues() {
    BootstrapCi.Interval i = BootstrapCi.percentile(new double[] {3, Double.NaN, 1, 5, 2, 4});
    assertEquals(1.1, i.low(), 1e-12);
    assertEquals(4.9, i.high(), 1e-12);
    assertEquals(5, i.valid());
    assertEquals(6, i.replicates());
    assertEquals(0, BootstrapCi.percentile(new double[] {Double.NaN}).valid());
  }

  @Test
  void invalidSettingsAreErrors() {
    double[] p = {0.2, 0.8};
    int[] y = {0, 1};
    assertThrows(IllegalArgumentException.class,
        () -> BootstrapCi.intervals(p, y, null, 0, 1, BootstrapCi.CALIBRATION));
    assertThrows(IllegalArgumentException.class,
        () -> BootstrapCi.intervals(p, new int[] {0}, null, 10, 1, BootstrapCi.CALIBRATION));
    assertThrows(IllegalArgumentException.class,
        () -> BootstrapCi.intervals(p, y, new int[] {1}, 10, 1, BootstrapCi.CALIBRATION));
    assertThrows(IllegalArgumentException.class,
        () -> BootstrapCi.intervals(p, new int[] {0, 2}, null, 10, 1, BootstrapCi.CALIBRATION));
    assertThrows(IllegalArgumentException.class, () -> Evaluation.of("nested_cv", p, y, Double.NaN, -1, 1));
  }
}
