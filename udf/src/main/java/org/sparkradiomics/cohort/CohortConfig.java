package org.sparkradiomics.cohort;

import java.nio.file.Path;
import java.util.Objects;
import org.sparkradiomics.dicom.Pseudonymizer;

/**
 * Settings of one synthetic cohort.
 *
 * @param out output directory
 * @param studies number of studies (at least 1)
 * @param modality one modality, or null for MIXED (study i gets {@code Modality.values()[i % 4]})
 * @param seed the seed every value and UID derives from
 * @param patientsPerStudy distinct patients per study, in (0, 1]: {@code max(1, round(studies * r))} patients, and
 *     consecutive studies share a patient when r &lt; 1
 * @param rule the generative rule of the labels
 * @param threads worker threads (at least 1); the output does not depend on it
 * @param shrink divides the in-plane size (and the slice count of 3D series) of every modality, for small tests
 * @param pseudonyms the keyed hash that turns PatientID into the clinical CSV's patient id
 */
public record CohortConfig(Path out, int studies, Modality modality, long seed, double patientsPerStudy,
    GenerativeRule rule, int threads, int shrink, Pseudonymizer pseudonyms) {
  public CohortConfig {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(pseudonyms, "pseudonyms");
    if (studies < 1) {
      throw new IllegalArgumentException("studies must be at least 1, got " + studies);
    }
    if (!(patientsPerStudy > 0 && patientsPerStudy <= 1)) {
      throw new IllegalArgumentException("patients-per-study must be in (0, 1], got " + patientsPerStudy);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    if (shrink < 1 || shrink > 16) {
      throw new IllegalArgumentException("shrink must be in 1..16");
    }
  }

  /** Defaults: one patient per study, the default rule, all processors, full size, key from the environment. */
  public static CohortConfig of(Path out, int studies, Modality modality, long seed) {
    return new CohortConfig(out, studies, modality, seed, 1.0, GenerativeRule.DEFAULT,
        Runtime.getRuntime().availableProcessors(), 1, Pseudonymizer.fromEnvironmentOrDefault());
  }

  public CohortConfig withThreads(int t) {
    return new CohortConfig(out, studies, modality, seed, patientsPerStudy, rule, t, shrink, pseudonyms);
  }

  public CohortConfig withShrink(int s) {
    return new CohortConfig(out, studies, modality, seed, patientsPerStudy, rule, threads, s, pseudonyms);
  }

  public CohortConfig withOut(Path o) {
    return new CohortConfig(o, studies, modality, seed, patientsPerStudy, rule, threads, shrink, pseudonyms);
  }

  public CohortConfig withPatientsPerStudy(double r) {
    return new CohortConfig(out, studies, modality, seed, r, rule, threads, shrink, pseudonyms);
  }

  public CohortConfig withRule(GenerativeRule r) {
    return new CohortConfig(out, studies, modality, seed, patientsPerStudy, r, threads, shrink, pseudonyms);
  }

  /** Number of distinct patients. */
  public int patients() {
    return (int) Math.max(1, Math.min(studies, Math.round(studies * patientsPerStudy)));
  }

  /** Modality of study {@code i}. */
  public Modality modalityOf(int i) {
    return modality != null ? modality : Modality.values()[i % Modality.values().length];
  }
}
