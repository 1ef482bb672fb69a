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
 * <p><b>Batches and crash safety.</b> The selection is cut into batches: by default ({@link #AUTO_BATCH}) of about a
 * minute of estimated work per slot ({@link CostBalancer#autoBatches}: a batch's commits cost a few seconds of driver
 * time whatever its size, and a kill loses at most the batch in flight), else of {@code batchSize} ROIs. Each batch is
 * balanced over partitions by estimated cost ({@link CostBalancer}), extracted by {@link ExtractPartition} in
 * {@code mapPartitions} (readers built once per partition; the function captures no driver object) into one compact
 * row per ROI, cached serialized, and committed: its long rows appended to {@code features} in one Delta commit
 * (atomic), its quarantine rows appended to {@code quarantine}. Appending is exactly-once for sequential runs
 * because the selection excludes every ROI with rows: a killed run keeps every batch it committed and a re-run
 * selects only the ROIs without rows. With {@link Options#merge} the commits are keyed Delta {@code MERGE}s instead
 * ({@code (roi_id, params_hash, image_type, feature)} into {@code features}, {@code (roi_id, params_hash, run_id,
 * stage)} into {@code quarantine}): safe for concurrent runs over the same ROIs, slower as the table grows.
 * Features are committed before quarantine rows: a kill between the two leaves the batch's quarantined ROIs
 * unrecorded, so the re-run retries them, never loses them.
 *
 * <p><b>Runs.</b> {@code extraction_runs} gets one row per run: appended when the run starts (counts null,
 * {@code completed=false}), then on Delta updated in place by a {@code MERGE ... WHEN MATCHED THEN UPDATE} with the
 * final counts and timings; a crashed run keeps its start row with {@code completed=false}. On Parquet (no
 * in-place update) the final state is a second row with the same {@code run_id} and {@code completed=true}. Every
 * Delta commit carries {@code userMetadata} (job, run id, run params hash, code version).
 *
 * <p><b>Two driver threads.</b> A second thread with its own session ({@code spark.newSession()}: commit metadata is
 * a session setting) commits beside the main one, so that Spark's and Delta's per-commit driver work overlaps: the
 * start row during the selection (awaited before the extraction), each batch's wide rows during its long rows
 * (awaited before the next batch; write + wide of 2,000 DX studies 4.6-5.1 s in turn, 3.0-4.7 s so). The manifest and
 * the run's final row, run so, both took longer (1.7 s in turn, 2.5 s beside each other): they stay in turn.
 *
 * <p><b>Wide tables.</b> For every params hash with features among the ROIs of {@code rois}:
 * {@code <db>.features_wide_<first 12 hex of the hash>}, a table with one row per ROI ({@code roi_id, patient_key,
 * series_instance_uid, modality}) and one column per {@code image_type + '_' + feature} (characters other than
 * letters, digits and '_' become '_'), sorted by (image type, feature). Appended batch by batch from the cached
 * compact rows ({@link WideTable}); at the end of the run checked against {@code features} and rebuilt by a pivot
 * when absent, out of step or given other columns ({@link #finishWideTables}). A table, not a SQL view: the view
 * text of ~500 pivoted columns exceeds what the Hive metastore stores (32,700 characters in Derby), and a table is
 * readable by engines without Spark (symlink manifests are generated for {@code features}).
 */
public final class ExtractJob {
  /** The merge key of {@code features}: one row per ROI x params x image type x feature. */
  public static final List<String> FEATURE_KEY = List.of("roi_id", "params_hash", "image_type", "feature");
  /** The merge key of {@code quarantine} rows written by this job. */
  public static final List<String> QUARANTINE_KEY = List.of("roi_id", "params_hash", "run_id", "stage");
  static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
  /** {@link Options#batchSize} value for automatic batches. */
  public static final int AUTO_BATCH = 0;

  private ExtractJob() {}

  /**
   * What to extract.
   *
   * @param params {@code ibsi}, {@code ibsi:CT|MR|DX|US} or a PyRadiomics {@code .yaml} ({@link Profiles#load})
   * @param database database of the tables
   * @param format {@code delta} or {@code parquet}
   * @param batchSize ROIs per committed batch (at least 1), or {@link #AUTO_BATCH} (0): batches of about a minute of
   *     estimated work per slot ({@link CostBalancer#autoBatches})
   * @param limit at most this many ROIs this run; 0 or negative: all
   * @param roisTable input table (name, or {@code delta.`/path`}); null: {@code <database>.rois}
   * @param retryQuarantined also select ROIs quarantined before under the same params hash
   * @param progress report progress (console line on a local master, per-stage log line on a cluster)
   * @param merge commit batches with a keyed Delta {@code MERGE} instead of an append (see the class comment: safe
   *     against two runs extracting the same ROIs at once, slower as the table grows)
   */
  public record Options(String params, String database, String format, int batchSize, long limit, String roisTable,
      boolean retryQuarantined, boolean progress, boolean merge) {
    public Options {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(format, "format");
      if (batchSize < 0) {
        throw new IllegalArgumentException("--batch-size must be at least 1 (or 0: automatic), got " + batchSize);
      }
    }

    /**
     * Defaults: per-modality IBSI presets, {@code radiomics}, Delta, automatic batches, all ROIs, progress on, append.
     */
    public static Options defaults() {
      return new Options(Profiles.PER_MODALITY, Tables.DATABASE, TableStore.DELTA, AUTO_BATCH, 0, null, false, true,
          false);
    }

    public Options withParams(String p) {
      return new Options(p, database, format, batchSize, limit, roisTable, retryQuarantined, progress, merge);
    }

    public Options withDatabase(String d) {
      return new Options(params, d, format, batchSize, limit, roisTable, retryQuarantined, progress, merge);
    }

    public Options withFormat(String f) {
      return new Options(params, database, f, batchSize, limit, roisTable, retryQuarantined, progress, merge);
    }

    public Options withBatchSize(int b) {
      return new Options(params, database, format, b, limit, roisTable, retryQuarantined, progress, merge);
    }

    public Options withLimit(long l) {
      return new Options(params, database, format, batchSize, l, roisTable, retryQuarantined, progress, merge);
    }

    public Options withRoisTable(String t) {
      return new Options(params, database, format, batchSize, limit, t, retryQuarantined, progress, merge);
    }

    public Options withRetryQuarantined(boolean r) {
      return new Options(params, database, format, batchSize, limit, roisTable, r, progress, merge);
    }

    public Options withMerge(boolean m) {
      return new Options(params, database, format, batchSize, limit, roisTable, retryQuarantined, progress, m);
    }

    public Options withProgress(boolean p) {
      return new Options(params, database, format, batchSize, limit, roisTable, retryQuarantined, p, merge);
    }
  }

  /** What a run did. */
  public record Summary(String runId, String paramsHash, long selected, long extracted, long quarantined,
      long featureRows, int batches, double seconds, List<String> wideTables, Map<String, Double> phases) {
    @Override
    public String toString() {
      StringBuilder p = new StringBuilder();
      phases.forEach((k, v) -> p.append(p.length() == 0 ? "" : ", ").append(k)
          .append(String.format(Locale.ROOT, " %.1f s", v)));
      return String.format(Locale.ROOT,
          "run %s: %d ROIs selected, %d extracted, %d quarantined, %d feature rows, %d batches, %.1f s (%s)", runId,
          selected, extracted, quarantined, featureRows, batches, seconds, p);
    }
  }

  /**
   * What one cheap job over a batch's cached compact rows tells: ROIs extracted, ROIs quarantined, feature rows, and
   * per params hash the (image type, feature) keys of its ROIs ({@link #KEY_SEP}-joined), for the wide tables.
   */
  static final class BatchCounts implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final String KEY_SEP = "\u0000";
    long extracted;
    long quarantined;
    long featureRows;
    final java.util.TreeMap<String, java.util.TreeSet<String>> keysByHash = new java.util.TreeMap<>();

    static BatchCounts of(JavaRDD<Row> tagged) {
      return tagged.mapPartitions(BatchCounts::count).reduce(BatchCounts::add);
    }

    private static java.util.Iterator<BatchCounts> count(java.util.Iterator<Row> rows) {
      BatchCounts c = new BatchCounts();
      while (rows.hasNext()) {
        Row r = rows.next();
        if (!ExtractPartition.KIND_FEATURE.equals(r.getString(0))) {
          c.quarantined++;
          continue;
        }
        Row roi = r.getStruct(1);
        Object[] types = (Object[]) roi.get(8); // the worker's String[] arrays
        Object[] names = (Object[]) roi.get(9);
        c.extracted++;
        c.featureRows += names.length;
        java.util.TreeSet<String> keys = c.keysByHash.computeIfAbsent(roi.getString(5),
            h -> new java.util.TreeSet<>());
        for (int i = 0; i < names.length; i++) {
          keys.add(types[i] + KEY_SEP + names[i]);
        }
      }
      return List.of(c).iterator();
    }

    private static BatchCounts add(BatchCounts a, BatchCounts b) {
      a.extracted += b.extracted;
      a.quarantined += b.quarantined;
      a.featureRows += b.featureRows;
      b.keysByHash.forEach((h, k) -> a.keysByHash.computeIfAbsent(h, x -> new java.util.TreeSet<>()).addAll(k));
      return a;
    }
  }

  /** The class of the per-batch counts, for Kryo registration. */
  public static Class<?> batchCountsClass() {
    return BatchCounts.class;
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
    // a second driver thread with its own session (its own commit metadata setting) commits beside the main one:
    // the start row during the selection, the wide rows during the long rows
    SparkSession bg = spark.newSession();
    TableStore bgStore = store.inSession(bg);
    java.util.concurrent.ExecutorService commits = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(() -> {
        SparkSession.setActiveSession(bg); // Delta reads its commit settings from the active session
        r.run();
      }, "extract-commits-" + runId);
      t.setDaemon(true);
      return t;
    });
    try {
      return run(spark, o, store, bg, bgStore, commits, profile, runHash, runParams, codeVersion, runId, info, t0);
    } finally {
      // after a failure a commit of the second thread may still be running: the job ends when it has ended
      commits.shutdown();
      try {
        if (!commits.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES)) {
          commits.shutdownNow();
        }
      } catch (InterruptedException e) {
        commits.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Summary run(SparkSession spark, Options o, TableStore store, SparkSession bg, TableStore bgStore,
      java.util.concurrent.ExecutorService commits, ExtractionProfile profile, String runHash, String runParams,
      String codeVersion, String runId, TableStore.CommitInfo info, long t0) {
    Timestamp started = new Timestamp(System.currentTimeMillis());
    java.util.concurrent.Future<?> startRow = commits.submit(() -> bgStore.append(Tables.EXTRACTION_RUNS,
        runRow(bg, runId, runHash, runParams, codeVersion, started, null, null, null, null, null, null, false), info));

    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("start", (System.nanoTime() - t0) / 1e9);
    long ts = System.nanoTime();
    Dataset<Row> rois = o.roisTable() == null ? store.read(Tables.ROIS) : spark.table(o.roisTable());
    Map<String, String> hashByModality = hashByModality(rois, profile);
    List<Selected> selected = select(spark, store, rois, hashByModality, o);
    await(startRow); // the start row is committed before any feature row
    timings.put("select", (System.nanoTime() - ts) / 1e9);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopFiles files = HadoopFiles.fromSession(spark);
    LongAccumulator done = spark.sparkContext().longAccumulator("radiomics.rois.done");
    ExtractPartition fn = new ExtractPartition(runId, codeVersion, profile, files, done);
    long extracted = 0;
    long quarantined = 0;
    long featureRows = 0;
    int batches = 0;
    int slots = jsc.defaultParallelism();
    // the wide tables' state before this run commits anything (after a commit, features has rows of the hash and an
    // absent wide table could not be told from one that must be rebuilt)
    Map<String, WideTable> wide = new LinkedHashMap<>();
    if (!selected.isEmpty()) {
      for (String h : new LinkedHashSet<>(hashByModality.values())) {
        wide.put(h, WideTable.open(spark, store, h));
      }
    }
    long[] allCosts = new long[selected.size()];
    for (int i = 0; i < allCosts.length; i++) {
      allCosts[i] = selected.get(i).cost();
    }
    int[] ends = o.batchSize() == AUTO_BATCH ? CostBalancer.autoBatches(allCosts, slots)
        : CostBalancer.fixedBatches(selected.size(), o.batchSize());
    try (ExtractProgress progress = o.progress() ? ExtractProgress.start(spark, done, selected.size()) : null) {
      for (int b = 0, from = 0; b < ends.length; from = ends[b++]) {
        List<Selected> batch = selected.subList(from, ends[b]);
        batches++;
        spark.sparkContext().setJobDescription("extract " + runId + " batch " + batches + " ("
            + batch.size() + " ROIs)");
        int n = CostBalancer.partitionsFor(batch.size(), slots);
        int[] part = CostBalancer.assign(java.util.Arrays.copyOfRange(allCosts, from, ends[b]), n);
        List<Tuple2<Integer, ExtractionTask>> keyed = new ArrayList<>(batch.size());
        for (int i = 0; i < part.length; i++) {
          keyed.add(new Tuple2<>(part[i], batch.get(i).task()));
        }
        JavaRDD<ExtractionTask> tasks = jsc.parallelizePairs(keyed, n)
            .partitionBy(new CostBalancer.AssignedPartitioner(n)).values();
        // serialized (Kryo): deserialized caching lets Spark's SizeEstimator walk every cached row's arrays, which cost
        // ~17% of the extraction's executor time in a profile of 2,000 DX studies
        JavaRDD<Row> tagged = tasks.mapPartitions(fn).persist(StorageLevel.MEMORY_AND_DISK_SER());
        java.util.concurrent.Future<?> wideRows = null;
        try {
          ExtractPartition.Output out = ExtractPartition.split(spark, tagged);
          // job 1: the extraction itself, cached as one compact row per ROI, and its counts
          long tb = System.nanoTime();
          BatchCounts c = BatchCounts.of(tagged);
          timings.merge("extract", (System.nanoTime() - tb) / 1e9, Double::sum);
          long tc = System.nanoTime();
          // the wide rows are appended by the second thread while this one commits the long rows: both read the
          // cached rows, and a kill between the two commits leaves the wide table out of step, which the end of the
          // next run detects and repairs (finishWideTables)
          List<Map.Entry<WideTable, List<String>>> wideAppends = new ArrayList<>();
          for (Map.Entry<String, java.util.TreeSet<String>> e : c.keysByHash.entrySet()) {
            // a hash not foreseen at the start (none expected) is opened here, before this batch's commits
            WideTable w = wide.computeIfAbsent(e.getKey(), h -> WideTable.open(spark, store, h));
            wideAppends.add(Map.entry(w, new ArrayList<>(e.getValue())));
          }
          long batchRois = c.extracted;
          wideRows = commits.submit(() -> {
            for (Map.Entry<WideTable, List<String>> e : wideAppends) {
              e.getKey().append(bg, bgStore, tagged, e.getValue(), batchRois, slots, info);
            }
          });
          if (c.extracted > 0) {
            if (o.merge()) {
              store.insertNew(Tables.FEATURES, out.features(), FEATURE_KEY, info);
            } else {
              store.append(Tables.FEATURES, out.features(), info);
            }
          }
          if (c.quarantined > 0) {
            if (o.merge()) {
              store.insertNew(Tables.QUARANTINE, out.quarantine(), QUARANTINE_KEY, info);
            } else {
              store.append(Tables.QUARANTINE, out.quarantine(), info);
            }
          }
          timings.merge("write", (System.nanoTime() - tc) / 1e9, Double::sum);
          long tw = System.nanoTime();
          java.util.concurrent.Future<?> w = wideRows;
          wideRows = null;
          await(w);
          timings.merge("wide", (System.nanoTime() - tw) / 1e9, Double::sum); // beyond the write it overlaps
          extracted += c.extracted;
          quarantined += c.quarantined;
          featureRows += c.featureRows;
        } finally {
          if (wideRows != null) { // this thread failed: the wide job ends before its input is dropped
            try {
              wideRows.get();
            } catch (Exception ignored) {
              // the first failure is the one reported
            }
          }
          tagged.unpersist(false);
        }
        if (progress != null) {
          progress.batchCommitted(batches, ends[b]);
        }
      }
    } finally {
      spark.sparkContext().setJobDescription(null);
    }

    long tw = System.nanoTime();
    List<String> views = finishWideTables(spark, store, new LinkedHashSet<>(hashByModality.values()), wide,
        !o.merge(), info);
    timings.merge("wide", (System.nanoTime() - tw) / 1e9, Double::sum);
    // the manifest and the run row one after the other: run beside each other (two threads) both took longer
    long tm = System.nanoTime();
    store.generateManifest(Tables.FEATURES);
    timings.put("manifest", (System.nanoTime() - tm) / 1e9);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Dataset<Row> last = runRow(spark, runId, runHash, runParams, codeVersion, started,
        new Timestamp(System.currentTimeMillis()), (long) selected.size(), extracted, quarantined, featureRows, seconds,
        true);
    long tf = System.nanoTime();
    finishRun(spark, store, last, info);
    timings.put("finish", (System.nanoTime() - tf) / 1e9);
    return new Summary(runId, runHash, selected.size(), extracted, quarantined, featureRows, batches, seconds, views,
        timings);
  }

  /** Waits for {@code f}; its failure is rethrown unwrapped when unchecked. */
  static void await(java.util.concurrent.Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a commit", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
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

  /**
   * The wide table of one params hash during a run: appended batch by batch from the cached compact rows (no pivot of
   * the long table), or marked for a full rewrite ({@link #writeWideTables}) at the end of the run when appending
   * cannot be trusted: the table is absent while {@code features} already has rows of the hash, or a batch brings
   * columns the table does not have.
   */
  static final class WideTable {
    final String hash;
    final String name;
    /** Columns of the existing table (after the 4 ROI columns), null when the table does not exist. */
    List<String> columns;
    boolean rewrite;
    /**
     * At open the table was absent and {@code features} had no row of the hash: whatever this run appends to both
     * (a run ends at its first failure) keeps them in step, so the end of the run need not count them.
     */
    boolean freshAtOpen;

    private WideTable(String hash, String name) {
      this.hash = hash;
      this.name = name;
    }

    static WideTable open(SparkSession spark, TableStore store, String hash) {
      WideTable w = new WideTable(hash, store.database() + "." + wideTableName(hash));
      if (spark.catalog().tableExists(w.name)) {
        String[] cols = spark.table(w.name).columns();
        w.columns = new ArrayList<>(List.of(cols).subList(Math.min(WIDE_KEY.size(), cols.length), cols.length));
      } else {
        w.rewrite = !spark.table(store.qualified(Tables.FEATURES)).where(functions.col("params_hash")
            .equalTo(hash)).limit(1).isEmpty();
        w.freshAtOpen = !w.rewrite;
      }
      return w;
    }

    /**
     * Appends the batch's ROIs of this hash ({@code keys}: sorted type/feature keys of the batch; {@code rois}: ROIs
     * extracted in the batch, which sizes the files: one per {@link #WIDE_ROWS_PER_FILE} rows but at least one per
     * task slot ({@code slots}), as a wide row is ~300 columns and a file per extraction partition made many small
     * files whose column set-up cost more than the rows, while a single file is one task that leaves the other
     * slots idle).
     */
    void append(SparkSession spark, TableStore store, JavaRDD<Row> tagged, List<String> keys, long rois, int slots,
        TableStore.CommitInfo info) {
      if (rewrite) {
        return;
      }
      List<String> cols = new ArrayList<>(keys.size());
      Map<String, Integer> index = new java.util.HashMap<>();
      Set<String> used = new java.util.HashSet<>();
      for (String k : keys) {
        int sep = k.indexOf(BatchCounts.KEY_SEP);
        String col = wideColumn(k.substring(0, sep), k.substring(sep + 1));
        if (!used.add(col.toLowerCase(Locale.ROOT))) {
          throw new IllegalStateException("two features map to the wide column " + col + " (params " + hash + ")");
        }
        index.put(k, cols.size());
        cols.add(col);
      }
      if (columns != null && !columns.equals(cols)) {
        rewrite = true; // new or other columns: rebuilt from the long table at the end of the run
        return;
      }
      StructType schema = new StructType();
      for (String k : WIDE_KEY) {
        schema = schema.add(k, DataTypes.StringType, true);
      }
      for (String c : cols) {
        schema = schema.add(c, DataTypes.DoubleType, true);
      }
      String h = hash;
      JavaRDD<Row> rows = tagged.filter(r -> ExtractPartition.KIND_FEATURE.equals(r.getString(0))
          && h.equals(r.getStruct(1).getString(5))).map(r -> wideRow(r.getStruct(1), index));
      int files = (int) Math.max(1, Math.min(rows.getNumPartitions(),
          Math.max(slots, (rois + WIDE_ROWS_PER_FILE - 1) / WIDE_ROWS_PER_FILE)));
      Dataset<Row> df = spark.createDataFrame(rows.coalesce(files), schema);
      spark.conf().set(USER_METADATA, info.json());
      try {
        if (columns == null) {
          df.write().format(store.format()).mode("append").saveAsTable(name);
          columns = cols;
        } else {
          df.write().mode("append").insertInto(name);
        }
      } finally {
        spark.conf().unset(USER_METADATA);
      }
    }

    /** One wide row: the ROI columns, then the value of each key at its column (null where absent). */
    static Row wideRow(Row roi, Map<String, Integer> index) {
      Object[] out = new Object[WIDE_KEY.size() + index.size()];
      out[0] = roi.getString(0);
      out[1] = roi.getString(1);
      out[2] = roi.getString(2);
      out[3] = roi.getString(3);
      Object[] types = (Object[]) roi.get(8);
      Object[] names = (Object[]) roi.get(9);
      Object[] values = (Object[]) roi.get(10);
      for (int i = 0; i < names.length; i++) {
        Integer c = index.get(types[i] + BatchCounts.KEY_SEP + names[i]);
        out[WIDE_KEY.size() + c] = values[i];
      }
      return RowFactory.create(out);
    }
  }

  /** Rows per file of a wide-table append. */
  static final long WIDE_ROWS_PER_FILE = 20_000;

  /** The ROI columns of a wide table, before the feature columns. */
  static final List<String> WIDE_KEY = List.of("roi_id", "patient_key", "series_instance_uid", "modality");

  /**
   * Ends the wide tables of a run: for every hash of {@code hashes}, a table appended this run is kept when it holds
   * exactly one row per ROI with features of the hash (checked by counts: a run killed between a features commit and
   * its wide append leaves fewer or more rows), else it is rewritten from {@code features}, as are tables marked for
   * a rewrite and tables of hashes not touched this run that are absent or out of step. With {@code trustFresh}
   * (appending runs, which do not run concurrently over the same ROIs) a table this run created from an empty state
   * ({@link WideTable#freshAtOpen}) is kept without counting. Returns the table names.
   */
  static List<String> finishWideTables(SparkSession spark, TableStore store, Set<String> hashes,
      Map<String, WideTable> appended, boolean trustFresh, TableStore.CommitInfo info) {
    Set<String> rewrite = new LinkedHashSet<>();
    List<String> names = new ArrayList<>();
    Dataset<Row> features = spark.table(store.qualified(Tables.FEATURES));
    for (String h : hashes) {
      WideTable w = appended.get(h);
      String name = store.database() + "." + wideTableName(h);
      if (w != null && w.rewrite) {
        rewrite.add(h);
        continue;
      }
      if (w != null && w.freshAtOpen && trustFresh) {
        if (w.columns != null) { // created by this run
          names.add(name);
        }
        continue;
      }
      // ROIs with features under h, counted cheaply: the rows of one (image type, feature) key of h (one per ROI;
      // a ROI without that key undercounts, which only costs a rebuild), not a distinct over every long row
      Dataset<Row> ofHash = features.where(functions.col("params_hash").equalTo(h));
      List<Row> key = ofHash.select("image_type", "feature").limit(1).collectAsList();
      if (key.isEmpty()) {
        continue;
      }
      long rois = ofHash.where(functions.col("image_type").equalTo(key.get(0).getString(0))
          .and(functions.col("feature").equalTo(key.get(0).getString(1)))).count();
      long rows = spark.catalog().tableExists(name) ? spark.table(name).count() : -1;
      if (rows != rois) {
        rewrite.add(h);
      } else {
        names.add(name);
      }
    }
    names.addAll(writeWideTables(spark, store, rewrite, info));
    return names;
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
