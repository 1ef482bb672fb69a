package org.sparkradiomics.jobs.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.cohort.CohortGenerator;
import org.sparkradiomics.cohort.GenerativeRule;
import org.sparkradiomics.dicom.Pseudonymizer;
import org.sparkradiomics.jobs.spark.JobsTestSpark;
import org.sparkradiomics.jobs.extract.ExtractJob;
import org.sparkradiomics.jobs.index.IndexJob;
import org.sparkradiomics.jobs.index.IndexOptions;
import org.sparkradiomics.jobs.index.IndexSummary;
import org.sparkradiomics.jobs.spark.TableStore;
import org.sparkradiomics.schemas.Tables;
import org.sparkradiomics.spark.ExtractPartition;
import org.sparkradiomics.spark.ExtractionTask;
import org.sparkradiomics.spark.HadoopFiles;

/**
 * The S3 round trip of issue 5 against a real S3 server on 127.0.0.1 ({@link S3ProxyServer}: S3Proxy in a child JVM,
 * filesystem backend, AWS signature checking on, credentials generated for the run and given to S3A only through
 * the Hadoop configuration of the shared test session).
 *
 * <p>A generated cohort (4 mixed studies: CT, DX, MR, US, shrink 8) is uploaded to {@code s3a://BUCKET/export/}
 * through Hadoop's FileSystem API; then: listing and staging over s3a return the exact bytes (SHA-256), on the
 * driver and on executors; extraction on executors over inputs staged from s3a gives exactly the feature rows of
 * the same extraction on the local copy; the feature and quarantine tables are written as Delta tables in a
 * database whose LOCATION is on s3a (twice: idempotent) and read back; a Parquet table on s3a is written through
 * the S3A magic committer; and no log line (Spark, Hadoop S3A and the AWS SDK at DEBUG, ours), no
 * {@code toString} and not the server's own log contains the secret key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3RoundTripTest {
  private static final long SEED = 11;
  private static final int STUDIES = 4;

  private LogCapture logs;
  private S3ProxyServer server;
  private String bucket;
  private Path tmp;
  private Path cohort;
  private SparkSession spark;

  @BeforeAll
  void startServerAndUploadCohort() throws Exception {
    spark = JobsTestSpark.get();
    logs = new LogCapture();
    // a bucket name of its own per run: Hadoop caches one S3AFileSystem per bucket for the JVM
    bucket = "radiomics-" + Long.toHexString(System.nanoTime()).toLowerCase(Locale.ROOT);
    server = S3ProxyServer.start(bucket);
    server.configureS3a(spark.sparkContext().hadoopConfiguration());
    tmp = Files.createTempDirectory("radiomics-s3-test");
    cohort = tmp.resolve("cohort");
    CohortConfig c = new CohortConfig(cohort, STUDIES, null, SEED, 1.0, GenerativeRule.DEFAULT, 1, 8,
        new Pseudonymizer("s3-test-key".getBytes(StandardCharsets.UTF_8)));
    CohortGenerator.generate(c);
    FileSystem fs = fileSystem();
    for (Path f : localFiles(cohort)) {
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(f.toUri()),
          new org.apache.hadoop.fs.Path(s3a("export/" + rel(cohort, f))));
    }
  }

  @AfterAll
  void stopServer() throws Exception {
    try {
      if (spark != null) {
        spark.sql("DROP DATABASE IF EXISTS " + db() + " CASCADE");
        spark.conf().unset("spark.sql.sources.commitProtocolClass");
        spark.conf().unset("spark.sql.parquet.output.committer.class");
      }
    } finally {
      try {
        if (server != null) {
          fileSystem().close(); // drop the cached S3AFileSystem of this bucket before its server goes
          server.unconfigureS3a(spark.sparkContext().hadoopConfiguration());
          server.close();
        }
      } finally {
        if (logs != null) {
          logs.close();
        }
        S3ProxyServer.deleteTree(tmp);
      }
    }
  }

  private String s3a(String path) {
    return "s3a://" + bucket + "/" + path;
  }

  private String db() {
    return "s3_" + bucket.replace('-', '_');
  }

  private FileSystem fileSystem() throws IOException {
    return new org.apache.hadoop.fs.Path(s3a("")).getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  private static List<Path> localFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  private static String rel(Path root, Path f) {
    return root.relativize(f).toString().replace('\\', '/');
  }

  static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return sha256(in);
    }
  }

  @Test
  @Order(1)
  void listingAndStagingOverS3aReturnTheExactBytesOnDriverAndExecutors() throws Exception {
    Map<String, String> local = new TreeMap<>();
    Map<String, Long> localSize = new TreeMap<>();
    for (Path f : localFiles(cohort)) {
      local.put(rel(cohort, f), sha256(f));
      localSize.put(rel(cohort, f), Files.size(f));
    }
    // 4 studies: image slices + one mask file each, plus clinical.csv, truth.csv, truth-rule.properties
    assertTrue(local.size() >= STUDIES * 2 + 3, "generated files: " + local.keySet());

    HadoopFiles files = HadoopFiles.fromSession(spark);
    String root = s3a("export");
    List<HadoopFiles.FileEntry> listed = files.list(root);
    Map<String, Long> remoteSize = new TreeMap<>();
    for (HadoopFiles.FileEntry e : listed) {
      assertTrue(e.uri().startsWith(root + "/"), e.uri());
      remoteSize.put(e.uri().substring(root.length() + 1), e.size());
    }
    assertEquals(localSize, remoteSize, "s3a listing = local files, with their sizes");

    // driver: stage every file, and one study folder with its layout
    for (HadoopFiles.FileEntry e : listed) {
      try (HadoopFiles.Staged st = files.stage(e.uri())) {
        assertTrue(st.copied(), "remote input is copied");
        assertEquals(local.get(e.uri().substring(root.length() + 1)), sha256(st.path()), e.uri());
      }
    }
    Path stagedDir;
    try (HadoopFiles.Staged st = files.stage(s3a("export/S000001"))) {
      stagedDir = st.path();
      Map<String, String> staged = new TreeMap<>();
      for (Path f : localFiles(st.path())) {
        staged.put("S000001/" + rel(st.path(), f), sha256(f));
      }
      Map<String, String> expected = new TreeMap<>(local);
      expected.keySet().removeIf(k -> !k.startsWith("S000001/"));
      assertEquals(expected, staged, "staged study folder keeps layout and bytes");
    }
    assertFalse(Files.exists(stagedDir), "closing the staged copy deletes it");

    // executors: the HadoopFiles snapshot travels in the task; each file is staged and hashed there
    List<String> uris = listed.stream().map(HadoopFiles.FileEntry::uri).collect(Collectors.toList());
    JavaRDD<String> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(uris, 2);
    List<String> hashed = rdd.mapPartitions(new StageAndHash(files)).collect();
    Map<String, String> onExecutors = new TreeMap<>();
    for (String line : hashed) {
      String[] kv = line.split(" ", 2);
      onExecutors.put(kv[0].substring(root.length() + 1), kv[1]);
    }
    assertEquals(local, onExecutors, "bytes staged on executors are the uploaded bytes");
  }

  /** Executor side: stage each URI of the partition, hash it, delete the copy. Captures only the snapshot. */
  static final class StageAndHash implements FlatMapFunction<Iterator<String>, String> {
    private static final long serialVersionUID = 1L;
    private final HadoopFiles files;

    StageAndHash(HadoopFiles files) {
      this.files = files;
    }

    @Override
    public Iterator<String> call(Iterator<String> uris) throws IOException {
      List<String> out = new ArrayList<>();
      while (uris.hasNext()) {
        String u = uris.next();
        try (HadoopFiles.Staged st = files.stage(u)) {
          out.add(u + " " + sha256(st.path()));
        }
      }
      return out.iterator();
    }
  }

  private List<ExtractionTask> tasks(String base) {
    List<ExtractionTask> tasks = new ArrayList<>();
    for (int i = 1; i <= STUDIES; i++) {
      String study = String.format(Locale.ROOT, "S%06d", i);
      tasks.add(new ExtractionTask("roi-" + study, base + "/" + study + "/image", base + "/" + study + "/mask",
          null, null, null));
    }
    return tasks;
  }

  private static List<String> featureKeys(Dataset<Row> features) {
    return features.select("roi_id", "image_type", "feature", "value", "undefined_reason", "modality",
            "series_instance_uid", "patient_key", "params_hash").collectAsList().stream()
        .map(Row::toString).sorted().collect(Collectors.toList());
  }

  @Test
  @Order(2)
  void extractionFromS3aEqualsLocalAndDeltaTablesOnS3aAreIdempotent() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ExtractPartition fn = new ExtractPartition("run-s3", "test", null);
    // reference: the same extraction on the local cohort
    ExtractPartition.Output localOut = ExtractPartition.run(spark, jsc.parallelize(tasks(cohort.toString()), 2),
        fn);
    List<String> expected = featureKeys(localOut.features());
    assertEquals(0, localOut.quarantine().count());

    List<ExtractionTask> remote = new ArrayList<>(tasks(s3a("export")));
    // one broken input: study 1's CT series with study 3's SEG (another frame of reference)
    remote.add(new ExtractionTask("roi-broken", s3a("export/S000001/image"), s3a("export/S000003/mask"), null,
        null, null));
    // ExtractPartition stages s3a inputs on the executors itself (HadoopFiles snapshot of the session)
    ExtractPartition.Output out = ExtractPartition.run(spark, jsc.parallelize(remote, 2),
        new ExtractPartition("run-s3", "test", null, HadoopFiles.fromSession(spark), null));
    List<String> got = featureKeys(out.features());
    assertEquals(expected, got, "features of s3a inputs = features of the local copy, row for row");
    long rois = out.features().select("roi_id").distinct().count();
    assertEquals(STUDIES, rois, "one feature set per good study");
    List<Row> q = out.quarantine().collectAsList();
    assertEquals(1, q.size(), "the mismatched mask is quarantined: " + q);
    Row broken = q.get(0);
    String message = broken.getString(broken.fieldIndex("message"));
    assertEquals("roi-broken", broken.getString(broken.fieldIndex("roi_id")), message);
    assertEquals("mask", broken.getString(broken.fieldIndex("stage")), message);
    assertEquals("MASK_GRID_MISMATCH", broken.getString(broken.fieldIndex("reason")), message);

    // tables in a database whose LOCATION is on s3a
    String location = s3a("warehouse/" + db() + ".db");
    spark.sql("CREATE DATABASE IF NOT EXISTS " + db() + " LOCATION '" + location + "'");
    TableStore store = new TableStore(spark, db(), TableStore.DELTA);
    TableStore.CommitInfo info = new TableStore.CommitInfo("run-s3", "mixed", "test", "extract");
    List<String> featureKey = List.of("roi_id", "image_type", "feature", "params_hash");
    List<String> quarantineKey = List.of("roi_id", "stage");
    for (int pass = 0; pass < 2; pass++) {
      store.insertNew(Tables.FEATURES, out.features(), featureKey, info);
      store.insertNew(Tables.QUARANTINE, out.quarantine(), quarantineKey, info);
      assertEquals(expected.size(), store.read(Tables.FEATURES).count(), "pass " + pass + ": no duplicates");
      assertEquals(1, store.read(Tables.QUARANTINE).count(), "pass " + pass);
    }
    assertEquals(expected, featureKeys(store.read(Tables.FEATURES)), "features read back from s3a");
    String tableLocation = spark.sql("DESCRIBE DETAIL " + store.qualified(Tables.FEATURES)).first()
        .getAs("location");
    assertTrue(tableLocation.startsWith(location + "/"), tableLocation);
    HadoopFiles files = HadoopFiles.fromSession(spark);
    assertTrue(files.exists(tableLocation + "/_delta_log/00000000000000000000.json"), "Delta log on s3a");
    List<String> history = spark.sql("DESCRIBE HISTORY " + store.qualified(Tables.FEATURES))
        .where("operation = 'MERGE'").select("userMetadata").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    assertFalse(history.isEmpty());
    for (String h : history) {
      assertEquals(info.json(), h);
    }
    // the bytes are in the S3 server's backend, not somewhere local
    Path backendTable = server.dataDir().resolve(bucket).resolve("warehouse").resolve(db() + ".db")
        .resolve("features");
    assertTrue(Files.isDirectory(backendTable), "backend folder " + backendTable);
    long parquetFiles = files.list(tableLocation).stream().filter(e -> e.uri().endsWith(".parquet")).count();
    assertTrue(parquetFiles > 0, "data files listed over s3a under " + tableLocation);
    store.generateManifest(Tables.FEATURES);
    assertTrue(files.exists(tableLocation + "/_symlink_format_manifest"), "symlink manifest on s3a");
  }

  @Test
  @Order(3)
  void parquetOnS3aIsCommittedByTheMagicCommitter() throws Exception {
    Configuration hc = spark.sparkContext().hadoopConfiguration();
    // Not per bucket: S3ACommitterFactory reads fs.s3a.committer.name from the job's configuration (and from the
    // file system's, which was created before this test with the per-bucket options of that time).
    Map<String, String> saved = new TreeMap<>();
    for (String k : List.of("fs.s3a.committer.name", "fs.s3a.committer.magic.enabled")) {
      saved.put(k, hc.get(k));
    }
    hc.set("fs.s3a.committer.name", "magic");
    hc.set("fs.s3a.committer.magic.enabled", "true");
    String factoryKey = "mapreduce.outputcommitter.factory.scheme.s3a";
    String factory = hc.get(factoryKey);
    hc.set(factoryKey, "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory");
    spark.conf().set("spark.sql.sources.commitProtocolClass",
        "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol");
    spark.conf().set("spark.sql.parquet.output.committer.class",
        "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");
    try {
      List<Row> rows = new ArrayList<>();
      java.sql.Timestamp t = new java.sql.Timestamp(0);
      for (String u : List.of("a", "b", "c")) {
        rows.add(org.apache.spark.sql.RowFactory.create(s3a("x/" + u), null, null, "read", "UNREADABLE_FILE",
            "m " + u, "run-magic", t, null));
      }
      Dataset<Row> df = spark.createDataFrame(rows, Tables.QUARANTINE.schema());
      String loc = s3a("warehouse/parquet-magic/quarantine");
      df.write().format("parquet").partitionBy("stage").mode("overwrite").save(loc);
      // read with the table schema: schema inference would run a footer-reading job whose StructType results
      // are not Kryo-registered (registrationRequired=true in these tests)
      List<String> back = spark.read().schema(Tables.QUARANTINE.schema()).parquet(loc).select("source_uri", "message", "stage").collectAsList()
          .stream().map(Row::toString).sorted().collect(Collectors.toList());
      assertEquals(List.of("[" + s3a("x/a") + ",m a,read]", "[" + s3a("x/b") + ",m b,read]",
          "[" + s3a("x/c") + ",m c,read]"), back, "Parquet written through the magic committer reads back");
      // An S3A committer writes _SUCCESS as a JSON manifest naming itself (the classic committer: 0 bytes).
      FileSystem fs = fileSystem();
      String success;
      try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(loc + "/_SUCCESS"))) {
        success = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      JsonNode json = new ObjectMapper().readTree(success);
      assertEquals("magic", json.path("committer").asText(), "_SUCCESS: " + success);
      for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(new org.apache.hadoop.fs.Path(loc))) {
        assertFalse(st.getPath().getName().startsWith("__magic"), "magic committer left " + st.getPath());
      }
    } finally {
      spark.conf().unset("spark.sql.sources.commitProtocolClass");
      spark.conf().unset("spark.sql.parquet.output.committer.class");
      for (Map.Entry<String, String> e : saved.entrySet()) {
        if (e.getValue() != null) {
          hc.set(e.getKey(), e.getValue());
        } else {
          hc.unset(e.getKey());
        }
      }
      if (factory != null) {
        hc.set(factoryKey, factory);
      } else {
        hc.unset(factoryKey);
      }
    }
  }

  @Test
  @Order(4)
  void theSecretKeyNeverAppearsInLogsOrStrings() throws Exception {
    String secret = server.secretKeyForLeakChecks();
    assertEquals(40, secret.length());
    List<String> lines = logs.lines();
    assertTrue(lines.stream().anyMatch(l -> l.contains("org.apache.hadoop.fs.s3a")
            || l.contains("software.amazon.awssdk")),
        "the capture saw S3A / AWS SDK log lines (" + lines.size() + " lines), so the check below is not vacuous");
    for (String l : lines) {
      assertFalse(l.contains(secret), "a log line holds the secret key");
    }
    assertFalse(HadoopFiles.fromSession(spark).toString().contains(secret));
    assertFalse(server.toString().contains(secret));
    assertFalse(server.logText().contains(secret), "S3Proxy's own log");
    assertNull(spark.sparkContext().getConf().getOption("spark.hadoop.fs.s3a.secret.key").getOrElse(() -> null),
        "the secret is in the Hadoop configuration only, not in the Spark conf");
    assertFalse(spark.sparkContext().getConf().toDebugString().contains(secret));
  }

  private static List<String> valuesBySeries(Dataset<Row> features) {
    return features.select("series_instance_uid", "image_type", "feature", "value", "params_hash").collectAsList()
        .stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  /**
   * The round trip: the generated cohort read from s3a by the index and extract jobs, every table in a
   * database on s3a; the values equal the extraction of the local copy; a second index + extract adds nothing.
   */
  @Test
  @Order(5)
  void indexAndExtractJobsReadS3aAndWriteTheirTablesToS3a() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> expected = valuesBySeries(ExtractPartition.run(spark,
        jsc.parallelize(tasks(cohort.toString()), 2), new ExtractPartition("run-local", "test", null)).features());
    String jobsDb = db() + "_jobs";
    String location = s3a("warehouse/" + jobsDb + ".db");
    spark.sql("CREATE DATABASE IF NOT EXISTS " + jobsDb + " LOCATION '" + location + "'");
    TableStore store = new TableStore(spark, jobsDb, TableStore.DELTA);
    IndexSummary first = IndexJob.run(spark, store, IndexOptions.of(s3a("export")).withExportId("s3-export-1"));
    assertEquals(STUDIES, first.roisNew(), first.line());
    ExtractJob.Summary ex = ExtractJob.run(spark, ExtractJob.Options.defaults().withDatabase(jobsDb)
        .withProgress(false));
    assertEquals(STUDIES, ex.extracted(), ex.toString());
    assertEquals(0, ex.quarantined(), ex.toString());
    assertEquals(expected, valuesBySeries(store.read(Tables.FEATURES)),
        "the jobs over s3a give the values of the local extraction");
    String featuresLocation = spark.sql("DESCRIBE DETAIL " + store.qualified(Tables.FEATURES)).first()
        .getAs("location");
    assertTrue(featuresLocation.startsWith(location + "/"), featuresLocation);
    long rows = store.read(Tables.FEATURES).count();
    long instances = store.read(Tables.DICOM_INSTANCES).count();
    IndexSummary again = IndexJob.run(spark, store, IndexOptions.of(s3a("export")).withExportId("s3-export-1"));
    assertEquals(0, again.instancesNew() + again.seriesNew() + again.roisNew() + again.quarantinedNew(),
        again.line());
    ExtractJob.Summary ex2 = ExtractJob.run(spark, ExtractJob.Options.defaults().withDatabase(jobsDb)
        .withProgress(false));
    assertEquals(0, ex2.selected(), ex2.toString());
    assertEquals(rows, store.read(Tables.FEATURES).count());
    assertEquals(instances, store.read(Tables.DICOM_INSTANCES).count());
    spark.sql("DROP DATABASE IF EXISTS " + jobsDb + " CASCADE");
  }
}
