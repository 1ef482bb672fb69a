package org.sparkradiomics.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession per test JVM (tests share it; it is stopped by the JVM's shutdown hook). Kryo with
 * registration required, so a class missing from {@link KryoRegistration} fails here rather than on a cluster.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("spark-radiomics-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
          .config("spark.kryo.registrationRequired", "true")
          .config("spark.kryo.registrator", KryoRegistration.class.getName())
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
    }
    return session;
  }
}
