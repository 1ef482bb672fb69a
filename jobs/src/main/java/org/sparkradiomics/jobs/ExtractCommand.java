package org.sparkradiomics.jobs;

import java.io.PrintStream;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.jobs.extract.ExtractJob;
import org.sparkradiomics.jobs.spark.JobSession;

/**
 * {@code radiomics extract [--params ibsi|ibsi:CT|file.yaml] [--database radiomics] [--format delta|parquet]
 * [--batch-size N] [--limit N] [--rois TABLE] [--retry-quarantined] [--merge] [--no-progress]}: the Spark extraction job
 * ({@link ExtractJob}) over the {@code rois} table.
 *
 * <p>With {@code --image} or {@code --batch} among the arguments it is the single-case extraction instead, delegated
 * with all arguments to {@code org.sparkradiomics.jobs.ExtractCaseCommand} (loaded reflectively: a clear error when
 * that class is not part of the build).
 */
public final class ExtractCommand implements Command {
  static final String CASE_COMMAND = "org.sparkradiomics.jobs.ExtractCaseCommand";
  private final PrintStream out;

  public ExtractCommand() {
    this(System.out);
  }

  ExtractCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String usage() {
    return "extract [--params ibsi|ibsi:CT|MR|DX|US|file.yaml] [--database radiomics] [--format delta|parquet] "
        + "[--batch-size N|0 (auto, default)] [--limit N] [--rois TABLE] [--retry-quarantined] [--merge] "
        + "[--no-progress]   features of "
        + "the ROIs not yet extracted (Spark); with --image/--batch: single case";
  }

  @Override
  public int run(String[] args) throws Exception {
    for (String a : args) {
      if (a.equals("--image") || a.startsWith("--image=") || a.equals("--batch") || a.startsWith("--batch=")) {
        Command single = RadiomicsCli.instantiate(CASE_COMMAND);
        if (single == null) {
          throw new IllegalArgumentException("--image/--batch (single-case extraction) need " + CASE_COMMAND
              + ", which is not part of this build; without them, extract runs the Spark job over the rois table");
        }
        return single.run(args);
      }
    }
    Args a = new Args(args, Set.of("params", "database", "format", "batch-size", "limit", "rois"),
        Set.of("retry-quarantined", "no-progress", "merge"));
    if (!a.positional().isEmpty()) {
      throw new IllegalArgumentException("unexpected arguments " + a.positional());
    }
    ExtractJob.Options d = ExtractJob.Options.defaults();
    ExtractJob.Options o = new ExtractJob.Options(a.get("params", d.params()), a.get("database", d.database()),
        a.get("format", d.format()), a.getInt("batch-size", d.batchSize()), a.getLong("limit", d.limit()),
        a.get("rois"), a.flag("retry-quarantined"), !a.flag("no-progress"), a.flag("merge"));
    SparkSession spark = JobSession.get("radiomics-extract");
    ExtractJob.Summary s = ExtractJob.run(spark, o);
    out.println(s);
    for (String v : s.wideTables()) {
      out.println("wide table: " + v);
    }
    return 0;
  }
}
