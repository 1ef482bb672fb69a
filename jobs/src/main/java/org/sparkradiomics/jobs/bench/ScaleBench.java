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
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.CohortGenerator;
import org.sparkradiomics.cohort.Modality;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.features.Presets;
import org.sparkradiomics.features.profile.IbsiProfile;
import org.sparkradiomics.features.profile.ProfileResult;
import org.sparkradiomics.io.RoiLoader;
import org.sparkradiomics.jobs.Args;
import org.sparkradiomics.jobs.Command;
import org.sparkradiomics.jobs.extract.ExtractJob;
import org.sparkradiomics.jobs.index.IndexJob;
import org.sparkradiomics.jobs.index.IndexOptions;
import org.sparkradiomics.jobs.index.IndexSummary;
import org.sparkradiomics.jobs.spark.JobSession;
import org.sparkradiomics.jobs.spark.TableStore;
import org.sparkradiomics.schemas.Tables;

/**
 * {@code radiomics bench scale [--studies 7906] [--dir DIR] [--masters local[2],local[1]|none] [--no-loop]
 * [--batch-size N]}: the cohort-scale benchmark of the Spark jobs.
 * <ol>
 *   <li>Generates a DXA-like cohort of {@code --studies} DX studies (image + SEG) under {@code DIR/cohort} (kept and
 *       reused when it is already complete).
 *   <li>For each master: a fresh session (in-memory catalog, a fresh warehouse under {@code DIR}), {@code index}, then
 *       {@code extract} of the original image with every IBSI family (DX preset); wall time of each.
 *   <li>The same extraction as a plain loop in this JVM, single thread, no Spark (loader + profile per study): the
 *       baseline for the Spark overhead ({@code local[1]} extract vs loop); then the loop again writing the long
 *       feature rows to one Parquet file with parquet-hadoop (the loop that produces a table, as the job does).
 * </ol>
 * Before the timed runs every cohort file is read once (page cache), 300 studies are extracted by the loop and then
 * indexed + extracted by Spark on the first master in a throw-away warehouse (JIT, class loading, generated code),
 * untimed, so the run order favours none.
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
        + "[--batch-size N (0: auto)] "
        + "[--seed S]";
  }

  @Override
  public int run(String[] argv) throws Exception {
    Args a = new Args(argv, Set.of("studies", "dir", "masters", "batch-size", "seed"), Set.of("no-loop"));
    int studies = a.getInt("studies", 7906);
    Path dir = Paths.get(a.get("dir", "bench-scale")).toAbsolutePath();
    String masterList = a.get("masters", "local[2],local[1]");
    List<String> masters = masterList.equals("none") ? List.of() : List.of(masterList.split(","));
    int batch = a.getInt("batch-size", ExtractJob.AUTO_BATCH);
    long seed = a.getLong("seed", 20261129L);
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
    long tw = System.nanoTime();
    loop(cohort, warm, null);
    out.printf(Locale.ROOT, "warm-up: %d studies extracted untimed in %.1f s%n", warm, (System.nanoTime() - tw) / 1e9);

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

    Map<String, double[]> runs = new LinkedHashMap<>();
    for (String master : masters) {
      double[] r = sparkRun(master, List.of(cohort.toUri().toString()),
          dir.resolve("warehouse-" + master.replaceAll("[^A-Za-z0-9]", "_")), batch);
      runs.put(master, r);
      out.printf(Locale.ROOT, "%-9s index %.1f s, extract %.1f s (%d ROIs, %d extracted, %d quarantined), "
          + "total %.1f s, %.1f studies/s%n", master, r[0], r[1], (long) r[2], (long) r[3], (long) r[4],
          r[0] + r[1], r[3] / (r[0] + r[1]));
    }
    double loop = Double.NaN;
    double loopWrite = Double.NaN;
    if (!a.flag("no-loop")) {
      long t0 = System.nanoTime();
      long[] n = loop(cohort, Integer.MAX_VALUE, null);
      loop = (System.nanoTime() - t0) / 1e9;
      out.printf(Locale.ROOT, "loop      extract %.1f s (%d studies, %d feature values), single thread, no Spark%n",
          loop, n[0], n[1]);
      Path parquet = dir.resolve("loop-features.parquet");
      Files.deleteIfExists(parquet);
      long t1 = System.nanoTime();
      long[] m = loop(cohort, Integer.MAX_VALUE, parquet);
      loopWrite = (System.nanoTime() - t1) / 1e9;
      out.printf(Locale.ROOT, "loop+file extract %.1f s (%d studies, %d rows of the features table written to one "
          + "Parquet file, %d bytes, by parquet-hadoop), single thread, no Spark%n", loopWrite, m[0], m[1],
          Files.size(parquet));
    }
    double loop2 = Double.NaN;
    if (!a.flag("no-loop")) {
      long t2 = System.nanoTime();
      long[] n2 = loopThreads(cohort, 2);
      loop2 = (System.nanoTime() - t2) / 1e9;
      out.printf(Locale.ROOT, "loop x2   extract %.1f s (%d studies, %d feature values), 2 threads, no Spark: this "
          + "machine's ceiling for scaling T(loop) / (2 T(loop x2)) = %.3f%n", loop2, n2[0], n2[1], loop / (2 * loop2));
    }
    double[] one = runs.get("local[1]");
    double[] two = runs.get("local[2]");
    if (one != null && !Double.isNaN(loop)) {
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
   * The same extraction, one study after the other in this thread, over the first {@code max} studies; with
   * {@code parquet} non-null the long feature rows (the {@code features} table's columns) are also written to that
   * Parquet file (parquet-hadoop, Snappy, no Spark). Returns {studies, feature values}.
   */
  private static long[] loop(Path cohort, int max, Path parquet) throws IOException {
    RoiLoader loader = new RoiLoader(new DicomReader());
    IbsiProfile profile = new IbsiProfile(Presets.forModality("DX"));
    String hash = profile.paramsHash();
    long studies = 0;
    long values = 0;
    try (LoopParquet sink = parquet == null ? null : new LoopParquet(parquet)) {
      for (Path s : studyDirs(cohort)) {
        if (studies >= max) {
          break;
        }
        Path mask;
        try (Stream<Path> m = Files.list(s.resolve("mask"))) {
          mask = m.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        RoiLoader.Loaded l = loader.load(s.resolve("image"), mask, null);
        ProfileResult r = profile.extract(l.image(), l.mask());
        studies++;
        values += r.size();
        if (sink != null) {
          String series = l.series().seriesInstanceUid();
          String patient = l.firstInstance().pseudonymousPatientId();
          for (Map.Entry<String, org.sparkradiomics.features.FeatureVector> it : r.byImageType().entrySet()) {
            org.sparkradiomics.features.FeatureVector fv = it.getValue();
            for (Map.Entry<String, Double> e : fv.values().entrySet()) {
              sink.write(s.getFileName().toString(), patient, series, "DX", it.getKey(), e.getKey(), e.getValue(),
                  e.getValue() == null ? fv.undefinedReason(e.getKey()) : null, profile.name(), hash);
            }
          }
        }
      }
    }
    return new long[] {studies, values};
  }

  /**
   * The loop's extraction on {@code threads} threads (each with its own loader and profile, taking the next study
   * from a shared counter): what two cores give without Spark. Returns {studies, feature values}.
   */
  private static long[] loopThreads(Path cohort, int threads) throws Exception {
    List<Path> dirs = studyDirs(cohort);
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicLong values = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          RoiLoader loader = new RoiLoader(new DicomReader());
          IbsiProfile profile = new IbsiProfile(Presets.forModality("DX"));
          for (int i; (i = next.getAndIncrement()) < dirs.size();) {
            Path s = dirs.get(i);
            Path mask;
            try (Stream<Path> m = Files.list(s.resolve("mask"))) {
              mask = m.filter(Files::isRegularFile).findFirst().orElseThrow();
            }
            RoiLoader.Loaded l = loader.load(s.resolve("image"), mask, null);
            values.addAndGet(profile.extract(l.image(), l.mask()).size());
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
    return new long[] {dirs.size(), values.get()};
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
