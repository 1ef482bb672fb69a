package org.sparkradiomics.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.modeling.report.ModelMetadata;
import org.sparkradiomics.modeling.report.ModelRegistry;
import org.sparkradiomics.modeling.report.Scorer;
import org.sparkradiomics.schemas.ModelTables;

/**
 * {@code radiomics score}: applies a trained model to a wide feature table (Parquet, Delta or CSV; one row per
 * image, keyed by the model's patient column) plus the clinical CSV, and appends the rows to the
 * {@code predictions} table (Delta when the session has the Delta extension, else Parquet).
 *
 * <p>The model is a {@code train} output directory ({@code --model DIR}: its {@code model.json} and saved
 * PipelineModel), or a registry entry ({@code --registry DIR --model-name NAME [--version V]}, latest version by
 * default; the pipeline path of the {@code models} row, with {@code model.json} beside it). One prediction per
 * feature row: probability of label 1, the logistic Rad-score (log-odds), and the label at the model's Youden
 * threshold from its nested cross-validation.
 */
public final class ScoreCommand implements Command {
  @Override
  public String usage() {
    return "score (--model DIR | --registry DIR --model-name NAME [--version V]) --features PATH [--clinical CSV] "
        + "[--predictions PATH]";
  }

  @Override
  public int run(String[] argv) throws Exception {
    Args a = new Args(argv, Set.of("model", "registry", "model-name", "version", "features", "clinical",
        "predictions"), Set.of());
    String features = a.require("features");
    SparkSession.Builder b = SparkSession.builder().appName("radiomics score");
    if (System.getProperty("spark.master") == null) {
      b = b.master("local[*]");
    }
    SparkSession spark = b.getOrCreate();

    Path modelDir;
    ModelRegistry reg = a.get("registry") == null ? null : new ModelRegistry(spark, Paths.get(a.get("registry")));
    if (a.get("model") != null) {
      modelDir = Paths.get(a.get("model"));
    } else if (reg != null) {
      String name = a.require("model-name");
      Dataset<Row> m = reg.read(ModelTables.MODELS).filter(col("model_id").equalTo(name));
      int version = a.getInt("version", -1);
      if (version < 0) {
        Row r = m.agg(max(col("version"))).first();
        if (r.isNullAt(0)) {
          throw new IllegalArgumentException("no model named " + name + " in " + a.get("registry"));
        }
        version = r.getInt(0);
      }
      List<Row> rows = m.filter(col("version").equalTo(version)).select("pipeline_path").collectAsList();
      if (rows.isEmpty()) {
        throw new IllegalArgumentException("no model " + name + " version " + version + " in " + a.get("registry"));
      }
      String pp = rows.get(0).getString(0);
      modelDir = (pp.contains(":") ? Paths.get(URI.create(pp)) : Paths.get(pp)).getParent();
    } else {
      throw new IllegalArgumentException("give --model DIR or --registry DIR --model-name NAME");
    }
    ModelMetadata md = ModelMetadata.read(modelDir);
    PipelineModel model = PipelineModel.load(md.pipelineLocation(modelDir));
    Dataset<Row> feats = TrainCommand.read(spark, features);
    Dataset<Row> clin = a.get("clinical") == null ? null
        : spark.read().option("header", "true").option("inferSchema", "true").csv(a.get("clinical"));
    Dataset<Row> preds = predictions(model, Scorer.inputs(feats, clin, md), md,
        Timestamp.from(Instant.now()));
    String target = a.get("predictions");
    if (target == null) {
      if (reg == null) {
        throw new IllegalArgumentException("give --predictions PATH (or --registry DIR)");
      }
      reg.append(ModelTables.PREDICTIONS, preds);
      target = reg.path(ModelTables.PREDICTIONS).toString();
    } else {
      Path t = Paths.get(target);
      new ModelRegistry(spark, t.getParent() == null ? Paths.get(".") : t.getParent()).appendTo(
          ModelTables.PREDICTIONS, preds, t);
    }
    long n = spark.read().format(java.nio.file.Files.isDirectory(Paths.get(target).resolve("_delta_log"))
        ? "delta" : "parquet").load(target).filter(col("model_id").equalTo(md.modelId)
        .and(col("version").equalTo(md.version))).count();
    System.out.printf(Locale.ROOT, "scored with %s v%d (threshold %.4f); %s now holds %d rows of this model%n",
        md.modelId, md.version, md.threshold, target, n);
    return 0;
  }

  /** The {@code predictions} rows of a scored dataset. */
  public static Dataset<Row> predictions(PipelineModel model, Dataset<Row> inputs, ModelMetadata md,
                                         Timestamp at) {
    List<String> extra = new ArrayList<>();
    boolean roi = List.of(inputs.columns()).contains("roi_id");
    if (roi) {
      extra.add("roi_id");
    }
    Dataset<Row> s = Scorer.score(model, inputs, md, extra);
    return s.select(lit(md.modelId).as("model_id"), lit(md.version).as("version"),
        col(md.patientCol).as("patient_key"),
        roi ? col("roi_id").cast("string").as("roi_id") : lit(null).cast("string").as("roi_id"),
        col(Scorer.P1).as("probability"), col(Scorer.RAD_SCORE).as("rad_score"),
        when(col(Scorer.P1).geq(md.threshold), 1).otherwise(0).as("predicted_label"),
        lit(md.threshold).as("threshold"), lit(at).as("scored_at"));
  }
}
