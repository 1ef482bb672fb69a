package org.sparkradiomics.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.cohort.CohortConfig;
import org.sparkradiomics.jobs.index.IndexJobTest;
import org.sparkradiomics.jobs.spark.JobsTestSpark;

class DemoCommandTest {
  @Test
  void generatesIndexesExtractsAndQueriesEveryStudy(@TempDir Path tmp) throws Exception {
    SparkSession spark = JobsTestSpark.get(); // the demo's JobSession.get() reuses the shared test session
    spark.sql("DROP DATABASE IF EXISTS demo_test CASCADE");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = new DemoCommand(new PrintStream(buf, true, StandardCharsets.UTF_8))
        .run(new String[] {"--out", tmp.resolve("demo").toString(), "--studies", "4", "--seed", "7",
            "--database", "demo_test"});
    String log = buf.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, log);
    // one ROI per modality of the MIXED cohort, each with its full feature set, nothing quarantined
    List<Row> rows = spark.sql("SELECT modality, count(DISTINCT roi_id), count(*), count(value) FROM "
        + "demo_test.features GROUP BY 1 ORDER BY 1").collectAsList();
    assertEquals(List.of("CT", "DX", "MR", "US"), rows.stream().map(r -> r.getString(0)).toList(), log);
    for (Row r : rows) {
      assertEquals(1L, r.getLong(1));
      assertTrue(r.getLong(2) > 100, r.toString());
      assertTrue(r.getLong(3) > 0 && r.getLong(3) <= r.getLong(2), r.toString());
      // the printed SQL result holds the same line
      assertTrue(log.contains(String.format("%-8s %6d %13d %15d", r.getString(0), r.getLong(1), r.getLong(2),
          r.getLong(3))), log);
    }
    // the index job quarantines the cohort's own non-DICOM sidecar files (clinical.csv, truth.csv,
    // truth-rule.properties) with a typed reason; nothing else is quarantined
    List<Row> q = spark.sql("SELECT stage, reason, source_uri FROM demo_test.quarantine").collectAsList();
    for (Row r : q) {
      assertEquals("index", r.getString(0), r.toString());
      assertEquals("UNREADABLE_FILE", r.getString(1), r.toString());
      assertTrue(r.getString(2).endsWith(".csv") || r.getString(2).endsWith(".properties"), r.toString());
    }
    assertEquals(3, q.size(), q.toString());
    assertTrue(log.contains("4 ROIs selected, 4 extracted, 0 quarantined"), log);
    assertEquals(4, spark.table("demo_test.rois").count());
    // No PHI after index + extract: the generator plants PatientName, PatientBirthDate and the raw PatientID in
    // every header; none may appear in any string column of any table (features and wide tables included).
    CohortConfig demoCohort = CohortConfig.of(tmp.resolve("demo"), 4, null, 7).withShrink(2);
    IndexJobTest.assertNoPhi(spark, "demo_test", IndexJobTest.plantedPhi(demoCohort));

    // every statement of the analysts' notebook runs on these tables and returns rows
    String notebook = Files.readString(notebookPath()).replaceAll("(?m)--.*$", "");
    int statements = 0;
    for (String stmt : notebook.split(";\\s*(\\n|$)")) {
      String sql = stmt.trim();
      if (sql.isEmpty()) {
        continue;
      }
      if (sql.equals("USE radiomics")) {
        sql = "USE demo_test";
      }
      List<Row> result = spark.sql(sql).collectAsList();
      // (undefined values may legitimately be absent)
      if (!sql.startsWith("USE") && !sql.contains("value IS NULL")) {
        assertTrue(!result.isEmpty(), "notebook statement returned no rows: " + sql);
      }
      statements++;
    }
    assertEquals(9, statements);
    spark.sql("USE default");
  }

  /** notebooks/feature-tables.sql from the module or repository root. */
  private static Path notebookPath() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path n = p.resolve("notebooks/feature-tables.sql");
      if (Files.exists(n)) {
        return n;
      }
    }
    throw new IllegalStateException("notebooks/feature-tables.sql not found above " + Paths.get("").toAbsolutePath());
  }
}
