package org.sparkradiomics.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.CohortGenerator;
import org.sparkradiomics.cohort.Modality;
import org.sparkradiomics.jobs.Args;
import org.sparkradiomics.jobs.Command;
import org.sparkradiomics.jobs.extract.ExtractJob;
import org.sparkradiomics.jobs.index.IndexJob;
import org.sparkradiomics.jobs.index.IndexOptions;
import org.sparkradiomics.jobs.index.IndexSummary;
import org.sparkradiomics.jobs.spark.JobSession;
import org.sparkradiomics.jobs.spark.TableStore;
import org.sparkradiomics.schemas.Tables;
import org.sparkradiomics.spark.ExtractPartition;
import org.sparkradiomics.spark.ExtractionTask;

/**
 * {@code radiomics bench scale [--studies 7906] [--dir DIR] [--masters local[2],local[1]|none] [--no-loop]
 * [--batch-size N] [--repeat N]}: the cohort-scale benchmark of the Spark jobs.
 * <ol>
 *   <li>Generates a DXA-like cohort of {@code --studies} DX studies (image + SEG) under {@code DIR/cohort} (kept and
 *       reused when it is already complete).
 *   <li>For each master: a fresh session (in-memory catalog, a fresh warehouse under {@code DIR}), {@code index}, then
 *       {@code extract} of the original image with every IBSI family (DX preset); wall time of each.
 *   <li>The same extraction as a plain loop in this JVM, single thread, no Spark (the job's partition function
 *       {@link ExtractPartition} called directly over all studies): the baseline for the Spark overhead
 *       ({@code local[1]} extract vs loop); then the loop again writing the long feature rows to one Parquet file
 *       with parquet-hadoop (the loop that produces a table, as the job does); then on 2 threads (the machine's
 *       ceiling for the scaling).
 * </ol>
 * Before the timed runs, untimed, so that the run order favours none: every cohort file is read once (page cache);
 * the loop runs over the first 300 studies in passes until the JIT is quiet ({@link #warmUpJit}); those studies are
 * indexed + extracted by Spark on the first master in a throw-away warehouse (Spark's class loading, generated code).
 * The timed runs go round robin (every master, then the loops) {@code --repeat} times, each after a
 * {@code System.gc()}; with more than one round every figure is the best of its rounds.
 * Prints: generation time, per master index/extract/total wall time and studies/s, overhead
 * = T(local[1] extract) / T(loop) - 1, scaling = T(local[1] extract) / (2 T(local[2] extract)).
 */
public final class ScaleBench implements Command {
  private final PrintStream out;

  public ScaleBench() {
    this(System.out);
  }

  ScaleBench(PrintStream out) {
    this.out = out;
  }

  @Override
  public String usage() {
    return "scale [--studies 7906] [--dir DIR] [--masters local[2],local[1]|none] [--no-loop] "
        + "[--batch-size N (0: auto)] [--repeat N (rounds; best of each)] [--seed S]";
  }

  @Override
  public int run(String[] argv) throws Exception {
    Args a = new Args(argv, Set.of("studies", "dir", "masters", "batch-size", "seed", "repeat"), Set.of("no-loop"));
    int studies = a.getInt("studies", 7906);
    Path dir = Paths.get(a.get("dir", "bench-scale")).toAbsolutePath();
    String masterList = a.get("masters", "local[2],local[1]");
    List<String> masters = masterList.equals("none") ? List.of() : List.of(masterList.split(","));
    int batch = a.getInt("batch-size", ExtractJob.AUTO_BATCH);
    long seed = a.getLong("seed", 20261129L);
    int repeat = a.getInt("repeat", 1);
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
    }
    Path cohort = dir.resolve("cohort");

    double genSeconds = generate(cohort, studies, seed);
    out.printf(Locale.ROOT, "generate: %d DX studies in %.1f s%s%n", studies, genSeconds,
        genSeconds == 0 ? " (reused)" : "");

    // page cache (untimed): every file of the cohort read once, so that the first timed run does not pay the disk
    // reads the later ones get from memory
    long tc = System.nanoTime();
    long bytes = readAll(cohort);
    out.printf(Locale.ROOT, "page cache: %d bytes read untimed in %.1f s%n", bytes, (System.nanoTime() - tc) / 1e9);
    // warm-up (untimed): the JIT compiles the extraction code before any timed run, so that the order of the runs
    // (Spark masters first, loop last) does not favour the later ones
    int warm = Math.min(300, studies);
    double[] w = warmUpJit(cohort, warm, 40);
    out.printf(Locale.ROOT, "warm-up: %d passes over %d studies untimed in %.1f s (JIT compilation in the last pass: "
        + "%.0f ms)%n", (int) w[0], (int) w[1], w[2], w[3]);

    // Spark warm-up (untimed): index + extract of the first studies in a throw-away warehouse on the first master,
    // so that Spark's, Delta's and the generated code's class loading and JIT are not paid by the first timed run only
    if (!masters.isEmpty()) {
      List<String> warmDirs = new ArrayList<>();
      for (Path s : studyDirs(cohort).subList(0, warm)) {
        warmDirs.add(s.toUri().toString());
      }
      long tsw = System.nanoTime();
      sparkRun(masters.get(0), warmDirs, dir.resolve("warehouse-warm-up"), batch);
      out.printf(Locale.ROOT, "warm-up: index + extract of %d studies on %s untimed in %.1f s%n", warm,
          masters.get(0), (System.nanoTime() - tsw) / 1e9);
    }

    // timed runs, round robin (every master, then the loops) --repeat times; each figure is the best of its runs: on
    // a shared machine whose speed drifts by up to a third between minutes the minimum is the estimate least
    // disturbed by other load, and the interleaving gives every configuration the same spread of machine states
    Map<String, double[]> runs = new LinkedHashMap<>();
    double loop = Double.POSITIVE_INFINITY;
    double loopWrite = Double.POSITIVE_INFINITY;
    double loop2 = Double.POSITIVE_INFINITY;
    boolean loops = !a.flag("no-loop");
    for (int rep = 1; rep <= repeat; rep++) {
      if (repeat > 1) {
        out.printf(Locale.ROOT, "round %d of %d%n", rep, repeat);
      }
      for (String master : masters) {
        System.gc();
        double[] r = sparkRun(master, List.of(cohort.toUri().toString()),
            dir.resolve("warehouse-" + master.replaceAll("[^A-Za-z0-9]", "_")), batch);
        out.printf(Locale.ROOT, "%-9s index %.1f s, extract %.1f s (%d ROIs, %d extracted, %d quarantined), "
            + "total %.1f s, %.1f studies/s%n", master, r[0], r[1], (long) r[2], (long) r[3], (long) r[4],
            r[0] + r[1], r[3] / (r[0] + r[1]));
        double[] best = runs.get(master);
        if (best == null) {
          runs.put(master, r);
        } else {
          best[0] = Math.min(best[0], r[0]);
          best[1] = Math.min(best[1], r[1]);
        }
      }
      if (!loops) {
        continue;
      }
      System.gc();
      long t0 = System.nanoTime();
      long[] n = loop(cohort, Integer.MAX_VALUE, null);
      double l = (System.nanoTime() - t0) / 1e9;
      loop = Math.min(loop, l);
      out.printf(Locale.ROOT, "loop      extract %.1f s (%d studies, %d feature values), single thread, no Spark%n",
          l, n[0], n[1]);
      Path parquet = dir.resolve("loop-features.parquet");
      Files.deleteIfExists(parquet);
      System.gc();
      long t1 = System.nanoTime();
      long[] m = loop(cohort, Integer.MAX_VALUE, parquet);
      double lw = (System.nanoTime() - t1) / 1e9;
      loopWrite = Math.min(loopWrite, lw);
      out.printf(Locale.ROOT, "loop+file extract %.1f s (%d studies, %d rows of the features table written to one "
          + "Parquet file, %d bytes, by parquet-hadoop), single thread, no Spark%n", lw, m[0], m[1],
          Files.size(parquet));
      System.gc();
      long t2 = System.nanoTime();
      long[] n2 = loopThreads(cohort, 2);
      double l2 = (System.nanoTime() - t2) / 1e9;
      loop2 = Math.min(loop2, l2);
      out.printf(Locale.ROOT, "loop x2   extract %.1f s (%d studies, %d feature values), 2 threads, no Spark%n", l2,
          n2[0], n2[1]);
    }
    if (repeat > 1) {
      out.printf(Locale.ROOT, "best of %d rounds:%n", repeat);
      runs.forEach((m, r) -> out.printf(Locale.ROOT, "%-9s index %.1f s, extract %.1f s, total %.1f s, %.1f "
          + "studies/s%n", m, r[0], r[1], r[0] + r[1], r[3] / (r[0] + r[1])));
      if (loops) {
        out.printf(Locale.ROOT, "loop %.1f s, loop+file %.1f s, loop x2 %.1f s%n", loop, loopWrite, loop2);
      }
    }
    if (loops) {
      out.printf(Locale.ROOT, "ceiling   loop / (2 loop x2) = %.3f (what 2 cores give without Spark)%n",
          loop / (2 * loop2));
    }
    double[] one = runs.get("local[1]");
    double[] two = runs.get("local[2]");
    if (one != null && loops) {
      out.printf(Locale.ROOT, "overhead  local[1] extract / loop - 1 = %.3f ; / (loop + Parquet file) - 1 = %.3f%n",
          one[1] / loop - 1, one[1] / loopWrite - 1);
    }
    if (one != null && two != null) {
      out.printf(Locale.ROOT, "scaling   extract T1 / (2 T2) = %.3f ; index+extract %.3f%n", one[1] / (2 * two[1]),
          (one[0] + one[1]) / (2 * (two[0] + two[1])));
    }
    return 0;
  }

  private static double generate(Path cohort, int studies, long seed) throws IOException, InterruptedException {
    if (Files.isDirectory(cohort) && countStudies(cohort) == studies) {
      return 0;
    }
    if (Files.exists(cohort)) {
      throw new IllegalArgumentException(cohort + " exists with another number of studies: remove it or use --dir");
    }
    long t0 = System.nanoTime();
    CohortGenerator.generate(CohortConfig.of(cohort, studies, Modality.DX, seed));
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Reads every regular file under {@code dir} once; returns the bytes read. */
  private static long readAll(Path dir) throws IOException {
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        try (java.io.InputStream in = Files.newInputStream(p)) {
          for (int r; (r = in.read(buf)) > 0;) {
            n += r;
          }
        }
      }
    }
    return n;
  }

  private static List<Path> studyDirs(Path cohort) throws IOException {
    try (Stream<Path> s = Files.list(cohort)) {
      return s.filter(p -> Files.isDirectory(p.resolve("image")) && Files.isDirectory(p.resolve("mask"))).sorted()
          .toList();
    }
  }

  private static long countStudies(Path cohort) throws IOException {
    return studyDirs(cohort).size();
  }

  /** index + extract on a fresh session; returns {index s, extract s, selected, extracted, quarantined}. */
  private double[] sparkRun(String master, List<String> inputs, Path warehouse, int batch) throws IOException {
    SparkSession active = SparkSession.getActiveSession().isDefined() ? SparkSession.active() : null;
    if (active != null) {
      active.stop();
    }
    deleteTree(warehouse);
    SparkConf conf = new SparkConf().set("spark.master", master).set("spark.ui.enabled", "false")
        .set("spark.sql.warehouse.dir", warehouse.toString())
        .set("spark.sql.catalogImplementation", "in-memory");
    SparkSession spark = JobSession.builder("radiomics-bench-scale", conf).getOrCreate();
    try {
      TableStore store = TableStore.standard(spark);
      long t0 = System.nanoTime();
      IndexSummary is = IndexJob.run(spark, store, IndexOptions.of(inputs.toArray(new String[0])));
      double index = (System.nanoTime() - t0) / 1e9;
      out.println("  " + is.line());
      long t1 = System.nanoTime();
      ExtractJob.Summary es = ExtractJob.run(spark, ExtractJob.Options.defaults().withDatabase(Tables.DATABASE)
          .withBatchSize(batch));
      double extract = (System.nanoTime() - t1) / 1e9;
      out.println("  " + es);
      return new double[] {index, extract, es.selected(), es.extracted(), es.quarantined()};
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }

  /**
   * The tasks of the first {@code max} studies of the cohort, as the index would give them to the extract job (image
   * series folder, SEG file, modality DX, no patient key: the worker reads it from the header, as the job does).
   */
  private static List<ExtractionTask> tasks(Path cohort, int max) throws IOException {
    List<ExtractionTask> out = new ArrayList<>();
    for (Path s : studyDirs(cohort)) {
      if (out.size() >= max) {
        break;
      }
      Path mask;
      try (Stream<Path> m = Files.list(s.resolve("mask"))) {
        mask = m.filter(Files::isRegularFile).findFirst().orElseThrow();
      }
      out.add(new ExtractionTask(s.getFileName().toString(), s.resolve("image").toUri().toString(),
          mask.toUri().toString(), null, null, "DX"));
    }
    return out;
  }

  /**
   * The same extraction as the job's, without Spark: the job's partition function ({@link ExtractPartition}: the
   * loader, the per-modality profile, one compact row per ROI) called in this thread over the first {@code max}
   * studies; with {@code parquet} non-null the long feature rows (the {@code features} table's columns) are also
   * written to that Parquet file (parquet-hadoop, Snappy, no Spark). Returns {studies, feature values}.
   */
  private static long[] loop(Path cohort, int max, Path parquet) throws IOException {
    List<ExtractionTask> tasks = tasks(cohort, max);
    long studies = 0;
    long values = 0;
    try (LoopParquet sink = parquet == null ? null : new LoopParquet(parquet)) {
      java.util.Iterator<Row> rows = new ExtractPartition("loop", "loop", null).call(tasks.iterator());
      while (rows.hasNext()) {
        Row roi = checkedFeatures(rows.next());
        studies++;
        Object[] types = (Object[]) roi.get(8);
        Object[] names = (Object[]) roi.get(9);
        Object[] vals = (Object[]) roi.get(10);
        Object[] reasons = (Object[]) roi.get(11);
        values += names.length;
        if (sink != null) {
          for (int i = 0; i < names.length; i++) {
            sink.write(roi.getString(0), roi.getString(1), roi.getString(2), roi.getString(3), (String) types[i],
                (String) names[i], (Double) vals[i], (String) reasons[i], roi.getString(4), roi.getString(5));
          }
        }
      }
    }
    return new long[] {studies, values};
  }

  /** The ROI features of a tagged output row; a quarantined study fails the benchmark (the cohort has none). */
  private static Row checkedFeatures(Row tagged) {
    if (!ExtractPartition.KIND_FEATURE.equals(tagged.getString(0))) {
      throw new IllegalStateException("benchmark study quarantined: " + tagged.getStruct(2));
    }
    return tagged.getStruct(1);
  }

  /**
   * JIT warm-up (untimed): passes of {@link #loop} over the first {@code studies} studies until a pass adds less
   * than 1% of its time in JIT compilation (at most {@code maxPasses}). Methods called once per study reach the
   * optimizing compiler only after thousands of calls: a single pass of 300 left their compilation (~10 s of
   * compiler CPU, measured with JFR) to the first timed run, which on 2 cores competed with its task threads.
   * Returns {passes, studies/pass, seconds, compilation ms of the last pass}.
   */
  private static double[] warmUpJit(Path cohort, int studies, int maxPasses) throws IOException {
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    long t0 = System.nanoTime();
    int pass = 0;
    long lastCompile = -1;
    while (pass < maxPasses) {
      long c0 = jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
      long tp = System.nanoTime();
      loop(cohort, studies, null);
      pass++;
      double ms = (System.nanoTime() - tp) / 1e6;
      lastCompile = jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() - c0 : -1;
      if (lastCompile >= 0 && lastCompile < 0.01 * ms) {
        break;
      }
    }
    return new double[] {pass, studies, (System.nanoTime() - t0) / 1e9, lastCompile};
  }

  /**
   * The loop's extraction on {@code threads} threads (each with its own partition function over a share of the
   * studies taken from a shared counter): what two cores give without Spark. Returns {studies, feature values}.
   */
  private static long[] loopThreads(Path cohort, int threads) throws Exception {
    List<ExtractionTask> tasks = tasks(cohort, Integer.MAX_VALUE);
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicLong values = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong studies = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          java.util.Iterator<ExtractionTask> mine = new java.util.Iterator<>() {
            private int i = next.getAndIncrement();

            @Override
            public boolean hasNext() {
              return i < tasks.size();
            }

            @Override
            public ExtractionTask next() {
              ExtractionTask x = tasks.get(i);
              i = next.getAndIncrement();
              return x;
            }
          };
          java.util.Iterator<Row> rows = new ExtractPartition("loop", "loop", null).call(mine);
          while (rows.hasNext()) {
            values.addAndGet(((Object[]) checkedFeatures(rows.next()).get(9)).length);
            studies.incrementAndGet();
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return new long[] {studies.get(), values.get()};
  }

  /** The {@code features} table's rows written by parquet-hadoop's example writer (the loop's output file). */
  private static final class LoopParquet implements AutoCloseable {
    private static final org.apache.parquet.schema.MessageType SCHEMA =
        org.apache.parquet.schema.MessageTypeParser.parseMessageType("message features {"
            + " required binary roi_id (STRING); optional binary patient_key (STRING);"
            + " required binary series_instance_uid (STRING); required binary modality (STRING);"
            + " required binary image_type (STRING); required binary feature (STRING); optional double value;"
            + " optional binary undefined_reason (STRING); required binary profile (STRING);"
            + " required binary params_hash (STRING); required binary run_id (STRING);"
            + " required binary code_version (STRING); }");
    private final org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> writer;
    private final org.apache.parquet.example.data.simple.SimpleGroupFactory groups =
        new org.apache.parquet.example.data.simple.SimpleGroupFactory(SCHEMA);

    LoopParquet(Path file) throws IOException {
      writer = org.apache.parquet.hadoop.example.ExampleParquetWriter
          .builder(new org.apache.hadoop.fs.Path(file.toUri()))
          .withType(SCHEMA)
          .withCompressionCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY)
          .withConf(new org.apache.hadoop.conf.Configuration())
          .build();
    }

    void write(String roi, String patient, String series, String modality, String imageType, String feature,
        Double value, String reason, String profile, String hash) throws IOException {
      org.apache.parquet.example.data.Group g = groups.newGroup().append("roi_id", roi);
      if (patient != null) {
        g.append("patient_key", patient);
      }
      g.append("series_instance_uid", series).append("modality", modality).append("image_type", imageType)
          .append("feature", feature);
      if (value != null) {
        g.append("value", value);
      }
      if (reason != null) {
        g.append("undefined_reason", reason);
      }
      g.append("profile", profile).append("params_hash", hash).append("run_id", "loop").append("code_version",
          "loop");
      writer.write(g);
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      List<Path> all = new ArrayList<>(s.toList());
      java.util.Collections.reverse(all);
      for (Path x : all) {
        Files.delete(x);
      }
    }
  }
}
