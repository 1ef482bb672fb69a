package org.sparkradiomics.jobs.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.preprocess.Preprocessed;
import org.sparkradiomics.features.preprocess.Preprocessor;
import org.sparkradiomics.ibsi.IbsiConfigs;
import org.sparkradiomics.ibsi.IbsiInputs;
import org.sparkradiomics.io.ReferenceData;
import org.sparkradiomics.jobs.Args;
import org.sparkradiomics.jobs.Command;

/**
 * {@code radiomics bench features [--config C] [--data DIR] [--iterations N] [--warmup W]}: every IBSI-1 feature of
 * one CT-phantom configuration (default C), single thread, on the IBSI CT phantom read from DICOM + RTSTRUCT.
 * Prints the median wall time of preprocessing, of each family on the preprocessed ROI, and of the whole
 * extraction — with the IBSI whole-image diagnostics (as the conformance run computes them) and without them (as
 * production extraction runs).
 */
public final class FeaturesBench implements Command {
  private final PrintStream out;

  public FeaturesBench() {
    this(System.out);
  }

  FeaturesBench(PrintStream out) {
    this.out = out;
  }

  @Override
  public String usage() {
    return "features [--config A|B|C|D|E] [--data DIR] [--iterations N] [--warmup W]";
  }

  @Override
  public int run(String[] args) {
    Args a = new Args(args, Set.of("config", "data", "iterations", "warmup"), Set.of());
    String config = a.get("config", "C");
    int iterations = a.getInt("iterations", 10);
    int warmup = a.getInt("warmup", 3);
    if (iterations < 1 || warmup < 0) {
      throw new IllegalArgumentException("--iterations must be >= 1 and --warmup >= 0");
    }
    Path data = a.get("data") != null ? Paths.get(a.get("data")) : ReferenceData.root();
    IbsiInputs in = IbsiInputs.ctPhantom(data);
    FeatureSettings withDiag = IbsiConfigs.ctPhantom(config);
    FeatureSettings production = withDiag.toBuilder().imageDiagnostics(false).build();

    Preprocessed p = Preprocessor.run(in.image(), in.mask(), production);
    RoiImage roi = p.roi();
    out.printf("bench features: IBSI CT phantom, config %s, ROI %d voxels in a %dx%dx%d box, %d grey levels, "
        + "single thread, median of %d runs after %d warm-up runs%n", config, roi.intensityMaskCount(), roi.nx,
        roi.ny, roi.nz, roi.nBins, iterations, warmup);

    Map<String, Double> ms = new LinkedHashMap<>();
    ms.put("preprocessing", median(() -> Preprocessor.run(in.image(), in.mask(), production), warmup, iterations));
    double familySum = 0;
    for (String family : FeatureSettings.ALL_FAMILIES) {
      FeatureSettings one = production.toBuilder().families(family).build();
      double t = median(() -> FeatureExtractor.extract(roi, one), warmup, iterations);
      ms.put(family, t);
      familySum += t;
    }
    ms.put("sum of families", familySum);
    ms.put("total (production: no whole-image diagnostics)",
        median(() -> FeatureExtractor.extract(in.image(), in.mask(), production), warmup, iterations));
    ms.put("total (with IBSI whole-image diagnostics)",
        median(() -> FeatureExtractor.extract(in.image(), in.mask(), withDiag), warmup, iterations));
    for (Map.Entry<String, Double> e : ms.entrySet()) {
      out.printf("  %-48s %9.1f ms%n", e.getKey(), e.getValue());
    }
    return 0;
  }

  private static double median(Runnable r, int warmup, int iterations) {
    for (int i = 0; i < warmup; i++) {
      r.run();
    }
    double[] t = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(t);
    return iterations % 2 == 1 ? t[iterations / 2] : (t[iterations / 2 - 1] + t[iterations / 2]) / 2;
  }
}
