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
 *       configurations A-E, with the per-family pass-count report and optionally every CSV.
 * </ul>
 * The data directory defaults to {@link ReferenceData#root()}. Exit code 0 when the comparison ran (mismatches are
 * reported, not fatal), 2 on usage errors.
 */
public final class IbsiCommand implements Command {
  @Override
  public String usage() {
    return "ibsi --dataset digital-phantom|ct-phantom [--config A|B|C|D|E] [--data DIR] --out report.csv"
        + " | ibsi --all [--data DIR] [--markdown FILE.md] [--out-dir DIR]";
  }

  @Override
  public int run(String[] argv) {
    Args a = new Args(argv, Set.of("dataset", "config", "data", "out", "markdown", "out-dir"), Set.of("all"));
    Path data = a.get("data") != null ? Paths.get(a.get("data")) : ReferenceData.root();
    if (data == null) {
      throw new IllegalArgumentException("no reference data found: pass --data DIR");
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

  private static void summary(String label, List<ConformanceRunner.Result> results) {
    int[] c = ConformanceRunner.counts(results);
    System.out.println("ibsi " + label + ": " + c[1] + " of " + c[0] + " judged rows within tolerance, " + c[2]
        + " rows without reference value");
  }
}
