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

  public TableStore(SparkSession spark, String database, String format) {
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

  /** Creates the database and the table when absent. */
  public void ensure(TableDef def) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
    spark.sql(def.createStatement(database, format));
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
   * left untouched). {@code rows} must not hold two rows with the same key (deduplicate first).
   */
  public void insertNew(TableDef def, Dataset<Row> rows, List<String> keys, CommitInfo info) {
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
      try {
        withCommitInfo(info, () -> spark.sql("MERGE INTO " + target + " t USING " + view + " s ON " + on
            + " WHEN NOT MATCHED THEN INSERT *"));
      } finally {
        spark.catalog().dropTempView(view);
      }
    } else {
      Dataset<Row> existing = spark.table(target).select(keys.stream().map(functions::col).toArray(Column[]::new));
      Column cond = null;
      for (String k : keys) {
        Column c = src.col(k).eqNullSafe(existing.col(k));
        cond = cond == null ? c : cond.and(c);
      }
      Dataset<Row> fresh = src.join(existing, cond, "left_anti");
      inTableOrder(target, fresh).write().format(format).mode("append").insertInto(target);
    }
  }

  /** Appends {@code rows} (e.g. run records, quarantine rows), with commit metadata on Delta. */
  public void append(TableDef def, Dataset<Row> rows, CommitInfo info) {
    ensure(def);
    Dataset<Row> src = conform(def, rows);
    withCommitInfo(info, () -> inTableOrder(qualified(def), src).write().mode("append").insertInto(qualified(def)));
  }

  /**
   * {@code rows} with the columns in the catalog table's order: {@code insertInto} is positional, and a partitioned
   * Parquet table lists its partition columns last, unlike its {@link TableDef}.
   */
  private Dataset<Row> inTableOrder(String table, Dataset<Row> rows) {
    return rows.select(java.util.Arrays.stream(spark.table(table).columns()).map(functions::col)
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
