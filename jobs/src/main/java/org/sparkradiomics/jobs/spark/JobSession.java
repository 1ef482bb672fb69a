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
 *   <li>On a local master only, sizes for one machine: {@code spark.sql.shuffle.partitions} = 4 x cores (Spark's 200
 *       is meant for clusters) and {@code spark.databricks.delta.snapshotPartitions} = cores (Delta's 50 made every
 *       snapshot reconstruction, after each commit, a 50-task job: with them the index of 2,000 studies on
 *       {@code local[1]} took 46 s, with these 24 s; {@code bench scale}).
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
    int cores = localCores(conf.get("spark.master"));
    if (cores > 0) {
      setIfMissing(conf, "spark.sql.shuffle.partitions", Integer.toString(4 * cores));
      setIfMissing(conf, "spark.databricks.delta.snapshotPartitions", Integer.toString(cores));
    }
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

  /**
   * Task slots of a local master ({@code local}: 1, {@code local[N]} / {@code local[N,F]}: N, {@code local[*]}: the
   * machine's processors), 0 for any other master.
   */
  static int localCores(String master) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?\\])?")
        .matcher(master.trim());
    if (!m.matches()) {
      return 0;
    }
    String n = m.group(1);
    return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Math.max(1,
        Integer.parseInt(n));
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
