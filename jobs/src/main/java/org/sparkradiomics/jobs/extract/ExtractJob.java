package org.sparkradiomics.jobs.extract;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.sparkradiomics.features.profile.ExtractionProfile;
import org.sparkradiomics.features.profile.Profiles;
import org.sparkradiomics.jobs.spark.TableStore;
import org.sparkradiomics.schemas.Tables;
import org.sparkradiomics.spark.ExtractPartition;
import org.sparkradiomics.spark.ExtractionTask;
import org.sparkradiomics.spark.HadoopFiles;
import scala.Tuple2;

/**
 * The {@code extract} job: features of every ROI of {@code rois} not yet extracted under the params, into
 * {@code features} (long form), failures into {@code quarantine}, one row per run in {@code extraction_runs}, and a
 * wide table per params hash.
 *
 * <p><b>Selection.</b> Each ROI's params hash is the profile's, or in the per-modality mode ({@code --params ibsi})
 * the hash of its modality's preset. Selected: ROIs whose {@code (roi_id, params_hash)} is neither in
 * {@code features} nor (unless {@code retryQuarantined}) in {@code quarantine}: a broken study is not retried on
 * every run. ROIs are processed in {@code roi_id} order, so {@code --limit N} takes a stable subset.
 *
 * <p><b>Batches and crash safety.</b> The selection is cut into batches of {@code batchSize} ROIs. Each batch is
 * balanced over partitions by estimated cost ({@link CostBalancer}), extracted by {@link ExtractPartition} in
 * {@code mapPartitions} (readers built once per partition; the function captures no driver object), persisted, and
 * committed with {@link TableStore#insertNew}: a Delta {@code MERGE} keyed by
 * {@code (roi_id, params_hash, image_type, feature)} into {@code features}, and keyed by
 * {@code (roi_id, params_hash, run_id, stage)} into {@code quarantine}. A killed run keeps every batch it committed; a
 * re-run selects only the ROIs without rows, and a batch committed twice (a retried Spark job) inserts nothing twice.
 * Features are committed before quarantine rows: a kill between the two leaves the batch's quarantined ROIs
 * unrecorded, so the re-run retries them, never loses them.
 *
 * <p><b>Runs.</b> {@code extraction_runs} gets one row per run: appended when the run starts (counts null,
 * {@code completed=false}), then on Delta updated in place by a {@code MERGE ... WHEN MATCHED THEN UPDATE} with the
 * final counts and timings; a crashed run keeps its start row with {@code completed=false}. On Parquet (no
 * in-place update) the final state is a second row with the same {@code run_id} and {@code completed=true}. Every
 * Delta commit carries {@code userMetadata} (job, run id, run params hash, code version).
 *
 * <p><b>Wide tables.</b> For every params hash with features among the ROIs of {@code rois}:
 * {@code <db>.features_wide_<first 12 hex of the hash>}, a table with one row per ROI ({@code roi_id, patient_key,
 * series_instance_uid, modality}) and one column per {@code image_type + '_' + feature} (characters other than
 * letters, digits and '_' become '_'), rewritten from {@code features} at the end of every run (so it always holds
 * every ROI of that hash). A table, not a SQL view: the view text of ~500 pivoted columns exceeds what the Hive
 * metastore stores (32,700 characters in Derby), and a table is readable by engines without Spark (symlink
 * manifests are generated for {@code features}).
 */
public final class ExtractJob {
  /** The merge key of {@code features}: one row per ROI x params x image type x feature. */
  public static final List<String> FEATURE_KEY = List.of("roi_id", "params_hash", "image_type", "feature");
  /** The merge key of {@code quarantine} rows written by this job. */
  public static final List<String> QUARANTINE_KEY = List.of("roi_id", "params_hash", "run_id", "stage");
  static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private ExtractJob() {}

  /**
   * What to extract.
   *
   * @param params {@code ibsi}, {@code ibsi:CT|MR|DX|US} or a PyRadiomics {@code .yaml} ({@link Profiles#load})
   * @param database database of the tables
   * @param format {@code delta} or {@code parquet}
   * @param batchSize ROIs per committed batch (at least 1)
   * @param limit at most this many ROIs this run; 0 or negative: all
   * @param roisTable input table (name, or {@code delta.`/path`}); null: {@code <database>.rois}
   * @param retryQuarantined also select ROIs quarantined before under the same params hash
   * @param progress report progress (console line on a local master, per-stage log line on a cluster)
   */
  public record Options(String params, String database, String format, int batchSize, long limit, String roisTable,
      boolean retryQuarantined, boolean progress) {
    public Options {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(format, "format");
      if (batchSize < 1) {
        throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
      }
    }

    /** Defaults: per-modality IBSI presets, {@code radiomics}, Delta, batches of 256, all ROIs, progress on. */
    public static Options defaults() {
      return new Options(Profiles.PER_MODALITY, Tables.DATABASE, TableStore.DELTA, 256, 0, null, false, true);
    }

    public Options withParams(String p) {
      return new Options(p, database, format, batchSize, limit, roisTable, retryQuarantined, progress);
    }

    public Options withDatabase(String d) {
      return new Options(params, d, format, batchSize, limit, roisTable, retryQuarantined, progress);
    }

    public Options withFormat(String f) {
      return new Options(params, database, f, batchSize, limit, roisTable, retryQuarantined, progress);
    }

    public Options withBatchSize(int b) {
      return new Options(params, database, format, b, limit, roisTable, retryQuarantined, progress);
    }

    public Options withLimit(long l) {
      return new Options(params, database, format, batchSize, l, roisTable, retryQuarantined, progress);
    }

    public Options withRoisTable(String t) {
      return new Options(params, database, format, batchSize, limit, t, retryQuarantined, progress);
    }

    public Options withRetryQuarantined(boolean r) {
      return new Options(params, database, format, batchSize, limit, roisTable, r, progress);
    }

    public Options withProgress(boolean p) {
      return new Options(params, database, format, batchSize, limit, roisTable, retryQuarantined, p);
    }
  }

  /** What a run did. */
  public record Summary(String runId, String paramsHash, long selected, long extracted, long quarantined,
      long featureRows, int batches, double seconds, List<String> wideTables) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "run %s: %d ROIs selected, %d extracted, %d quarantined, %d feature rows, %d batches, %.1f s", runId,
          selected, extracted, quarantined, featureRows, batches, seconds);
    }
  }

  /** One selected ROI. */
  record Selected(ExtractionTask task, long cost) {}

  /** Runs the job on {@code spark}. */
  public static Summary run(SparkSession spark, Options o) {
    long t0 = System.nanoTime();
    ExtractionProfile profile = Profiles.load(o.params());
    String runHash = Profiles.runParamsHash(profile);
    String runParams = Profiles.canonicalParams(profile);
    String codeVersion = CodeVersion.get();
    String runId = newRunId();
    TableStore store = new TableStore(spark, o.database(), o.format());
    TableStore.CommitInfo info = new TableStore.CommitInfo(runId, runHash, codeVersion, "extract");
    store.ensure(Tables.FEATURES);
    store.ensure(Tables.QUARANTINE);
    store.ensure(Tables.EXTRACTION_RUNS);
    Timestamp started = new Timestamp(System.currentTimeMillis());
    store.append(Tables.EXTRACTION_RUNS, runRow(spark, runId, runHash, runParams, codeVersion, started, null, null,
        null, null, null, null, false), info);

    Dataset<Row> rois = o.roisTable() == null ? store.read(Tables.ROIS) : spark.table(o.roisTable());
    Map<String, String> hashByModality = hashByModality(rois, profile);
    List<Selected> selected = select(spark, store, rois, hashByModality, o);

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopFiles files = HadoopFiles.fromSession(spark);
    LongAccumulator done = spark.sparkContext().longAccumulator("radiomics.rois.done");
    ExtractPartition fn = new ExtractPartition(runId, codeVersion, profile, files, done);
    long extracted = 0;
    long quarantined = 0;
    long featureRows = 0;
    int batches = 0;
    int slots = jsc.defaultParallelism();
    try (ExtractProgress progress = o.progress() ? ExtractProgress.start(spark, done, selected.size()) : null) {
      for (int from = 0; from < selected.size(); from += o.batchSize()) {
        List<Selected> batch = selected.subList(from, Math.min(selected.size(), from + o.batchSize()));
        batches++;
        spark.sparkContext().setJobDescription("extract " + runId + " batch " + batches + " ("
            + batch.size() + " ROIs)");
        int n = CostBalancer.partitionsFor(batch.size(), slots);
        long[] costs = new long[batch.size()];
        for (int i = 0; i < costs.length; i++) {
          costs[i] = batch.get(i).cost();
        }
        int[] part = CostBalancer.assign(costs, n);
        List<Tuple2<Integer, ExtractionTask>> keyed = new ArrayList<>(batch.size());
        for (int i = 0; i < part.length; i++) {
          keyed.add(new Tuple2<>(part[i], batch.get(i).task()));
        }
        JavaRDD<ExtractionTask> tasks = jsc.parallelizePairs(keyed, n)
            .partitionBy(new CostBalancer.AssignedPartitioner(n)).values();
        JavaRDD<Row> tagged = tasks.mapPartitions(fn).persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
          ExtractPartition.Output out = ExtractPartition.split(spark, tagged);
          long nf = out.features().count();
          long nq = out.quarantine().count();
          long ok = nf == 0 ? 0 : out.features().select("roi_id").distinct().count();
          if (nf > 0) {
            store.insertNew(Tables.FEATURES, out.features(), FEATURE_KEY, info);
          }
          if (nq > 0) {
            store.insertNew(Tables.QUARANTINE, out.quarantine(), QUARANTINE_KEY, info);
          }
          featureRows += nf;
          quarantined += nq;
          extracted += ok;
        } finally {
          tagged.unpersist(false);
        }
        if (progress != null) {
          progress.batchCommitted(batches, from + batch.size());
        }
      }
    } finally {
      spark.sparkContext().setJobDescription(null);
    }

    List<String> views = writeWideTables(spark, store, new LinkedHashSet<>(hashByModality.values()), info);
    store.generateManifest(Tables.FEATURES);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Dataset<Row> last = runRow(spark, runId, runHash, runParams, codeVersion, started,
        new Timestamp(System.currentTimeMillis()), (long) selected.size(), extracted, quarantined, featureRows, seconds,
        true);
    finishRun(spark, store, last, info);
    return new Summary(runId, runHash, selected.size(), extracted, quarantined, featureRows, batches, seconds, views);
  }

  /** Params hash per modality present in {@code rois}. */
  static Map<String, String> hashByModality(Dataset<Row> rois, ExtractionProfile profile) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Row r : rois.select("modality").distinct().orderBy("modality").collectAsList()) {
      String modality = r.getString(0);
      m.put(modality, Profiles.paramsHash(profile, modality));
    }
    return m;
  }

  /** ROIs without features (and, unless retried, without quarantine rows) under their params hash. */
  static List<Selected> select(SparkSession spark, TableStore store, Dataset<Row> rois,
      Map<String, String> hashByModality, Options o) {
    StructType mapSchema = new StructType().add("modality", DataTypes.StringType, false)
        .add("params_hash", DataTypes.StringType, false);
    List<Row> mapRows = new ArrayList<>();
    hashByModality.forEach((m, h) -> mapRows.add(RowFactory.create(m, h)));
    Dataset<Row> withHash = rois.select("roi_id", "image_uri", "mask_uri", "roi_selector", "patient_key", "modality",
        "voxel_count").dropDuplicates(new String[] {"roi_id"}).join(spark.createDataFrame(mapRows, mapSchema),
        "modality");
    List<String> key = List.of("roi_id", "params_hash");
    scala.collection.immutable.Seq<String> keySeq = scala.jdk.javaapi.CollectionConverters.asScala(key).toList();
    Dataset<Row> done = store.read(Tables.FEATURES).select("roi_id", "params_hash").distinct();
    Dataset<Row> todo = withHash.join(done, keySeq, "left_anti");
    if (!o.retryQuarantined()) {
      Dataset<Row> q = store.read(Tables.QUARANTINE).where("roi_id IS NOT NULL AND params_hash IS NOT NULL")
          .select("roi_id", "params_hash").distinct();
      todo = todo.join(q, keySeq, "left_anti");
    }
    todo = todo.orderBy("roi_id");
    if (o.limit() > 0) {
      todo = todo.limit((int) Math.min(Integer.MAX_VALUE, o.limit()));
    }
    List<Selected> out = new ArrayList<>();
    for (Row r : todo.select("roi_id", "image_uri", "mask_uri", "roi_selector", "patient_key", "modality",
        "voxel_count").collectAsList()) {
      ExtractionTask t = new ExtractionTask(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
          r.getString(4), r.getString(5));
      out.add(new Selected(t, CostBalancer.cost(r.isNullAt(6) ? null : r.getLong(6))));
    }
    return out;
  }

  static Dataset<Row> runRow(SparkSession spark, String runId, String hash, String params, String codeVersion,
      Timestamp started, Timestamp finished, Long selected, Long extracted, Long quarantined, Long featureRows,
      Double seconds, boolean completed) {
    Row r = RowFactory.create(runId, hash, params, codeVersion, started, finished, selected, extracted, quarantined,
        featureRows, seconds, completed);
    return spark.createDataFrame(List.of(r), Tables.EXTRACTION_RUNS.schema());
  }

  /** Delta: MERGE update of the run's start row; Parquet: append of the final row. */
  static void finishRun(SparkSession spark, TableStore store, Dataset<Row> last, TableStore.CommitInfo info) {
    if (!store.format().equals(TableStore.DELTA)) {
      store.append(Tables.EXTRACTION_RUNS, last, info);
      return;
    }
    String view = "__run_" + info.runId().replaceAll("[^A-Za-z0-9_]", "_");
    last.createOrReplaceTempView(view);
    spark.conf().set(USER_METADATA, info.json());
    try {
      spark.sql("MERGE INTO " + store.qualified(Tables.EXTRACTION_RUNS) + " t USING " + view
          + " s ON t.run_id = s.run_id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
    } finally {
      spark.conf().unset(USER_METADATA);
      spark.catalog().dropTempView(view);
    }
  }

  /** Name of the wide table of {@code paramsHash}. */
  public static String wideTableName(String paramsHash) {
    return "features_wide_" + paramsHash.substring(0, Math.min(12, paramsHash.length())).toLowerCase(Locale.ROOT);
  }

  /** Column name of (image type, feature) in a wide table. */
  public static String wideColumn(String imageType, String feature) {
    return (imageType + "_" + feature).replaceAll("[^A-Za-z0-9_]", "_");
  }

  /**
   * (Re)writes the wide table of every hash in {@code hashes} that has features; returns the qualified names.
   * Pivot of the long rows: one row per ROI, one column per (image type, feature), {@code first(value)} (there is
   * exactly one row per key). Overwritten (Delta: a new table version, with the run's commit metadata).
   */
  static List<String> writeWideTables(SparkSession spark, TableStore store, Set<String> hashes,
      TableStore.CommitInfo info) {
    List<String> names = new ArrayList<>();
    String features = store.qualified(Tables.FEATURES);
    for (String h : hashes) {
      Dataset<Row> rows = spark.table(features).where(functions.col("params_hash").equalTo(h))
          .withColumn("__col", functions.regexp_replace(functions.concat_ws("_", functions.col("image_type"),
              functions.col("feature")), "[^A-Za-z0-9_]", "_"));
      List<Row> cols = rows.select("image_type", "feature", "__col").distinct().orderBy("image_type", "feature")
          .collectAsList();
      if (cols.isEmpty()) {
        continue;
      }
      List<Object> values = new ArrayList<>();
      Set<String> used = new LinkedHashSet<>();
      for (Row c : cols) {
        String name = c.getString(2);
        if (!name.equals(wideColumn(c.getString(0), c.getString(1))) || !used.add(name.toLowerCase(Locale.ROOT))) {
          throw new IllegalStateException("two features map to the wide column " + name + " (params " + h + ")");
        }
        values.add(name);
      }
      Dataset<Row> wide = rows.groupBy("roi_id", "patient_key", "series_instance_uid", "modality")
          .pivot("__col", values).agg(functions.first("value"));
      String name = store.database() + "." + wideTableName(h);
      spark.conf().set(USER_METADATA, info.json());
      try {
        wide.write().format(store.format()).mode("overwrite").option("overwriteSchema", "true").saveAsTable(name);
      } finally {
        spark.conf().unset(USER_METADATA);
      }
      names.add(name);
    }
    return names;
  }

  static String newRunId() {
    return "extract-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
        .format(Instant.now().atOffset(ZoneOffset.UTC)) + "-"
        + String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt());
  }
}
