package org.sparkradiomics.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sparkradiomics.schemas.TableDef;
import org.sparkradiomics.schemas.Tables;

/**
 * The tables of one database in the session's catalog, created from their {@link TableDef} (the one source of
 * truth), written idempotently.
 *
 * <p>Format {@code delta} (default): {@link #insertNew} is a Delta {@code MERGE ... WHEN NOT MATCHED THEN INSERT}
 * keyed by the given columns, so writing the same rows twice adds nothing and a re-run after a crash neither
 * duplicates nor loses rows; every commit carries {@code userMetadata} ({@link CommitInfo}: run id, params hash,
 * code version), visible in {@code DESCRIBE HISTORY}. Format {@code parquet}: the same semantics by an anti-join
 * and an append (not atomic against concurrent writers; documented in the README).
 */
public final class TableStore {
  public static final String DELTA = "delta";
  public static final String PARQUET = "parquet";
  private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private final SparkSession spark;
  private final String database;
  private final String format;
  /**
   * Tables this store created or found (CREATE ... IF NOT EXISTS runs once per table and store, not per read); shared
   * with the stores of {@link #inSession}.
   */
  private final java.util.Set<String> ensured;

  public TableStore(SparkSession spark, String database, String format) {
    this(spark, database, format, java.util.concurrent.ConcurrentHashMap.newKeySet());
  }

  private TableStore(SparkSession spark, String database, String format, java.util.Set<String> ensured) {
    this.ensured = ensured;
    this.spark = Objects.requireNonNull(spark, "spark");
    this.database = Objects.requireNonNull(database, "database");
    String f = format.toLowerCase(Locale.ROOT);
    if (!f.equals(DELTA) && !f.equals(PARQUET)) {
      throw new IllegalArgumentException("table format must be delta or parquet, not " + format);
    }
    this.format = f;
  }

  /** The {@link Tables#DATABASE} database, Delta. */
  public static TableStore standard(SparkSession spark) {
    return new TableStore(spark, Tables.DATABASE, DELTA);
  }

  /**
   * The same tables through another session of the same application (e.g. {@code spark.newSession()}, whose SQL
   * configuration is its own): lets a second thread commit at the same time without the two threads' commit metadata
   * ({@link CommitInfo}, a session setting) mixing. Shares the tables already ensured.
   */
  public TableStore inSession(SparkSession other) {
    return new TableStore(other, database, format, ensured);
  }

  public SparkSession spark() {
    return spark;
  }

  public String database() {
    return database;
  }

  public String format() {
    return format;
  }

  /** {@code database.table}. */
  public String qualified(TableDef def) {
    return database + "." + def.name();
  }

  /**
   * Creates the database and the table when absent (once per store: a table dropped behind the store's back while it
   * is in use is not recreated).
   */
  public void ensure(TableDef def) {
    if (ensured.isEmpty()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
    }
    if (!ensured.contains(def.name())) {
      spark.sql(def.createStatement(database, format));
      ensured.add(def.name()); // only once it exists: a failed CREATE is tried again on the next call
    }
  }

  /** The table (created when absent). */
  public Dataset<Row> read(TableDef def) {
    ensure(def);
    return spark.table(qualified(def));
  }

  /** {@code rows} in the table's column order, cast to its types (extra columns are an error). */
  public static Dataset<Row> conform(TableDef def, Dataset<Row> rows) {
    List<Column> cols = new ArrayList<>();
    for (org.apache.spark.sql.types.StructField f : def.schema().fields()) {
      cols.add(functions.col(f.name()).cast(f.dataType()).as(f.name()));
    }
    if (rows.columns().length != def.schema().fields().length) {
      throw new IllegalArgumentException("rows for " + def.name() + " have columns "
          + String.join(",", rows.columns()) + ", expected " + String.join(",", def.schema().fieldNames()));
    }
    return rows.select(cols.toArray(new Column[0]));
  }

  /**
   * Inserts the rows of {@code rows} whose {@code keys} are not in the table yet (rows with an existing key are
   * left untouched). {@code rows} must not hold two rows with the same key (deduplicate first). Returns the number of
   * rows inserted (Delta: the {@code num_inserted_rows} the {@code MERGE} reports; Parquet: the anti-join's count).
   */
  public long insertNew(TableDef def, Dataset<Row> rows, List<String> keys, CommitInfo info) {
    ensure(def);
    Dataset<Row> src = conform(def, rows);
    String target = qualified(def);
    if (format.equals(DELTA)) {
      String view = "__src_" + def.name() + "_" + Math.abs(System.nanoTime() % 1_000_000_000L);
      src.createOrReplaceTempView(view);
      StringBuilder on = new StringBuilder();
      for (String k : keys) {
        on.append(on.length() == 0 ? "" : " AND ").append("t.`").append(k).append("` <=> s.`").append(k)
            .append('`');
      }
      long[] inserted = new long[1];
      try {
        withCommitInfo(info, () -> {
          Row metrics = spark.sql("MERGE INTO " + target + " t USING " + view + " s ON " + on
              + " WHEN NOT MATCHED THEN INSERT *").first();
          inserted[0] = metrics.getLong(metrics.fieldIndex("num_inserted_rows"));
        });
      } finally {
        spark.catalog().dropTempView(view);
      }
      return inserted[0];
    } else {
      Dataset<Row> existing = spark.table(target).select(keys.stream().map(functions::col).toArray(Column[]::new));
      Column cond = null;
      for (String k : keys) {
        Column c = src.col(k).eqNullSafe(existing.col(k));
        cond = cond == null ? c : cond.and(c);
      }
      Dataset<Row> fresh = inTableOrder(target, src.join(existing, cond, "left_anti"))
          .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
      try {
        long n = fresh.count();
        if (n > 0) {
          fresh.write().mode("append").insertInto(target);
        }
        return n;
      } finally {
        fresh.unpersist();
      }
    }
  }

  /** Appends {@code rows} (e.g. run records, quarantine rows), with commit metadata on Delta. */
  public void append(TableDef def, Dataset<Row> rows, CommitInfo info) {
    ensure(def);
    Dataset<Row> src = conform(def, rows);
    String target = qualified(def);
    withCommitInfo(info, () -> inTableOrder(target, src).write().mode("append").insertInto(target));
  }

  /**
   * {@code rows} in the column order of the catalog table ({@code insertInto} is positional, and a partitioned
   * Parquet table lists its partition columns last).
   */
  private Dataset<Row> inTableOrder(String target, Dataset<Row> rows) {
    return rows.select(java.util.Arrays.stream(spark.table(target).columns()).map(functions::col)
        .toArray(Column[]::new));
  }

  /**
   * Generates the Delta symlink manifest ({@code _symlink_format_manifest/}) so that Trino, Athena or DuckDB can read
   * the table's current snapshot as plain Parquet; no-op for Parquet tables.
   */
  public void generateManifest(TableDef def) {
    if (format.equals(DELTA)) {
      spark.sql("GENERATE symlink_format_manifest FOR TABLE " + qualified(def));
    }
  }

  private void withCommitInfo(CommitInfo info, Runnable write) {
    if (info == null || !format.equals(DELTA)) {
      write.run();
      return;
    }
    spark.conf().set(USER_METADATA, info.json());
    try {
      write.run();
    } finally {
      spark.conf().unset(USER_METADATA);
    }
  }

  /** What every Delta commit of a run records in {@code userMetadata}. */
  public record CommitInfo(String runId, String paramsHash, String codeVersion, String job) {
    /** A compact JSON object (values are ids and versions: no quoting beyond '"' and '\\' is needed). */
    public String json() {
      return "{\"job\":\"" + esc(job) + "\",\"run_id\":\"" + esc(runId) + "\",\"params_hash\":\""
          + esc(paramsHash) + "\",\"code_version\":\"" + esc(codeVersion) + "\"}";
    }

    private static String esc(String s) {
      return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
  }
}
