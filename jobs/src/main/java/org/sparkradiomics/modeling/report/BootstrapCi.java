package org.sparkradiomics.modeling.report;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.sparkradiomics.stats.Calibration;

/**
 * Percentile cluster bootstrap of metrics of predicted probabilities p_i and outcomes y_i in {0, 1}, on the driver
 * with plain arrays.
 *
 * <p>Rows belong to clusters (patients): {@code cluster[i]} is the patient of row i, or {@code cluster == null} when
 * every row is its own patient (the per-patient predictions of {@link Evaluation}, where the images of a patient are
 * already averaged). With K distinct clusters, replicate b draws K clusters uniformly with replacement
 * ({@link SplittableRandom} seeded with {@code seed}, draw order fixed, so equal inputs and seed give equal
 * replicates) and takes every row of each drawn cluster, as many times as the cluster was drawn: the images of a
 * patient always come together, and the replicate size is the sum of the drawn cluster sizes.
 *
 * <p>A statistic returns NaN (or a non-finite value) when it is undefined on a replicate; such replicates are skipped
 * for that statistic and only the remaining {@code valid} replicates enter its interval. The 95% interval is the
 * percentile interval [Q(0.025), Q(0.975)] of the valid replicate values, Q the type-7 quantile (linear interpolation
 * between order statistics, R's default); with no valid replicate there is no interval.
 *
 * <p>The calibration statistics ({@link #CALIBRATION}) reuse {@link Calibration#brier} and
 * {@link Calibration#recalibration} (logistic recalibration on logit p) on each replicate:
 * <ul>
 *   <li>Brier score (1/n) sum (p_i - y_i)^2: always defined;
 *   <li>calibration intercept a of logit P(y = 1) = a + logit(p_i) (offset): its maximum-likelihood estimate is
 *       finite iff both classes are present, else undefined;
 *   <li>calibration slope b of logit P(y = 1) = c + b logit(p_i): the estimate is finite iff the classes overlap in
 *       p, i.e. max(p | y = 0) &gt; min(p | y = 1) and max(p | y = 1) &gt; min(p | y = 0) (p clipped to
 *       [1e-12, 1 - 1e-12] as in {@link Calibration}); under (quasi-)complete separation it is undefined.
 * </ul>
 */
public final class BootstrapCi {
  /**
   * Number of bootstrap replicates B of a train run: a constant (the flat experiment YAML has no metrics section);
   * {@link TrainOutputs.Options#bootstrapReplicates} defaults to it and only tests change it.
   */
  public static final int DEFAULT_REPLICATES = 1000;
  /** Interval method as written into the model card and report. */
  public static final String METHOD = "percentile bootstrap over patients";

  private BootstrapCi() {}

  /** Statistics of one replicate (its rows are exactly the arrays given); NaN entries are undefined. */
  @FunctionalInterface
  public interface Statistics {
    double[] of(double[] p, int[] y);
  }

  /** Percentile interval of one statistic: low/high NaN when {@code valid == 0}. */
  public record Interval(double low, double high, int valid, int replicates) {
    public boolean defined() {
      return valid > 0;
    }
  }

  /** Index of the statistics of {@link #CALIBRATION}. */
  public static final int BRIER = 0;
  public static final int CALIBRATION_INTERCEPT = 1;
  public static final int CALIBRATION_SLOPE = 2;

  /** Brier score, calibration intercept and slope (in that order; see the class comment for when each is defined). */
  public static final Statistics CALIBRATION = (p, y) -> {
    double[] out = {Calibration.brier(p, y), Double.NaN, Double.NaN};
    double maxNeg = Double.NEGATIVE_INFINITY;
    double minNeg = Double.POSITIVE_INFINITY;
    double maxPos = Double.NEGATIVE_INFINITY;
    double minPos = Double.POSITIVE_INFINITY;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]));
      if (y[i] == 1) {
        maxPos = Math.max(maxPos, q);
        minPos = Math.min(minPos, q);
      } else {
        maxNeg = Math.max(maxNeg, q);
        minNeg = Math.min(minNeg, q);
      }
    }
    boolean bothClasses = maxPos != Double.NEGATIVE_INFINITY && maxNeg != Double.NEGATIVE_INFINITY;
    if (bothClasses) {
      Calibration.Result c = Calibration.recalibration(p, y);
      out[CALIBRATION_INTERCEPT] = c.intercept();
      if (maxNeg > minPos && maxPos > minNeg) {
        out[CALIBRATION_SLOPE] = c.slope();
      }
    }
    return out;
  };

  /**
   * The replicate values: {@code [statistic][b]}, NaN where the statistic is undefined on replicate b.
   *
   * @param cluster patient of each row (any int ids), or null: each row is its own patient
   */
  public static double[][] replicates(double[] p, int[] y, int[] cluster, int replicates, long seed, Statistics s) {
    if (p.length != y.length || cluster != null && cluster.length != p.length) {
      throw new IllegalArgumentException("bootstrap: p, y and cluster need the same length, got " + p.length + ", "
          + y.length + (cluster == null ? "" : ", " + cluster.length));
    }
    if (p.length == 0) {
      throw new IllegalArgumentException("bootstrap of an empty sample");
    }
    if (replicates < 1) {
      throw new IllegalArgumentException("bootstrap replicates must be >= 1, got " + replicates);
    }
    for (int v : y) {
      if (v != 0 && v != 1) {
        throw new IllegalArgumentException("bootstrap: labels must be 0 or 1, got " + v);
      }
    }
    int n = p.length;
    // clusters in order of first appearance, rows of cluster k at members[start[k] .. start[k + 1])
    int[] of = new int[n];
    int k = 0;
    if (cluster == null) {
      for (int i = 0; i < n; i++) {
        of[i] = i;
      }
      k = n;
    } else {
      Map<Integer, Integer> index = new HashMap<>();
      for (int i = 0; i < n; i++) {
        Integer c = index.get(cluster[i]);
        if (c == null) {
          c = k++;
          index.put(cluster[i], c);
        }
        of[i] = c;
      }
    }
    int[] start = new int[k + 1];
    for (int i = 0; i < n; i++) {
      start[of[i] + 1]++;
    }
    for (int c = 0; c < k; c++) {
      start[c + 1] += start[c];
    }
    int[] members = new int[n];
    int[] fill = Arrays.copyOf(start, k);
    for (int i = 0; i < n; i++) {
      members[fill[of[i]]++] = i;
    }

    SplittableRandom r = new SplittableRandom(seed);
    int[] drawn = new int[k];
    double[] bp = new double[0];
    int[] by = new int[0];
    double[][] out = null;
    for (int b = 0; b < replicates; b++) {
      int size = 0;
      for (int j = 0; j < k; j++) {
        drawn[j] = r.nextInt(k);
        size += start[drawn[j] + 1] - start[drawn[j]];
      }
      if (bp.length != size) {
        bp = new double[size];
        by = new int[size];
      }
      int at = 0;
      for (int j = 0; j < k; j++) {
        for (int m = start[drawn[j]]; m < start[drawn[j] + 1]; m++) {
          bp[at] = p[members[m]];
          by[at] = y[members[m]];
          at++;
        }
      }
      double[] v = s.of(bp, by);
      if (out == null) {
        out = new double[v.length][replicates];
      } else if (v.length != out.length) {
        throw new IllegalStateException("statistics returned " + v.length + " values, expected " + out.length);
      }
      for (int m = 0; m < v.length; m++) {
        out[m][b] = Double.isFinite(v[m]) ? v[m] : Double.NaN;
      }
    }
    return out;
  }

  /** Percentile 95% interval of the finite values (NaN = undefined replicate, skipped and not counted as valid). */
  public static Interval percentile(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return new Interval(Double.NaN, Double.NaN, 0, values.length);
    }
    return new Interval(Curves.quantile(v, 0.025), Curves.quantile(v, 0.975), v.length, values.length);
  }

  /** One interval per statistic of {@code s}. */
  public static Interval[] intervals(double[] p, int[] y, int[] cluster, int replicates, long seed, Statistics s) {
    double[][] v = replicates(p, y, cluster, replicates, seed, s);
    Interval[] out = new Interval[v.length];
    for (int m = 0; m < v.length; m++) {
      out[m] = percentile(v[m]);
    }
    return out;
  }
}
