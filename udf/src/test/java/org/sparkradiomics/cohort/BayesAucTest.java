package org.sparkradiomics.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BayesAucTest {
  @Test
  void ruleWithAllCoefficientsZeroGivesOneHalf() {
    // every study has p = sigmoid(0) = 1/2 and the same score: all pairs tie, AUC = 1/2 exactly.
    assertEquals(0.5, new GenerativeRule(0, 0, 0, 0).bayesAuc(10_000, 1), 0.0);
    // an intercept alone changes the prevalence but not the ranking.
    assertEquals(0.5, new GenerativeRule(1.7, 0, 0, 0).bayesAuc(10_000, 1), 1e-15);
  }

  @Test
  void twoPointPopulationMatchesHandComputation() {
    // eta in {0, ln 3} with equal weight: p = {1/2, 3/4}.
    // E[p] = 5/8, E[1-p] = 3/8, denominator = 15/64 = 30/128.
    // numerator over ordered pairs (each 1/4):
    //   (hi, lo): 3/4 * 1/2 = 3/8 -> 3/32 = 12/128
    //   ties (lo, lo): 1/2 * 1/2 * 1/2 = 1/8 -> 1/32 = 4/128
    //   ties (hi, hi): 1/2 * 3/4 * 1/4 = 3/32 -> 3/128
    //   (lo, hi): 0
    // AUC = 19/128 / (30/128) = 19/30.
    assertEquals(19.0 / 30.0, BayesAuc.expectedAuc(new double[] {Math.log(3), 0}, null), 1e-15);
    // weights 3:1 on (0, ln 3) equal a population with three copies of 0.
    assertEquals(BayesAuc.expectedAuc(new double[] {0, 0, 0, Math.log(3)}, null),
        BayesAuc.expectedAuc(new double[] {0, Math.log(3)}, new double[] {3, 1}), 1e-15);
  }

  @Test
  void monteCarloAgreesWithGaussianQuadratureWhenAgeHasNoWeight() {
    // with b3 = 0, eta = b0 + b1 zMean + b2 zHet ~ N(b0, b1^2 + b2^2) exactly.
    GenerativeRule r = new GenerativeRule(-0.3, 1.2, 0.9, 0);
    double mc = r.bayesAuc(400_000, 7);
    double quad = BayesAuc.gaussianEta(-0.3, Math.hypot(1.2, 0.9), 4001);
    // Monte Carlo SE ~ 0.3 / sqrt(4e5) = 5e-4
    assertEquals(quad, mc, 2.5e-3);
    assertTrue(quad > 0.75 && quad < 0.85, "quadrature " + quad);
  }

  @Test
  void signOfCoefficientsDoesNotChangeTheAucAndMoreSignalRaisesIt() {
    double a = BayesAuc.gaussianEta(0, 1, 2001);
    double b = BayesAuc.gaussianEta(0, 2, 2001);
    assertTrue(b > a);
    assertEquals(new GenerativeRule(0, 1, 0, 0).bayesAuc(50_000, 3), new GenerativeRule(0, -1, 0, 0)
        .bayesAuc(50_000, 3), 1e-12);
    // deterministic: same draws, same value
    assertEquals(GenerativeRule.DEFAULT.bayesAuc(20_000, 5), GenerativeRule.DEFAULT.bayesAuc(20_000, 5), 0.0);
  }

  @Test
  void ruleParsing() {
    GenerativeRule r = GenerativeRule.parse("0.5, -1, 2,0");
    assertEquals(new GenerativeRule(0.5, -1, 2, 0), r);
    assertEquals(0.5 - 1 * 0.25 + 2 * -1.0 + 0, r.eta(0.25, -1.0, 62), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> GenerativeRule.parse("1,2,3"));
    assertThrows(IllegalArgumentException.class, () -> GenerativeRule.parse("1,2,x,4"));
  }
}
