package org.sparkradiomics.jobs;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.CohortGenerator;
import org.sparkradiomics.cohort.GenerativeRule;
import org.sparkradiomics.cohort.Modality;
import org.sparkradiomics.dicom.Pseudonymizer;

/**
 * {@code radiomics generate-cohort --out DIR --studies N --modality CT|DX|MR|US|MIXED --seed S
 * [--patients-per-study R] [--rule b0,b1,b2,b3] [--threads T] [--shrink K]}: writes a synthetic DICOM cohort with
 * masks, clinical.csv and truth.csv (see {@link CohortGenerator} and docs/cohort-generator.md).
 */
public final class GenerateCohortCommand implements Command {
  @Override
  public String usage() {
    return "generate-cohort --out DIR --studies N --modality CT|DX|MR|US|MIXED --seed S [--patients-per-study R]"
        + " [--rule b0,b1,b2,b3] [--threads T] [--shrink K]";
  }

  /** Parses the arguments into a config (usage errors are IllegalArgumentException). */
  static CohortConfig parse(String[] args) {
    Args a = new Args(args, Set.of("out", "studies", "modality", "seed", "patients-per-study", "rule", "threads",
        "shrink"), Set.of());
    if (!a.positional().isEmpty()) {
      throw new IllegalArgumentException("unexpected argument '" + a.positional().get(0) + "'");
    }
    Path out = Path.of(a.require("out"));
    int studies = a.getInt("studies", -1);
    if (studies < 1) {
      throw new IllegalArgumentException("--studies must be a positive integer");
    }
    String mod = a.require("modality").toUpperCase(Locale.ROOT);
    Modality modality;
    if (mod.equals("MIXED")) {
      modality = null;
    } else {
      try {
        modality = Modality.valueOf(mod);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--modality must be CT, DX, MR, US or MIXED, got '" + mod + "'");
      }
    }
    long seed = a.getLong("seed", Long.MIN_VALUE);
    if (a.get("seed") == null) {
      throw new IllegalArgumentException("missing required option --seed");
    }
    double ratio;
    try {
      ratio = Double.parseDouble(a.get("patients-per-study", "1"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--patients-per-study must be a number in (0, 1]");
    }
    GenerativeRule rule = a.get("rule") == null ? GenerativeRule.DEFAULT : GenerativeRule.parse(a.get("rule"));
    int threads = a.getInt("threads", Runtime.getRuntime().availableProcessors());
    int shrink = a.getInt("shrink", 1);
    return new CohortConfig(out, studies, modality, seed, ratio, rule, threads, shrink,
        Pseudonymizer.fromEnvironmentOrDefault());
  }

  @Override
  public int run(String[] args) throws Exception {
    CohortConfig c = parse(args);
    CohortGenerator.Summary s = CohortGenerator.generate(c);
    System.out.printf(Locale.ROOT,
        "generate-cohort: %d studies (%d patients, %d positive) in %s, %.1f MB, %.2f s = %.1f studies/s,"
            + " %d threads%n",
        s.studies(), s.patients(), s.positives(), c.out(), s.bytes() / 1e6, s.seconds(), s.studiesPerSecond(),
        c.threads());
    System.out.printf(Locale.ROOT, "generate-cohort: rule %s; Bayes-optimal AUC %.4f%n", c.rule(), s.bayesAuc());
    return 0;
  }
}
