package org.sparkradiomics.modeling.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.schemas.ModelTables;
import org.sparkradiomics.schemas.TableDef;

/**
 * The {@code models}, {@code model_metrics} and {@code predictions} tables under one registry directory
 * ({@code DIR/models}, ...). Delta when the session has the Delta SQL extension, Parquet otherwise; always append.
 * The format of an existing table wins (a {@code _delta_log} means Delta).
 */
public final class ModelRegistry {
  private final SparkSession spark;
  private final Path dir;

  public ModelRegistry(SparkSession spark, Path dir) {
    this.spark = spark;
    this.dir = dir;
  }

  public static boolean deltaActive(SparkSession spark) {
    return spark.conf().get("spark.sql.extensions", "").contains("DeltaSparkSessionExtension");
  }

  public Path path(TableDef t) {
    return dir.resolve(t.name());
  }

  String format(TableDef t) {
    return format(path(t));
  }

  String format(Path p) {
    if (Files.isDirectory(p.resolve("_delta_log"))) {
      return "delta";
    }
    if (Files.isDirectory(p)) {
      return "parquet";
    }
    return deltaActive(spark) ? "delta" : "parquet";
  }

  public boolean exists(TableDef t) {
    return Files.isDirectory(path(t)) && (Files.isDirectory(path(t).resolve("_delta_log"))
        || Files.exists(path(t).resolve("_SUCCESS")));
  }

  public Dataset<Row> read(TableDef t) {
    return spark.read().format(format(t)).load(path(t).toString());
  }

  /** Previous maximum version of the model name + 1 (1 when none). */
  public int nextVersion(String modelId) {
    if (!exists(ModelTables.MODELS)) {
      return 1;
    }
    Row r = read(ModelTables.MODELS).filter(col("model_id").equalTo(modelId)).agg(max(col("version"))).first();
    return r.isNullAt(0) ? 1 : r.getInt(0) + 1;
  }

  public void append(TableDef t, Dataset<Row> rows) {
    appendTo(t, rows, path(t));
  }

  /** Appends to the table {@code t} stored at {@code location} (instead of DIR/name). */
  public void appendTo(TableDef t, Dataset<Row> rows, Path location) {
    String fmt = format(location);
    rows.select(java.util.Arrays.stream(t.schema().fieldNames()).map(c -> col(c).cast(t.schema().apply(c)
        .dataType()).as(c)).toArray(org.apache.spark.sql.Column[]::new))
        .write().format(fmt).mode(SaveMode.Append).save(location.toString());
  }

  public void append(TableDef t, List<Row> rows) {
    append(t, spark.createDataFrame(rows, t.schema()));
  }

  /** One {@code model_metrics} row per metric of the evaluation. */
  public static List<Row> metricRows(String modelId, int version, Evaluation e) {
    List<Row> out = new ArrayList<>();
    for (Evaluation.Metric m : e.metrics) {
      out.add(RowFactory.create(modelId, version, e.kind, m.name(), m.value(), m.ciLow(), m.ciHigh()));
    }
    return out;
  }

  public static Row modelRow(ModelMetadata md, String paramsJson, List<String> selected, String trainingTable,
                             String trainingHash, String paramsHash, int patients, int events, Timestamp created) {
    return RowFactory.create(md.modelId, md.version, md.modelType, md.classifier, paramsJson,
        selected.toArray(new String[0]), md.radScoreSql, md.pipelinePath,
        trainingTable, trainingHash, paramsHash, patients, events, created, md.codeVersion);
  }
}
