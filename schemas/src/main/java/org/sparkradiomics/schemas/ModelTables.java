package org.sparkradiomics.schemas;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;

/**
 * The tables of the modelling jobs ({@code train}, {@code score}), defined once like {@link Tables}. A model is
 * identified by {@code model_id} (the model name given to {@code train}) and an integer {@code version}: each
 * {@code train} run appends version = previous maximum for that name + 1. Patients appear only through
 * {@code patient_key}, the pseudonymous key of the feature table; no column holds PHI.
 */
public final class ModelTables {
  private ModelTables() {}

  /** One row per trained model version. */
  public static final TableDef MODELS = TableDef.table("models",
          "One row per trained model version: what was fitted, on which data, with which settings and code.")
      .required("model_id", StringType, "model name given to train (--model-name); with version the key")
      .required("version", IntegerType, "1 for the first model of this name, previous maximum + 1 after")
      .required("model_type", StringType, "clinical | radiomics | clinical-radiomics")
      .required("classifier", StringType, "logistic | svm | rf | gbt (ModelSpec.classifier)")
      .required("params_json", StringType,
          "JSON of the experiment: model spec, tuning grid, best hyper-parameters of the final model, columns")
      .required("selected_features", createArrayType(StringType, true),
          "features with a non-zero coefficient in the final model (logistic); every input column otherwise")
      .optional("rad_score_sql", StringType,
          "Spark SQL expression of the linear predictor on the scaler-input columns (logistic only)")
      .required("pipeline_path", StringType, "URI of the saved Spark ML PipelineModel")
      .required("training_table", StringType, "feature table (and clinical table) the model was trained on")
      .required("training_hash", StringType,
          "SHA-256 of the training data: column names, row count and the order-free sum of per-row xxhash64")
      .required("params_hash", StringType, "SHA-256 of params_json without the fitted values")
      .required("n_patients", IntegerType, "patients with a label used for training")
      .required("n_events", IntegerType, "patients with label 1")
      .required("created_at", TimestampType, "when train finished")
      .required("code_version", StringType, "spark-radiomics version that trained the model")
      .build();

  /** Performance of a model version: one row per (evaluation, metric). */
  public static final TableDef MODEL_METRICS = TableDef.table("model_metrics",
          "Performance of each model version, one row per evaluation and metric, with its 95% interval.")
      .required("model_id", StringType, "model name (models.model_id)")
      .required("version", IntegerType, "model version (models.version)")
      .required("evaluation", StringType,
          "nested_cv (out-of-fold predictions of the nested cross-validation) | external (held-out cohort)")
      .required("metric", StringType,
          "auc, sensitivity, specificity, accuracy, youden_threshold, brier, calibration_intercept, "
              + "calibration_slope, net_benefit@pt, patients, events, bootstrap_replicates (B of the bootstrap "
              + "intervals), bootstrap_valid@metric (replicates where the metric was defined, used for its interval)")
      .required("value", DoubleType, "metric value")
      .optional("ci_low", DoubleType,
          "lower 95% bound: DeLong for auc, Wilson for sensitivity/specificity/accuracy, percentile bootstrap over "
              + "patients (B replicates, seed = experiment seed) for brier, calibration_intercept, "
              + "calibration_slope; null when not computed")
      .optional("ci_high", DoubleType, "upper 95% bound (same methods as ci_low)")
      .build();

  /** Predicted probabilities written by {@code score}. */
  public static final TableDef PREDICTIONS = TableDef.table("predictions",
          "Model predictions written by the score job: one row per scored image row of the feature table.")
      .required("model_id", StringType, "model name (models.model_id)")
      .required("version", IntegerType, "model version (models.version)")
      .required("patient_key", StringType, "pseudonymous patient key of the scored row (the feature table's id)")
      .optional("roi_id", StringType, "ROI / image row identifier when the feature table has an roi_id column")
      .required("probability", DoubleType, "predicted probability of label 1 (sigmoid of the margin for svm)")
      .optional("rad_score", DoubleType, "linear predictor (log-odds) of the logistic model; null otherwise")
      .required("predicted_label", IntegerType,
          "1 when probability >= threshold (the Youden threshold of the nested-CV predictions), else 0")
      .required("threshold", DoubleType, "the threshold used for predicted_label")
      .required("scored_at", TimestampType, "when the row was scored")
      .build();

  public static final List<TableDef> ALL = List.of(MODELS, MODEL_METRICS, PREDICTIONS);
}
