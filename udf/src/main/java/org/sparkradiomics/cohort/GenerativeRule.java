package org.sparkradiomics.cohort;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The generative rule that ties each study's outcome label to what its image and clinical record carry.
 *
 * <p>Every study has three standardised latent values, drawn independently:
 * <ul>
 *   <li>{@code zMean ~ N(0, 1)}: the ROI mean intensity is {@code mu = m + s * zMean} in the modality's units
 *       (HU for CT, stored value for DX/MR, 8-bit luminance for US; m and s per {@link Modality}), so
 *       {@code z(meanIntensity) = (mu - m) / s = zMean};</li>
 *   <li>{@code zHet ~ N(0, 1)}: the ROI heterogeneity (standard deviation of the ROI texture) is
 *       {@code sigma = exp(lm + ls * zHet)}, so {@code z(heterogeneity) = (ln sigma - lm) / ls = zHet};</li>
 *   <li>age in whole years, {@code age = clamp(round(62 + 12 * g), 25, 90)} with {@code g ~ N(0, 1)}, and
 *       {@code z(age) = (age - 62) / 12}.</li>
 * </ul>
 * The label is {@code Bernoulli(sigmoid(eta))} with
 * {@code eta = b0 + b1 * z(meanIntensity) + b2 * z(heterogeneity) + b3 * z(age)}. Sex, BMI and site are drawn
 * independently of everything else and carry no signal.
 *
 * <p>Given the latents, {@code sigmoid(eta)} is the true class probability, so ranking studies by {@code eta} is
 * Bayes-optimal; its AUC ({@link #bayesAuc}) is the best any model can reach on this cohort.
 *
 * @param b0 intercept
 * @param b1 coefficient of z(meanIntensity)
 * @param b2 coefficient of z(heterogeneity)
 * @param b3 coefficient of z(age)
 */
public record GenerativeRule(double b0, double b1, double b2, double b3) {
  /** The default rule: {@code eta = -0.3 + 1.2 z(mean) + 0.9 z(heterogeneity) + 0.6 z(age)}. */
  public static final GenerativeRule DEFAULT = new GenerativeRule(-0.3, 1.2, 0.9, 0.6);

  public static final double AGE_MEAN = 62;
  public static final double AGE_SD = 12;
  public static final int AGE_MIN = 25;
  public static final int AGE_MAX = 90;

  /** Parses {@code "b0,b1,b2,b3"}. */
  public static GenerativeRule parse(String s) {
    String[] p = s.split(",");
    if (p.length != 4) {
      throw new IllegalArgumentException("rule needs four comma-separated coefficients b0,b1,b2,b3: '" + s + "'");
    }
    double[] b = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        b[i] = Double.parseDouble(p[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number in rule: '" + p[i] + "'");
      }
      if (!Double.isFinite(b[i])) {
        throw new IllegalArgumentException("rule coefficients must be finite: '" + s + "'");
      }
    }
    return new GenerativeRule(b[0], b[1], b[2], b[3]);
  }

  /** {@code z(age) = (age - 62) / 12}. */
  public static double zAge(int age) {
    return (age - AGE_MEAN) / AGE_SD;
  }

  /** Draws an age: {@code clamp(round(62 + 12 * g), 25, 90)}, consuming one Gaussian from {@code rng}. */
  public static int sampleAge(SplittableRandom rng) {
    long a = Math.round(AGE_MEAN + AGE_SD * rng.nextGaussian());
    return (int) Math.max(AGE_MIN, Math.min(AGE_MAX, a));
  }

  /** The linear predictor. */
  public double eta(double zMean, double zHet, int age) {
    return b0 + b1 * zMean + b2 * zHet + b3 * zAge(age);
  }

  /** {@code 1 / (1 + exp(-eta))}. */
  public static double sigmoid(double eta) {
    return 1.0 / (1.0 + StrictMath.exp(-eta));
  }

  /**
   * Bayes-optimal AUC of this rule by deterministic Monte Carlo: {@code draws} latent triples drawn exactly as the
   * generator draws them (zMean, zHet standard normal, age from {@link #sampleAge}) from a stream fixed by
   * {@code seed}, then {@link BayesAuc#expectedAuc} of their {@code eta}s (expected AUC over label draws, exact for
   * the drawn population). The Monte Carlo error is about {@code 0.3 / sqrt(draws)}.
   */
  public double bayesAuc(int draws, long seed) {
    SplittableRandom rng = Seeds.stream(seed, "bayes-auc", draws, 0);
    double[] eta = new double[draws];
    for (int i = 0; i < draws; i++) {
      double zm = rng.nextGaussian();
      double zh = rng.nextGaussian();
      int age = sampleAge(rng);
      eta[i] = eta(zm, zh, age);
    }
    return BayesAuc.expectedAuc(eta, null);
  }

  /** {@link #bayesAuc(int, long)} with one million draws and a fixed stream. */
  public double bayesAuc() {
    return BAYES_AUC_CACHE.computeIfAbsent(this, r -> r.bayesAuc(1_000_000, 20240601L));
  }

  private static final java.util.concurrent.ConcurrentHashMap<GenerativeRule, Double> BAYES_AUC_CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "eta = %s + %s*z(mean) + %s*z(heterogeneity) + %s*z(age)", b0, b1, b2, b3);
  }
}
