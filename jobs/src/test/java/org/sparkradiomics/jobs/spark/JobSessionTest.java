package org.sparkradiomics.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class JobSessionTest {
  @Test
  void deltaTableInTheHiveCatalogWithAMergeAndCommitMetadata() {
    SparkSession spark = JobsTestSpark.get();
    assertEquals("hive", spark.conf().get("spark.sql.catalogImplementation"));
    spark.sql("CREATE DATABASE IF NOT EXISTS session_test");
    spark.sql("DROP TABLE IF EXISTS session_test.t");
    spark.sql("CREATE TABLE session_test.t (k STRING, v DOUBLE) USING delta");
    spark.sql("INSERT INTO session_test.t VALUES ('a', 1.0), ('b', 2.0)");
    // MERGE keyed by k: 'b' updated, 'c' inserted, nothing duplicated.
    spark.sql("MERGE INTO session_test.t t USING (SELECT 'b' AS k, 5.0 AS v UNION ALL SELECT 'c', 3.0) s "
        + "ON t.k = s.k WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
    List<Row> rows = spark.sql("SELECT k, v FROM session_test.t ORDER BY k").collectAsList();
    assertEquals(3, rows.size());
    assertEquals(5.0, rows.get(1).getDouble(1));
    assertEquals(3.0, rows.get(2).getDouble(1));
    String provider = spark.sql("DESCRIBE DETAIL session_test.t").first().getAs("format");
    assertEquals("delta", provider);
    assertTrue(Files.isDirectory(JobsTestSpark.warehouse().resolve("metastore_db")),
        "embedded Derby metastore under the warehouse");
  }
}
