package org.sparkradiomics.jobs.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the jobs test JVM (surefire execution {@code default-test}): exactly the job session of
 * {@link JobSession} (Delta, Hive catalog with embedded Derby) on {@code local[2]}, with
 * {@code spark.kryo.registrationRequired=true}, so that a class shipped to executors without registration fails
 * here rather than on a cluster. The warehouse is a fresh temporary folder per JVM; tests use their own databases
 * or table names to stay independent.
 *
 * <p>The MLlib tests run in a separate surefire execution ({@code modeling-tests}) with registration not required:
 * MLlib ships its own unregistered classes (see {@code org.sparkradiomics.modeling.TestSpark}).
 */
public final class JobsTestSpark {
  private static SparkSession session;
  private static Path warehouse;

  private JobsTestSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      try {
        warehouse = Files.createTempDirectory("radiomics-test-warehouse");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      SparkConf conf = new SparkConf()
          .set("spark.master", "local[2]")
          .set("spark.ui.enabled", "false")
          .set("spark.sql.shuffle.partitions", "4")
          .set("spark.default.parallelism", "4")
          .set("spark.kryo.registrationRequired", "true")
          .set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.sql.warehouse.dir", warehouse.toString());
      session = JobSession.builder("spark-radiomics-jobs-tests", conf).getOrCreate();
    }
    return session;
  }

  /** The warehouse folder of the shared session. */
  public static synchronized Path warehouse() {
    get();
    return warehouse;
  }
}
