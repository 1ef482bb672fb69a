package org.sparkradiomics.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.jobs.index.IndexJob;
import org.sparkradiomics.jobs.index.IndexOptions;
import org.sparkradiomics.jobs.index.IndexSummary;
import org.sparkradiomics.jobs.spark.JobSession;
import org.sparkradiomics.jobs.spark.TableStore;
import org.sparkradiomics.schemas.Tables;

/**
 * {@code radiomics index --input URI [--input URI ...] [--export-id ID] [--manifest masks.csv] [--database radiomics]
 * [--format delta|parquet] [--warehouse DIR] [--keep-study-date] [--run-id ID]}: runs {@link IndexJob} on the job
 * session and prints its one-line summary.
 */
public final class IndexCommand implements Command {
  @Override
  public String usage() {
    return "index --input URI [--input URI ...] [--export-id ID] [--manifest masks.csv] [--database radiomics]"
        + " [--format delta|parquet] [--warehouse DIR] [--keep-study-date] [--run-id ID]";
  }

  @Override
  public int run(String[] args) throws Exception {
    List<String> inputs = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--input")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option --input needs a value");
        }
        inputs.add(args[++i]);
      } else if (args[i].startsWith("--input=")) {
        inputs.add(args[i].substring("--input=".length()));
      } else {
        rest.add(args[i]);
      }
    }
    Args a = new Args(rest.toArray(new String[0]),
        Set.of("export-id", "manifest", "database", "format", "warehouse", "run-id"), Set.of("keep-study-date"));
    inputs.addAll(a.positional());
    if (inputs.isEmpty() && a.get("manifest") == null) {
      throw new IllegalArgumentException("at least one --input URI is required");
    }
    IndexOptions o = new IndexOptions(inputs, a.get("export-id"), a.get("manifest"), a.flag("keep-study-date"),
        a.get("run-id"));
    Session s = Session.open("radiomics-index", a.get("warehouse"));
    try {
      TableStore store = new TableStore(s.spark(), a.get("database", Tables.DATABASE),
          a.get("format", TableStore.DELTA));
      IndexSummary summary = IndexJob.run(s.spark(), store, o);
      System.out.println(summary.line());
      return 0;
    } finally {
      s.close();
    }
  }

  /** The job session of a command; stopped on close only when the command created it. */
  record Session(SparkSession spark, boolean owned) implements AutoCloseable {
    static Session open(String appName, String warehouse) {
      boolean existed = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
      SparkConf conf = new SparkConf();
      if (warehouse != null) {
        conf.set("spark.sql.warehouse.dir", java.nio.file.Paths.get(warehouse).toAbsolutePath().toString());
      }
      SparkSession spark = JobSession.builder(appName, conf).getOrCreate();
      return new Session(spark, !existed);
    }

    @Override
    public void close() {
      if (owned) {
        spark.stop();
      }
    }
  }
}
