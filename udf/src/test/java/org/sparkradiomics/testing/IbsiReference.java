package org.sparkradiomics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.preprocess.Preprocessed;
import org.sparkradiomics.features.preprocess.Preprocessor;
import org.sparkradiomics.ibsi.ConformanceRunner;
import org.sparkradiomics.ibsi.IbsiConfigs;
import org.sparkradiomics.ibsi.IbsiInputs;
import org.sparkradiomics.ibsi.ReferenceValues;

/**
 * IBSI-1 reference values for the family tests: the rows of a reference table ({@link ReferenceValues}), the
 * comparison of a {@link FeatureVector} with them under the project's rule ({@link ConformanceRunner#judge}), and
 * the CT phantom prepared by the real pipeline ({@link Preprocessor}) for a configuration. Data come from
 * ../shared/reference-data through {@link RefData} (skipped, or failed under CI, when absent).
 */
public final class IbsiReference {
  private IbsiReference() {}

  /** Data set name of the digital phantom (config ignored). */
  public static final String DIGITAL_PHANTOM = "digital-phantom";
  /** Data set name of the CT phantom (config A..E). */
  public static final String CT_PHANTOM = "ct-phantom";

  private static final Map<String, RoiImage> CT_ROIS = new LinkedHashMap<>();

  /** The {@code ibsi1} reference-data directory. */
  public static Path root() {
    return RefData.require("ibsi1");
  }

  /**
   * Rows of the reference table of {@code dataset} (config ignored for the digital phantom) whose tag starts with
   * {@code tagPrefix} and that have a reference value, in file order.
   */
  public static List<ReferenceValues.Row> rows(String dataset, String config, String tagPrefix) {
    Path table = ConformanceRunner.referenceTable(root(), dataset, config);
    List<ReferenceValues.Row> out = new ArrayList<>();
    for (ReferenceValues.Row r : ReferenceValues.read(table)) {
      if (r.tag.startsWith(tagPrefix) && r.hasReference()) {
        out.add(r);
      }
    }
    return out;
  }

  /** The row of {@code tag} in {@code rows}. */
  public static ReferenceValues.Row row(List<ReferenceValues.Row> rows, String tag) {
    for (ReferenceValues.Row r : rows) {
      if (r.tag.equals(tag)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no reference row " + tag);
  }

  /**
   * Compares every row with {@code ours} by {@link ConformanceRunner#judge}; prints {@code label} with the pass
   * count and one line per mismatch, and returns the mismatches as {@code "tag ours vs ref ± tol"} (a missing or
   * undefined feature is a mismatch, shown with its reason). Empty = every row within tolerance.
   */
  public static List<String> mismatches(FeatureVector ours, List<ReferenceValues.Row> rows, String label) {
    List<String> out = new ArrayList<>();
    for (ReferenceValues.Row r : rows) {
      Double v = ours.get(r.tag);
      if (!ConformanceRunner.judge(r.reference, r.tolerance, v)) {
        String shown = v != null ? v.toString()
            : ours.contains(r.tag) ? "undefined (" + ours.undefinedReason(r.tag) + ")" : "missing";
        out.add(r.tag + " " + shown + " vs " + r.reference + " ± " + (r.tolerance.isEmpty() ? "0" : r.tolerance));
      }
    }
    StringBuilder sb = new StringBuilder("[" + label + "] " + (rows.size() - out.size()) + "/" + rows.size()
        + " reference values match");
    for (String m : out) {
      sb.append("\n  mismatch: ").append(m);
    }
    System.out.println(sb);
    return out;
  }

  /**
   * Asserts that {@code rows} has {@code expectedRows} rows (so that a filter or data change cannot silently drop
   * checks) and that {@code ours} matches every one of them (see {@link #mismatches}).
   */
  public static void assertAllMatch(FeatureVector ours, List<ReferenceValues.Row> rows, int expectedRows,
      String label) {
    assertEquals(expectedRows, rows.size(), label + ": reference rows");
    List<String> failed = mismatches(ours, rows, label);
    assertTrue(failed.isEmpty(), label + ": " + failed.size() + " mismatches: " + failed);
  }

  /**
   * Computes {@code family} on the digital phantom ({@link DigitalPhantom#roi()}, {@link IbsiConfigs#digitalPhantom()}
   * settings) and asserts that it matches all {@code expectedRows} reference rows whose tag starts with
   * {@code tagPrefix}; returns the features for further checks.
   */
  public static FeatureVector assertDigitalPhantom(FeatureFamily family, String tagPrefix, int expectedRows) {
    FeatureVector fv = TestRois.compute(family, DigitalPhantom.roi(), IbsiConfigs.digitalPhantom());
    assertAllMatch(fv, rows(DIGITAL_PHANTOM, null, tagPrefix), expectedRows, family.name() + ", digital phantom");
    return fv;
  }

  /**
   * Computes {@code family} on the CT phantom prepared by the real pipeline for {@code config} ({@link #ctPhantom},
   * {@link #ctSettings}) and asserts that it matches all {@code expectedRows} reference rows of that configuration
   * whose tag starts with {@code tagPrefix}; returns the features.
   */
  public static FeatureVector assertCtPhantom(FeatureFamily family, String config, String tagPrefix,
      int expectedRows) {
    FeatureVector fv = TestRois.compute(family, ctPhantom(config), ctSettings(config));
    assertAllMatch(fv, rows(CT_PHANTOM, config, tagPrefix), expectedRows,
        family.name() + ", CT phantom configuration " + config);
    return fv;
  }

  /**
   * The CT phantom's ROI prepared by {@link Preprocessor#run} with {@link IbsiConfigs#ctPhantom(String)} (read
   * from the NIfTI files via {@link IbsiInputs#ctPhantom}). Computed once per configuration and test JVM; callers
   * must not modify it.
   */
  public static synchronized RoiImage ctPhantom(String config) {
    RoiImage roi = CT_ROIS.get(config);
    if (roi == null) {
      IbsiInputs in = IbsiInputs.ctPhantom(root());
      Preprocessed p = Preprocessor.run(in.image(), in.mask(), ctSettings(config));
      assertFalse(p.isEmpty(), "CT phantom config " + config + ": " + p.emptyReason());
      roi = p.roi();
      CT_ROIS.put(config, roi);
    }
    return roi;
  }

  /** The settings of CT-phantom configuration {@code config}, {@link IbsiConfigs#ctPhantom(String)}. */
  public static FeatureSettings ctSettings(String config) {
    return IbsiConfigs.ctPhantom(config);
  }
}
