package org.sparkradiomics.modeling.report;

import java.util.ArrayList;
import java.util.List;
import org.sparkradiomics.stats.Calibration;
import org.sparkradiomics.stats.DeLong;
import org.sparkradiomics.stats.Youden;

/**
 * The metrics of one evaluation (nested-CV out-of-fold, or an external cohort) as rows of {@code model_metrics}:
 * AUC with the DeLong 95% interval; sensitivity, specificity and accuracy at the Youden threshold with Wilson 95%
 * intervals (conditional on the threshold, which was chosen on the same predictions, so they are optimistic);
 * Brier score, calibration intercept and slope (logistic recalibration, {@link Calibration}) with percentile
 * bootstrap 95% intervals over patients ({@link BootstrapCi}: B replicates, each drawing the n patients with
 * replacement from a {@link java.util.SplittableRandom} seeded with the given seed, interval [Q(0.025), Q(0.975)] of
 * the replicate values); net benefit at 0.1 ... 0.5 without interval.
 *
 * <p>The predictions are one per patient (the images of a patient are averaged before), so resampling the rows is
 * resampling the patients. A replicate where a metric is undefined (intercept: a single class drawn; slope: also
 * when the classes do not overlap in p) is skipped for that metric; the rows {@code bootstrap_replicates} (B) and
 * {@code bootstrap_valid@<metric>} (replicates that entered the interval) record the counts. With no valid replicate
 * the metric has no interval.
 *
 * <p>For an external evaluation the threshold is fixed in advance (the nested-CV Youden threshold) instead of
 * re-optimised on the external data.
 */
public final class Evaluation {
  /** Interval methods of {@link Metric#ciMethod}. */
  public static final String DELONG = "DeLong";
  public static final String WILSON = "Wilson";

  /**
   * One metric with its optional 95% interval (null bounds: no interval computed) and the interval method
   * ({@link #DELONG}, {@link #WILSON}, {@link BootstrapCi#METHOD}; null without interval).
   */
  public record Metric(String name, double value, Double ciLow, Double ciHigh, String ciMethod) {
    Metric(String name, double value) {
      this(name, value, null, null, null);
    }
  }

  public final String kind;
  public final double[] p;
  public final int[] y;
  public final DeLong.Auc auc;
  public final double threshold;
  public final List<Metric> metrics;

  private Evaluation(String kind, double[] p, int[] y, DeLong.Auc auc, double threshold, List<Metric> metrics) {
    this.kind = kind;
    this.p = p;
    this.y = y;
    this.auc = auc;
    this.threshold = threshold;
    this.metrics = metrics;
  }

  /**
   * @param fixedThreshold NaN: choose the Youden threshold on these predictions; else use it
   * @param replicates bootstrap replicates B (&gt;= 1; {@link BootstrapCi#DEFAULT_REPLICATES} by default)
   * @param seed seed of the bootstrap (the experiment seed)
   */
  public static Evaluation of(String kind, double[] p, int[] y, double fixedThreshold, int replicates, long seed) {
    DeLong.Auc auc = DeLong.auc(p, y);
    List<Metric> m = new ArrayList<>();
    int n = p.length;
    int pos = auc.positives();
    int neg = auc.negatives();
    m.add(new Metric("patients", n));
    m.add(new Metric("events", pos));
    m.add(new Metric("auc", auc.auc(), auc.ciLow(), auc.ciHigh(), DELONG));
    double t = Double.isNaN(fixedThreshold) ? Youden.best(p, y).threshold() : fixedThreshold;
    int tp = 0;
    int tn = 0;
    for (int i = 0; i < n; i++) {
      boolean call = p[i] >= t;
      if (call && y[i] == 1) {
        tp++;
      } else if (!call && y[i] == 0) {
        tn++;
      }
    }
    m.add(new Metric("youden_threshold", t));
    double[] se = Curves.wilson(tp, pos);
    double[] sp = Curves.wilson(tn, neg);
    double[] ac = Curves.wilson(tp + tn, n);
    m.add(new Metric("sensitivity", tp / (double) pos, se[0], se[1], WILSON));
    m.add(new Metric("specificity", tn / (double) neg, sp[0], sp[1], WILSON));
    m.add(new Metric("accuracy", (tp + tn) / (double) n, ac[0], ac[1], WILSON));
    BootstrapCi.Interval[] boot = BootstrapCi.intervals(p, y, null, replicates, seed, BootstrapCi.CALIBRATION);
    Calibration.Result c = Calibration.recalibration(p, y);
    m.add(bootstrapped("brier", Calibration.brier(p, y), boot[BootstrapCi.BRIER]));
    m.add(bootstrapped("calibration_intercept", c.intercept(), boot[BootstrapCi.CALIBRATION_INTERCEPT]));
    m.add(bootstrapped("calibration_slope", c.slope(), boot[BootstrapCi.CALIBRATION_SLOPE]));
    for (double pt : new double[] {0.1, 0.2, 0.3, 0.4, 0.5}) {
      m.add(new Metric("net_benefit@" + pt, Calibration.netBenefit(p, y, pt)));
    }
    m.add(new Metric("bootstrap_replicates", replicates));
    m.add(new Metric("bootstrap_valid@brier", boot[BootstrapCi.BRIER].valid()));
    m.add(new Metric("bootstrap_valid@calibration_intercept", boot[BootstrapCi.CALIBRATION_INTERCEPT].valid()));
    m.add(new Metric("bootstrap_valid@calibration_slope", boot[BootstrapCi.CALIBRATION_SLOPE].valid()));
    return new Evaluation(kind, p, y, auc, t, m);
  }

  private static Metric bootstrapped(String name, double value, BootstrapCi.Interval ci) {
    return ci.defined() ? new Metric(name, value, ci.low(), ci.high(), BootstrapCi.METHOD) : new Metric(name, value);
  }

  public Metric get(String name) {
    for (Metric x : metrics) {
      if (x.name().equals(name)) {
        return x;
      }
    }
    throw new IllegalArgumentException("no metric " + name);
  }
}
