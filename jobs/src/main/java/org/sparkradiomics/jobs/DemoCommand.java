package org.sparkradiomics.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.Presets;
import org.sparkradiomics.ibsi.ConformanceRunner;
import org.sparkradiomics.io.ReferenceData;
import org.sparkradiomics.io.RoiLoader;

/**
 * {@code radiomics demo [--out DIR] [--studies N] [--seed S]}: the pipeline end to end on a small synthetic cohort.
 * Generates a mixed cohort (CT, DX, MR, US; SEG and RTSTRUCT masks) as real DICOM, inspects one study, extracts
 * every IBSI-1 feature of every ROI (modality presets, one JVM), writes a wide feature CSV, and, when the IBSI
 * reference data is present, runs the digital-phantom conformance check.
 */
public final class DemoCommand implements Command {
  private final PrintStream out;

  public DemoCommand() {
    this(System.out);
  }

  DemoCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String usage() {
    return "demo [--out DIR] [--studies N] [--seed S]   generate, inspect and extract a small cohort";
  }

  @Override
  public int run(String[] args) throws Exception {
    Args a = new Args(args, Set.of("out", "studies", "seed"), Set.of());
    Path dir = Paths.get(a.get("out", "demo-output")).toAbsolutePath();
    int studies = a.getInt("studies", 8);
    long seed = a.getLong("seed", 42);

    out.println("== 1. generate-cohort: " + studies + " mixed studies (seed " + seed + ") into " + dir);
    int rc = RadiomicsCli.lookup("generate-cohort").run(new String[] {"--out", dir.toString(), "--studies",
        Integer.toString(studies), "--modality", "MIXED", "--seed", Long.toString(seed), "--shrink", "2"});
    if (rc != 0) {
      return rc;
    }
    List<Path> studyDirs;
    try (Stream<Path> s = Files.list(dir)) {
      studyDirs = s.filter(p -> Files.isDirectory(p.resolve("image"))).sorted().collect(Collectors.toList());
    }

    Path first = studyDirs.get(0);
    out.println("== 2. inspect " + dir.relativize(first) + " (one JSON line per series / mask file; no PHI)");
    rc = RadiomicsCli.lookup("inspect").run(new String[] {first.resolve("image").toString(),
        first.resolve("mask").toString()});
    if (rc != 0) {
      out.println("inspect reported failures (exit " + rc + ")");
    }

    out.println("== 3. extract: every IBSI-1 feature family for every ROI (per-modality presets)");
    RoiLoader loader = new RoiLoader(new DicomReader());
    List<String> ids = new ArrayList<>();
    List<FeatureVector> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    out.printf("%-12s %-4s %8s %9s %12s %12s %14s %8s%n", "study", "mod", "voxels", "features", "morph_volume",
        "stat_mean", "cm_contrast", "undef");
    for (Path study : studyDirs) {
      String id = study.getFileName().toString();
      try {
        RoiLoader.Loaded l = loader.load(study.resolve("image"), study.resolve("mask"), null);
        String modality = l.firstInstance().modality();
        FeatureSettings s = Presets.forModality(modality);
        FeatureExtractor.Result r = FeatureExtractor.extract(l.image(), l.mask(), s);
        FeatureVector f = r.features();
        long undefined = f.values().values().stream().filter(v -> v == null).count();
        String contrast = s.textureModes().iterator().next().tag();
        out.printf("%-12s %-4s %8.0f %9d %12s %12s %14s %8d%n", id, modality, f.get("diag_roi_voxels"), f.size(),
            fmt(f.get("morph_volume")), fmt(f.get("stat_mean")), fmt(f.get("cm_contrast_" + contrast + "_comb")),
            undefined);
        ids.add(id);
        rows.add(f);
        columns.addAll(f.values().keySet());
      } catch (RadiomicsException e) {
        out.printf("%-12s quarantined: %s%n", id, e);
      }
    }
    Path csv = dir.resolve("features.csv");
    writeWide(csv, ids, rows, columns);
    out.println("wrote " + rows.size() + " rows x " + columns.size() + " feature columns to " + csv);

    Path ref = ReferenceData.root();
    if (ref != null) {
      out.println("== 4. IBSI-1 digital phantom conformance (reference data: " + ref + ")");
      List<ConformanceRunner.Result> results = ConformanceRunner.run(ref, "digital-phantom", null);
      int[] c = ConformanceRunner.counts(results);
      out.println("digital phantom: " + c[0] + " of " + c[1] + " reference values within tolerance");
    } else {
      out.println("== 4. IBSI conformance skipped: no ../shared/reference-data");
    }
    return 0;
  }

  private static String fmt(Double v) {
    return v == null ? "undefined" : String.format("%.4g", v);
  }

  static void writeWide(Path csv, List<String> ids, List<FeatureVector> rows, Set<String> columns)
      throws IOException {
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("study," + String.join(",", columns) + "\n");
      for (int i = 0; i < rows.size(); i++) {
        StringBuilder sb = new StringBuilder(ids.get(i));
        Map<String, Double> v = rows.get(i).values();
        for (String c : columns) {
          Double d = v.get(c);
          sb.append(',').append(d == null ? "" : d.toString());
        }
        w.write(sb.append('\n').toString());
      }
    }
  }
}
