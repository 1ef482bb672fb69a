package org.sparkradiomics.jobs.spark;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.schemas.Tables;

/**
 * The SparkSession of every spark-radiomics job ({@code index}, {@code extract}, {@code sql}, ...).
 *
 * <p>Settings given by {@code spark-submit} / {@code spark-defaults.conf} ({@code cluster-config/}) always win: this
 * class only fills in what is absent, so that {@code bin/radiomics index ...} works on a laptop with no
 * configuration and the same jar runs unchanged on a cluster.
 * <ul>
 *   <li>{@code spark.master}: {@code local[*]} when not set.
 *   <li>Warehouse: {@code spark.sql.warehouse.dir}, default {@code ./warehouse} (or {@code $RADIOMICS_WAREHOUSE}).
 *   <li>Catalog: Hive support with an embedded Derby metastore under the warehouse
 *       ({@code <warehouse>/metastore_db}), so tables persist across processes with no server. On a cluster, set
 *       {@code spark.hadoop.javax.jdo.option.ConnectionURL} or {@code spark.hadoop.hive.metastore.uris} instead.
 *       {@code spark.sql.catalogImplementation=in-memory} turns the persistent catalog off.
 *   <li>Delta Lake: {@code DeltaSparkSessionExtension} + {@code DeltaCatalog} on {@code spark_catalog}.
 *   <li>Kryo with {@link JobsKryoRegistration}; {@code spark.kryo.registrationRequired} is left to the caller (tests set
 *       it to true).
 * </ul>
 */
public final class JobSession {
  public static final String WAREHOUSE_ENV = "RADIOMICS_WAREHOUSE";

  private JobSession() {}

  /** The job session: creates it, or returns the active one (a test's shared session, a notebook's session). */
  public static SparkSession get(String appName) {
    return builder(appName, new SparkConf()).getOrCreate();
  }

  /** A builder with our defaults applied on top of {@code conf} (which carries spark-submit's settings). */
  public static SparkSession.Builder builder(String appName, SparkConf conf) {
    setIfMissing(conf, "spark.master", "local[*]");
    setIfMissing(conf, "spark.app.name", appName);
    String warehouse = conf.contains("spark.sql.warehouse.dir") ? conf.get("spark.sql.warehouse.dir")
        : defaultWarehouse().toString();
    conf.set("spark.sql.warehouse.dir", warehouse);
    setIfMissing(conf, "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    setIfMissing(conf, "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    setIfMissing(conf, "spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    setIfMissing(conf, "spark.kryo.registrator", JobsKryoRegistration.class.getName());
    setIfMissing(conf, "spark.sql.catalogImplementation", "hive");
    if (isLocalPath(warehouse)) {
      Path wh = Paths.get(stripFileScheme(warehouse)).toAbsolutePath();
      setIfMissing(conf, "spark.hadoop.javax.jdo.option.ConnectionURL",
          "jdbc:derby:;databaseName=" + wh.resolve("metastore_db") + ";create=true");
      setIfMissing(conf, "spark.driver.extraJavaOptions", "-Dderby.system.home=" + wh);
      System.setProperty("derby.system.home", wh.toString());
      System.setProperty("derby.stream.error.file", wh.resolve("derby.log").toString());
    }
    SparkSession.Builder b = SparkSession.builder().config(conf);
    if ("hive".equals(conf.get("spark.sql.catalogImplementation"))) {
      b = b.enableHiveSupport();
    }
    return b;
  }

  /** Creates the {@link Tables#DATABASE} database when absent. */
  public static void ensureDatabase(SparkSession spark) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + Tables.DATABASE);
  }

  /** {@code $RADIOMICS_WAREHOUSE}, else {@code ./warehouse}. */
  public static Path defaultWarehouse() {
    String env = System.getenv(WAREHOUSE_ENV);
    return (env != null && !env.isBlank() ? Paths.get(env) : Paths.get("warehouse")).toAbsolutePath();
  }

  private static boolean isLocalPath(String uri) {
    return !uri.contains("://") || uri.startsWith("file:");
  }

  private static String stripFileScheme(String uri) {
    return uri.startsWith("file://") ? uri.substring("file://".length())
        : uri.startsWith("file:") ? uri.substring("file:".length()) : uri;
  }

  private static void setIfMissing(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
