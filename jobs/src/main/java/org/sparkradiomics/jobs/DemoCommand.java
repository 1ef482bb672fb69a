package org.sparkradiomics.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.ibsi.ConformanceRunner;
import org.sparkradiomics.io.ReferenceData;
import org.sparkradiomics.jobs.extract.CodeVersion;
import org.sparkradiomics.jobs.index.IndexJob;
import org.sparkradiomics.jobs.index.IndexOptions;
import org.sparkradiomics.jobs.index.IndexSummary;
import org.sparkradiomics.jobs.extract.ExtractJob;
import org.sparkradiomics.jobs.spark.JobSession;
import org.sparkradiomics.jobs.spark.TableStore;
import org.sparkradiomics.schemas.Tables;

/**
 * {@code radiomics demo [--out DIR] [--studies N] [--seed S] [--database radiomics]}: the pipeline end to end on a
 * small synthetic cohort. Generates a mixed cohort (CT, DX, MR, US; SEG and RTSTRUCT masks) as real DICOM, inspects
 * one study, indexes it into {@code rois}, runs the Spark {@code extract} job (every IBSI-1 feature of every ROI,
 * modality presets) into the Delta tables of the persistent catalog (warehouse: {@code $RADIOMICS_WAREHOUSE} or
 * {@code ./warehouse}), prints a SQL query over {@code features}, and, when the IBSI reference data is present, runs
 * the digital-phantom conformance check.
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
    return "demo [--out DIR] [--studies N] [--seed S] [--database radiomics]   generate, inspect, index and "
        + "extract a small cohort with Spark, then query the feature table in SQL";
  }

  @Override
  public int run(String[] args) throws Exception {
    Args a = new Args(args, Set.of("out", "studies", "seed", "database"), Set.of());
    Path dir = Paths.get(a.get("out", "demo-output")).toAbsolutePath();
    int studies = a.getInt("studies", 8);
    long seed = a.getLong("seed", 42);
    String database = a.get("database", Tables.DATABASE);

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

    SparkSession spark = JobSession.get("radiomics-demo");
    TableStore store = new TableStore(spark, database, TableStore.DELTA);
    out.println("== 3. index into " + database + ".rois (warehouse " + spark.conf().get("spark.sql.warehouse.dir")
        + ")");
    long rois = index(spark, store, dir);
    out.println(rois + " ROIs in " + store.qualified(Tables.ROIS));

    out.println("== 4. extract: every IBSI-1 feature family for every ROI (per-modality presets), Spark "
        + spark.sparkContext().master());
    ExtractJob.Summary summary = ExtractJob.run(spark, ExtractJob.Options.defaults().withDatabase(database)
        .withBatchSize(64));
    out.println(summary);
    for (String v : summary.wideTables()) {
      out.println("wide table: " + v);
    }

    String sql = "SELECT modality, count(DISTINCT roi_id) AS rois, count(*) AS feature_rows, "
        + "count(value) AS defined_values FROM " + store.qualified(Tables.FEATURES) + " GROUP BY 1 ORDER BY 1";
    out.println("== 5. SQL on the persistent catalog: " + sql);
    List<Row> result = spark.sql(sql).collectAsList();
    out.printf("%-8s %6s %13s %15s%n", "modality", "rois", "feature_rows", "defined_values");
    for (Row r : result) {
      out.printf("%-8s %6d %13d %15d%n", r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3));
    }
    long quarantined = store.read(Tables.QUARANTINE).count();
    out.println(quarantined + " rows in " + store.qualified(Tables.QUARANTINE));
    out.println("the same tables from another process: bin/radiomics sql \"" + sql + "\"");

    Path ref = ReferenceData.root();
    if (ref != null) {
      out.println("== 6. IBSI-1 digital phantom conformance (reference data: " + ref + ")");
      List<ConformanceRunner.Result> results = ConformanceRunner.run(ref, "digital-phantom", null);
      int[] c = ConformanceRunner.counts(results);
      out.println("digital phantom: " + c[0] + " of " + c[1] + " reference values within tolerance");
    } else {
      out.println("== 6. IBSI conformance skipped: no ../shared/reference-data");
    }
    return 0;
  }

  /** Indexes the generated cohort with the index job; returns the number of ROIs in {@code rois}. */
  static long index(SparkSession spark, TableStore store, Path cohort) throws IOException {
    IndexSummary s = IndexJob.run(spark, store, IndexOptions.of(cohort.toUri().toString())
        .withExportId("demo-" + cohort.getFileName()));
    System.out.println(s.line());
    return store.read(Tables.ROIS).count();
  }
}
