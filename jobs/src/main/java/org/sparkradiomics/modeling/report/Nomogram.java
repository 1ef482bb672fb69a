package org.sparkradiomics.modeling.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Nomogram of a logistic model with linear predictor LP = a + sum_j beta_j x_j (x_j on its own scale, observed
 * range [lo_j, hi_j]).
 *
 * <p>Points (the classic rms::nomogram construction): each variable's reference value r_j is the end of its range
 * with the lowest contribution (lo_j when beta_j &gt; 0, hi_j otherwise), so every variable contributes &gt;= 0
 * points; the variable with the largest |beta_j| (hi_j - lo_j) spans 0..100 points, and
 * points_j(x) = 100 * beta_j (x - r_j) / D with D = max_j |beta_j| (hi_j - lo_j). Total points T = sum_j points_j,
 * hence LP = LP0 + T D / 100 with LP0 = a + sum_j beta_j r_j, and P(y = 1) = 1 / (1 + exp(-LP)). The probability
 * axis places probability q at T(q) = 100 (logit(q) - LP0) / D.
 */
public final class Nomogram {
  /** One variable: name, coefficient on the raw scale, observed range. */
  public record Variable(String name, double beta, double lo, double hi) {}

  /** A tick of an axis: value on the variable's (or probability) scale and its position in points. */
  public record Tick(double value, double points) {}

  public final double intercept;
  public final List<Variable> variables;
  /** D: linear-predictor span of the 100-point variable. */
  public final double scale;
  /** LP0: linear predictor at zero total points. */
  public final double lp0;

  public Nomogram(double intercept, List<Variable> variables) {
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("a nomogram needs at least one variable");
    }
    this.intercept = intercept;
    this.variables = List.copyOf(variables);
    double d = 0;
    double lp = intercept;
    for (Variable v : variables) {
      d = Math.max(d, Math.abs(v.beta()) * (v.hi() - v.lo()));
      lp += v.beta() * reference(v);
    }
    if (!(d > 0)) {
      throw new IllegalArgumentException("every nomogram variable has a zero coefficient or an empty range");
    }
    this.scale = d;
    this.lp0 = lp;
  }

  static double reference(Variable v) {
    return v.beta() >= 0 ? v.lo() : v.hi();
  }

  /** Points of variable j at value x. */
  public double points(int j, double x) {
    Variable v = variables.get(j);
    return 100 * v.beta() * (x - reference(v)) / scale;
  }

  /** Largest total points (every variable at its highest-contribution end). */
  public double maxTotalPoints() {
    double t = 0;
    for (int j = 0; j < variables.size(); j++) {
      Variable v = variables.get(j);
      t += Math.max(points(j, v.lo()), points(j, v.hi()));
    }
    return t;
  }

  /** Probability of label 1 at total points t. */
  public double probability(double totalPoints) {
    double lp = lp0 + totalPoints * scale / 100;
    return lp >= 0 ? 1 / (1 + Math.exp(-lp)) : Math.exp(lp) / (1 + Math.exp(lp));
  }

  /** Total points at which the predicted probability equals q (may lie outside [0, maxTotalPoints]). */
  public double totalPointsFor(double q) {
    return 100 * (Math.log(q / (1 - q)) - lp0) / scale;
  }

  /** Probability axis: the given probabilities that fall within [0, maxTotalPoints]. */
  public List<Tick> probabilityAxis(double[] probabilities) {
    List<Tick> out = new ArrayList<>();
    double max = maxTotalPoints();
    for (double q : probabilities) {
      double t = totalPointsFor(q);
      if (t >= -1e-9 && t <= max + 1e-9) {
        out.add(new Tick(q, t));
      }
    }
    return out;
  }

  /** About {@code n} evenly spaced ticks over the variable's range, with their points. */
  public List<Tick> variableAxis(int j, int n) {
    Variable v = variables.get(j);
    List<Tick> out = new ArrayList<>();
    double step = niceStep((v.hi() - v.lo()) / Math.max(1, n - 1));
    double start = Math.ceil(v.lo() / step - 1e-9) * step;
    for (double x = start; x <= v.hi() + 1e-9 * step; x += step) {
      out.add(new Tick(x, points(j, x)));
    }
    if (out.isEmpty()) {
      out.add(new Tick(v.lo(), points(j, v.lo())));
    }
    return out;
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw - 1e-12 * p) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
