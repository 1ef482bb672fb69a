package org.sparkradiomics.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.schemas.Tables;

class TableStoreTest {
  private static Dataset<Row> quarantine(SparkSession spark, String... uris) {
    Timestamp t = new Timestamp(0);
    List<Row> rows = new java.util.ArrayList<>();
    for (String u : uris) {
      rows.add(RowFactory.create(u, null, null, "read", "UNREADABLE_FILE", "m " + u, "run-1", t, null));
    }
    return spark.createDataFrame(rows, Tables.QUARANTINE.schema());
  }

  @Test
  void insertNewIsIdempotentOnBothFormatsAndDeltaCommitsCarryTheRunMetadata() {
    SparkSession spark = JobsTestSpark.get();
    for (String format : List.of(TableStore.DELTA, TableStore.PARQUET)) {
      String db = "store_" + format;
      spark.sql("DROP DATABASE IF EXISTS " + db + " CASCADE");
      TableStore store = new TableStore(spark, db, format);
      TableStore.CommitInfo info = new TableStore.CommitInfo("run-7", "abc", "0.1.0", "test");
      List<String> key = List.of("source_uri", "stage");
      assertEquals(2, store.insertNew(Tables.QUARANTINE, quarantine(spark, "a", "b"), key, info), format);
      assertEquals(0, store.insertNew(Tables.QUARANTINE, quarantine(spark, "a", "b"), key, info), format);
      assertEquals(2, store.read(Tables.QUARANTINE).count(), format + ": same rows twice add nothing");
      assertEquals(1, store.insertNew(Tables.QUARANTINE, quarantine(spark, "b", "c"), key, info),
          format + ": the count of inserted rows");
      assertEquals(3, store.read(Tables.QUARANTINE).count(), format + ": only the new key is added");
      if (format.equals(TableStore.DELTA)) {
        List<Row> history = spark.sql("DESCRIBE HISTORY " + store.qualified(Tables.QUARANTINE))
            .where("operation = 'MERGE'").select("userMetadata").collectAsList();
        // Delta may skip the commit of a MERGE that changed nothing; the two that inserted rows are there.
        assertTrue(history.size() >= 2, "MERGE commits: " + history);
        for (Row h : history) {
          assertEquals("{\"job\":\"test\",\"run_id\":\"run-7\",\"params_hash\":\"abc\",\"code_version\":\"0.1.0\"}",
              h.getString(0));
        }
        store.generateManifest(Tables.QUARANTINE);
        String location = spark.sql("DESCRIBE DETAIL " + store.qualified(Tables.QUARANTINE)).first()
            .getAs("location");
        Path manifest = Paths.get(java.net.URI.create(location)).resolve("_symlink_format_manifest");
        assertTrue(Files.isDirectory(manifest), "symlink manifest generated under " + manifest);
      }
    }
  }
}
