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
  void localMastersGetOneMachineShuffleAndDeltaSnapshotPartitionsOthersKeepSparksAndDeltasDefaults() {
    assertEquals(1, JobSession.localCores("local"));
    assertEquals(3, JobSession.localCores("local[3]"));
    assertEquals(2, JobSession.localCores("local[2,4]"));
    assertEquals(Runtime.getRuntime().availableProcessors(), JobSession.localCores("local[*]"));
    assertEquals(0, JobSession.localCores("yarn"));
    assertEquals(0, JobSession.localCores("spark://host:7077"));
    assertEquals(0, JobSession.localCores("local-cluster[2,1,1024]"));

    org.apache.spark.SparkConf local = new org.apache.spark.SparkConf(false).set("spark.master", "local[3]")
        .set("spark.sql.warehouse.dir", "/tmp/jobsession-test-wh").set("spark.sql.shuffle.partitions", "5");
    JobSession.builder("t", local);
    assertEquals("5", local.get("spark.sql.shuffle.partitions"), "a given setting wins");
    assertEquals("3", local.get("spark.databricks.delta.snapshotPartitions"));

    org.apache.spark.SparkConf cluster = new org.apache.spark.SparkConf(false).set("spark.master", "yarn")
        .set("spark.sql.warehouse.dir", "hdfs:///warehouse");
    JobSession.builder("t", cluster);
    assertTrue(!cluster.contains("spark.sql.shuffle.partitions")
        && !cluster.contains("spark.databricks.delta.snapshotPartitions"), "cluster: Spark's and Delta's defaults");
  }


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
