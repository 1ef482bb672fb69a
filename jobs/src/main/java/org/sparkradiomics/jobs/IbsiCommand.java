package org.sparkradiomics.jobs;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparkradiomics.ibsi.ConformanceReport;
import org.sparkradiomics.ibsi.ConformanceRunner;
import org.sparkradiomics.io.ReferenceData;

/**
 * {@code radiomics ibsi}: IBSI-1 conformance against the reference tables.
 *
 * <ul>
 *   <li>{@code --dataset digital-phantom|ct-phantom [--config A|B|C|D|E] [--data DIR] --out report.csv}: one data
 *       set, written as {@code tag,reference,tolerance,ours,pass};
 *   <li>{@code --all [--data DIR] [--markdown docs/ibsi-conformance.md] [--out-dir DIR]}: the digital phantom and
 *       configurations A-E, with the per-family pass-count report and optionally every CSV;
 *   <li>{@code --ibsi2 [--ids 1.A,3.B,...] [--whole-image] [--data DIR] --out report.csv}: IBSI-2 phase 2 (filtered
 *       images of the CT phantom), written as {@code id,image_type,tag,reference,tolerance,ours,pass}.
 * </ul>
 * The data directory defaults to {@link ReferenceData#root()}. Exit code 0 when the comparison ran (mismatches are
 * reported, not fatal), 2 on usage errors.
 */
public final class IbsiCommand implements Command {
  @Override
  public String usage() {
    return "ibsi --dataset digital-phantom|ct-phantom [--config A|B|C|D|E] [--data DIR] --out report.csv"
        + " | ibsi --all [--data DIR] [--markdown FILE.md] [--out-dir DIR]"
        + " | ibsi --ibsi2 [--ids 1.A,3.B,...] [--whole-image] [--data DIR] --out report.csv";
  }

  @Override
  public int run(String[] argv) {
    Args a = new Args(argv, Set.of("dataset", "config", "data", "out", "markdown", "out-dir", "ids"),
        Set.of("all", "ibsi2", "whole-image"));
    Path data = a.get("data") != null ? Paths.get(a.get("data")) : ReferenceData.root();
    if (data == null) {
      throw new IllegalArgumentException("no reference data found: pass --data DIR");
    }
    if (a.flag("ibsi2")) {
      return ibsi2(a, data);
    }
    if (a.flag("all")) {
      if (a.get("markdown") == null && a.get("out-dir") == null) {
        throw new IllegalArgumentException("--all needs --markdown FILE and/or --out-dir DIR");
      }
      Map<String, List<ConformanceRunner.Result>> all = ConformanceReport.runAll(data);
      for (Map.Entry<String, List<ConformanceRunner.Result>> e : all.entrySet()) {
        summary(e.getKey(), e.getValue());
        if (a.get("out-dir") != null) {
          Path csv = Paths.get(a.get("out-dir")).resolve("ibsi-" + e.getKey().replace(' ', '-') + ".csv");
          ConformanceRunner.writeCsv(e.getValue(), csv);
        }
      }
      if (a.get("markdown") != null) {
        ConformanceReport.write(all, Paths.get(a.get("markdown")));
        System.out.println("wrote " + a.get("markdown"));
      }
      return 0;
    }
    String dataset = a.require("dataset");
    String config = a.get("config");
    if (dataset.equals("ct-phantom") && config == null) {
      throw new IllegalArgumentException("--dataset ct-phantom needs --config A|B|C|D|E");
    }
    if (!dataset.equals("ct-phantom") && !dataset.equals("digital-phantom")) {
      throw new IllegalArgumentException("--dataset must be digital-phantom or ct-phantom, got '" + dataset + "'");
    }
    Path out = Paths.get(a.require("out"));
    List<ConformanceRunner.Result> results = ConformanceRunner.run(data, dataset, config);
    ConformanceRunner.writeCsv(results, out);
    summary(dataset + (config == null ? "" : " " + config), results);
    System.out.println("wrote " + out);
    return 0;
  }

  /**
   * {@code ibsi --ibsi2 [--ids 1.A,3.B,...] [--whole-image] [--data DIR] --out report.csv}: IBSI-2 phase 2 on the CT
   * phantom (default: all 18 configurations; 5.B takes minutes), written as
   * {@code id,image_type,tag,reference,tolerance,ours,pass}; {@code --whole-image} filters the whole image for the
   * Simoncelli filters instead of the padded ROI box.
   */
  private static int ibsi2(Args a, Path data) {
    Path out = Paths.get(a.require("out"));
    List<String> ids = a.get("ids") == null ? org.sparkradiomics.ibsi.Ibsi2Phase2.IDS
        : List.of(a.get("ids").toUpperCase(java.util.Locale.ROOT).split(","));
    for (String id : ids) {
      org.sparkradiomics.ibsi.Ibsi2Phase2.filter(id); // validates
    }
    Path refs = data.resolve("ibsi2/reference_values.csv");
    List<org.sparkradiomics.ibsi.Ibsi2Phase2.ConfigResult> results = org.sparkradiomics.ibsi.Ibsi2Phase2.run(
        org.sparkradiomics.ibsi.IbsiInputs.ctPhantom(data), org.sparkradiomics.ibsi.Ibsi2Phase2.readReference(refs),
        ids, org.sparkradiomics.ibsi.Ibsi2Phase2.settings(false), org.sparkradiomics.ibsi.Ibsi2Phase2.settings(true),
        a.flag("whole-image"));
    org.sparkradiomics.ibsi.Ibsi2Phase2.writeCsv(results, out);
    int pass = 0;
    for (org.sparkradiomics.ibsi.Ibsi2Phase2.ConfigResult c : results) {
      pass += c.pass() ? 1 : 0;
      System.out.println("ibsi2 " + c.id + " " + c.imageType + ": " + c.passed() + " of " + c.judged()
          + " judged values within tolerance" + (c.pass() ? "" : " (FAIL)"));
    }
    System.out.println("ibsi2 phase 2: " + pass + " of " + results.size() + " configurations pass; wrote " + out);
    return 0;
  }

  private static void summary(String label, List<ConformanceRunner.Result> results) {
    int[] c = ConformanceRunner.counts(results);
    System.out.println("ibsi " + label + ": " + c[1] + " of " + c[0] + " judged rows within tolerance, " + c[2]
        + " rows without reference value");
  }
}
