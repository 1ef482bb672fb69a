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
 * Brier score, calibration intercept and slope, net benefit at 0.1 ... 0.5 without interval.
 *
 * <p>For an external evaluation the threshold is fixed in advance (the nested-CV Youden threshold) instead of
 * re-optimised on the external data.
 */
public final class Evaluation {
  /** One metric with its optional 95% interval (null bounds: no interval computed). */
  public record Metric(String name, double value, Double ciLow, Double ciHigh) {}

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

  /** @param fixedThreshold NaN: choose the Youden threshold on these predictions; else use it */
  public static Evaluation of(String kind, double[] p, int[] y, double fixedThreshold) {
    DeLong.Auc auc = DeLong.auc(p, y);
    List<Metric> m = new ArrayList<>();
    int n = p.length;
    int pos = auc.positives();
    int neg = auc.negatives();
    m.add(new Metric("patients", n, null, null));
    m.add(new Metric("events", pos, null, null));
    m.add(new Metric("auc", auc.auc(), auc.ciLow(), auc.ciHigh()));
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
    m.add(new Metric("youden_threshold", t, null, null));
    double[] se = Curves.wilson(tp, pos);
    double[] sp = Curves.wilson(tn, neg);
    double[] ac = Curves.wilson(tp + tn, n);
    m.add(new Metric("sensitivity", tp / (double) pos, se[0], se[1]));
    m.add(new Metric("specificity", tn / (double) neg, sp[0], sp[1]));
    m.add(new Metric("accuracy", (tp + tn) / (double) n, ac[0], ac[1]));
    m.add(new Metric("brier", Calibration.brier(p, y), null, null));
    Calibration.Result c = Calibration.recalibration(p, y);
    m.add(new Metric("calibration_intercept", c.intercept(), null, null));
    m.add(new Metric("calibration_slope", c.slope(), null, null));
    for (double pt : new double[] {0.1, 0.2, 0.3, 0.4, 0.5}) {
      m.add(new Metric("net_benefit@" + pt, Calibration.netBenefit(p, y, pt), null, null));
    }
    return new Evaluation(kind, p, y, auc, t, m);
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
