package org.sparkradiomics.modeling.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NomogramTest {
  /**
   * Hand computation for LP = -3 + 0.05 age + (-2) rad, age in [40, 80], rad in [-1, 0.5].
   * Contribution spans: age 0.05 * 40 = 2; rad |-2| * 1.5 = 3, so D = 3 (rad is the 100-point variable).
   * References: age 40 (beta > 0), rad 0.5 (beta < 0). LP0 = -3 + 0.05*40 + (-2)(0.5) = -3 + 2 - 1 = -2.
   * Points: age 80 -> 100 * 0.05 * 40 / 3 = 66.667; age 60 -> 33.333; rad -1 -> 100 * (-2)(-1.5)/3 = 100;
   * rad 0 -> 100 * (-2)(-0.5)/3 = 33.333. Max total = 166.667.
   * Total 100 points -> LP = -2 + 100 * 3 / 100 = 1 -> p = 1/(1+e^-1) = 0.7310585786.
   * p = 0.5 -> logit 0 -> T = 100 * (0 + 2) / 3 = 66.667; p = 0.1 -> logit = -2.1972246 ->
   * T = 100 * (-0.1972246) / 3 = -6.574 (off the axis, below 0).
   * Direct check: age 60, rad 0: LP = -3 + 3 + 0 = 0 -> p 0.5; points 33.333 + 33.333 = 66.667 -> p 0.5.
   */
  @Test
  void pointsAndProbabilityAxisByHand() {
    Nomogram n = new Nomogram(-3, List.of(new Nomogram.Variable("age", 0.05, 40, 80),
        new Nomogram.Variable("Rad-score", -2, -1, 0.5)));
    assertEquals(3.0, n.scale, 1e-12);
    assertEquals(-2.0, n.lp0, 1e-12);
    assertEquals(66.6666667, n.points(0, 80), 1e-6);
    assertEquals(33.3333333, n.points(0, 60), 1e-6);
    assertEquals(0.0, n.points(0, 40), 1e-12);
    assertEquals(100.0, n.points(1, -1), 1e-9);
    assertEquals(33.3333333, n.points(1, 0), 1e-6);
    assertEquals(0.0, n.points(1, 0.5), 1e-12);
    assertEquals(166.6666667, n.maxTotalPoints(), 1e-6);
    assertEquals(0.7310585786, n.probability(100), 1e-10);
    assertEquals(66.6666667, n.totalPointsFor(0.5), 1e-6);
    assertEquals(-6.5741535, n.totalPointsFor(0.1), 1e-6);
    assertEquals(0.5, n.probability(n.points(0, 60) + n.points(1, 0)), 1e-12);
    // the axis keeps only the probabilities reachable with 0..166.667 points: logit range [-2, 3]
    List<Nomogram.Tick> axis = n.probabilityAxis(new double[] {0.1, 0.2, 0.5, 0.9, 0.99});
    assertEquals(3, axis.size());
    assertEquals(0.2, axis.get(0).value(), 0);
    assertEquals(100 * (Math.log(0.25) + 2) / 3, axis.get(0).points(), 1e-9);
    assertEquals(0.9, axis.get(2).value(), 0);
    // round trip: the probability at the tick position is the tick's probability
    for (Nomogram.Tick t : axis) {
      assertEquals(t.value(), n.probability(t.points()), 1e-12);
    }
  }

  @Test
  void variableAxisUsesNiceStepsAndRejectsEmptyModels() {
    Nomogram n = new Nomogram(0, List.of(new Nomogram.Variable("x", 1, 0, 10)));
    List<Nomogram.Tick> t = n.variableAxis(0, 6);
    assertEquals(6, t.size());
    assertEquals(2.0, t.get(1).value(), 1e-12);
    assertEquals(20.0, t.get(1).points(), 1e-12);
    assertEquals(5.0, Nomogram.niceStep(3.2), 0);
    assertEquals(0.2, Nomogram.niceStep(0.15), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new Nomogram(0, List.of(new Nomogram.Variable("x", 0, 0, 1))));
  }
}
