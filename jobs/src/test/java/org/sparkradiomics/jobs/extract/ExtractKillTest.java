package org.sparkradiomics.jobs.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.jobs.RadiomicsCli;
import org.sparkradiomics.jobs.spark.JobsTestSpark;

/**
 * Crash safety end to end: {@code radiomics extract} in a child JVM is killed ({@code destroyForcibly}, i.e.
 * SIGKILL) after its first committed batch and before its end, then re-run in a new child JVM to completion; the
 * features table must hold exactly one row per expected (ROI, image type, feature), none missing.
 */
class ExtractKillTest {
  private static final int STUDIES = 6;

  @TempDir Path tmp;

  /** The child JVM command: same classpath and Spark module flags as this test JVM, own warehouse. */
  private List<String> command(Path warehouse, String roisPath) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx768m");
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // the --add-opens flags of the pom property spark.java17.opens, passed to surefire's argLine
      if (a.startsWith("--add-opens") || a.startsWith("--add-modules") || a.equals("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.add("-Dspark.master=local[2]");
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("-Dspark.sql.shuffle.partitions=2");
    cmd.add("-Dspark.sql.warehouse.dir=" + warehouse);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(RadiomicsCli.class.getName());
    cmd.addAll(List.of("extract", "--database", "killdb", "--rois", "delta.`" + roisPath + "`", "--batch-size", "1"));
    return cmd;
  }

  private Process start(List<String> cmd, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("RADIOMICS_WAREHOUSE");
    return pb.start();
  }

  private static long committedVersions(Path deltaLog) throws Exception {
    if (!Files.isDirectory(deltaLog)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(deltaLog)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).count();
    }
  }

  @Test
  void killedRunReRunEndsWithExactlyOneRowPerExpectedFeature() throws Exception {
    SparkSession spark = JobsTestSpark.get();
    CohortConfig c = Fixtures.config(tmp.resolve("cohort"), STUDIES, 23);
    Fixtures.write(c, 0, STUDIES);
    List<Path> dirs = CohortRois.studies(c.out());
    String roisPath = tmp.resolve("rois-delta").toString();
    Fixtures.rois(spark, dirs).write().format("delta").save(roisPath);
    List<Row> rois = spark.read().format("delta").load(roisPath).collectAsList();
    assertEquals(STUDIES, rois.size());

    Path warehouse = tmp.resolve("child-warehouse");
    Path features = warehouse.resolve("killdb.db").resolve("features");
    Path log1 = tmp.resolve("child1.log");
    Process p = start(command(warehouse, roisPath), log1);
    // version 0 is the CREATE TABLE, version 1 the first batch's append
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(400);
    while (committedVersions(features.resolve("_delta_log")) < 2 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    boolean aliveAtKill = p.isAlive();
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String out1 = Files.readString(log1, StandardCharsets.UTF_8);
    assertTrue(aliveAtKill, "the child ended before the kill:\n" + out1);
    assertTrue(committedVersions(features.resolve("_delta_log")) >= 2, "no batch committed:\n" + out1);
    long roisAtKill = spark.read().format("delta").load(features.toString()).select("roi_id").distinct().count();
    assertTrue(roisAtKill >= 1 && roisAtKill < STUDIES, roisAtKill + " ROIs committed at the kill");

    Path log2 = tmp.resolve("child2.log");
    Process p2 = start(command(warehouse, roisPath), log2);
    assertTrue(p2.waitFor(400, TimeUnit.SECONDS), "re-run did not finish");
    String out2 = Files.readString(log2, StandardCharsets.UTF_8);
    assertEquals(0, p2.exitValue(), out2);
    assertTrue(out2.contains((STUDIES - roisAtKill) + " ROIs selected"), out2);

    Dataset<Row> f = spark.read().format("delta").load(features.toString());
    assertEquals(0, f.groupBy("roi_id", "params_hash", "image_type", "feature").count().where("count > 1").count(),
        "duplicates after kill + re-run");
    Map<String, Long> perRoi = new HashMap<>();
    for (Row r : f.groupBy("roi_id").count().collectAsList()) {
      perRoi.put(r.getString(0), r.getLong(1));
    }
    long expectedTotal = 0;
    for (Row roi : rois) {
      Map<String, Double> expected = Fixtures.expected(roi.getAs("image_uri"), roi.getAs("mask_uri"),
          roi.getAs("modality"));
      expectedTotal += expected.size();
      String id = roi.getAs("roi_id");
      assertEquals((long) expected.size(), perRoi.getOrDefault(id, 0L), id + ": rows missing or extra");
      List<String> got = f.where("roi_id = '" + id + "'").select("image_type", "feature").collectAsList().stream()
          .map(r -> r.getString(0) + "/" + r.getString(1)).sorted().collect(Collectors.toList());
      assertEquals(expected.keySet().stream().sorted().collect(Collectors.toList()), got, id);
    }
    assertEquals(expectedTotal, f.count());

    // the wide tables: whatever the kill left (a features commit without its wide append, or none), the re-run ends
    // with one row per ROI of each params hash
    for (Row h : f.groupBy("params_hash").agg(org.apache.spark.sql.functions.countDistinct("roi_id"))
        .collectAsList()) {
      Dataset<Row> wide = spark.read().format("delta").load(warehouse.resolve("killdb.db")
          .resolve(ExtractJob.wideTableName(h.getString(0))).toString());
      assertEquals(h.getLong(1), wide.count(), "wide rows of " + h.getString(0));
      assertEquals(h.getLong(1), wide.select("roi_id").distinct().count(), "wide ROIs of " + h.getString(0));
    }

    // extraction_runs: the killed run's start row (never completed) and the re-run's final row
    List<Row> runs = spark.read().format("delta").load(warehouse.resolve("killdb.db").resolve("extraction_runs")
        .toString()).orderBy("started_at").collectAsList();
    assertEquals(2, runs.size());
    assertEquals(Boolean.FALSE, runs.get(0).getAs("completed"));
    assertEquals(Boolean.TRUE, runs.get(1).getAs("completed"));
    assertEquals(STUDIES - roisAtKill, (long) runs.get(1).getAs("rois_selected"));
  }
}
