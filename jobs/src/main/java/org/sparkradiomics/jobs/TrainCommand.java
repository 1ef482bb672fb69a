package org.sparkradiomics.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.sparkradiomics.modeling.ExperimentConfig;
import org.sparkradiomics.modeling.ModelSpec;
import org.sparkradiomics.modeling.ModelType;
import org.sparkradiomics.modeling.NestedCrossValidation;
import org.sparkradiomics.modeling.report.ModelMetadata;
import org.sparkradiomics.modeling.report.TrainOutputs;
import org.sparkradiomics.stats.DeLong;

/**
 * {@code radiomics train}: nested cross-validation of a clinical, radiomics or clinical-radiomics model.
 *
 * <p>Inputs: a feature table (Parquet directory, Delta table directory or CSV with header; one row per image, keyed
 * by the patient column), a clinical CSV (one row per patient) and the label column (in either table). Radiomics
 * columns = numeric columns of the feature table; clinical columns = the clinical CSV's columns; both minus the
 * patient, label, site and {@code exclude} columns. String clinical columns with at most 20 levels become 0/1
 * indicator columns (first level in sorted order is the reference); this encoding does not look at the label.
 *
 * <p>Outputs in DIR: {@code predictions.csv} (per-patient out-of-fold probability), {@code metrics.json},
 * {@code coefficients.csv} (Rad-score of the final model fitted on all data; logistic classifier only),
 * {@code rad_score.sql} and
 * {@code model/} (the saved PipelineModel). With {@code --compare TYPE} the second model type is run on the same
 * folds and the paired DeLong test is added to metrics.json (and its predictions to predictions_TYPE.csv).
 *
 * <p>Then ({@link TrainOutputs}): {@code model.json}; the model and its metrics appended to the {@code models} and
 * {@code model_metrics} tables under {@code --registry} (default DIR/registry; version = previous max + 1 for
 * {@code --model-name}, default the model type); {@code model_card.json} / {@code model_card.md}; and
 * {@code report/report.html} with ROC, calibration, decision-curve, LASSO-path and nomogram PNGs (unless
 * {@code --no-report}). {@code --external} scores a held-out cohort with the final model (evaluation "external").
 * {@code --export-crosscheck DIR} writes the fold matrices for {@code tools/sklearn_crosscheck.py}.
 */
public final class TrainCommand implements Command {
  @Override
  public String usage() {
    return "train --features PATH --clinical CSV --label COL --model-type clinical|radiomics|clinical-radiomics "
        + "--experiment FILE --out DIR [--id patient_id] [--compare TYPE]"
        + " [--model-name NAME] [--registry DIR] [--external PATH [--external-clinical CSV]]"
        + " [--export-crosscheck DIR] [--no-report]";
  }

  @Override
  public int run(String[] argv) throws Exception {
    Args a = new Args(argv, Set.of("features", "clinical", "label", "model-type", "experiment", "out", "id",
        "compare", "model-name", "registry", "external", "external-clinical", "export-crosscheck"),
        Set.of("no-report"));
    String featuresPath = a.require("features");
    String clinicalPath = a.get("clinical");
    String label = a.require("label");
    ModelType type = ModelType.parse(a.require("model-type"));
    Path out = Paths.get(a.require("out"));
    ModelSpec spec = new ModelSpec();
    spec.patientCol = a.get("id", "patient_id");
    spec.labelCol = label;
    spec.modelType = type;
    ExperimentConfig exp = a.get("experiment") == null ? ExperimentConfig.parse("")
        : ExperimentConfig.read(Paths.get(a.get("experiment")));
    exp.applyTo(spec);
    ModelType compare = a.get("compare") == null ? null : ModelType.parse(a.get("compare"));
    if (clinicalPath == null && (type.clinical || compare != null && compare.clinical)) {
      throw new IllegalArgumentException("--clinical is required for model type with clinical variables");
    }

    SparkSession.Builder b = SparkSession.builder().appName("radiomics train");
    if (System.getProperty("spark.master") == null) {
      b = b.master("local[*]");
    }
    SparkSession spark = b.getOrCreate();

    Dataset<Row> feats = read(spark, featuresPath);
    Set<String> reserved = new HashSet<>(exp.list("exclude"));
    reserved.add(spec.patientCol);
    reserved.add(label);
    if (spec.siteCol != null) {
      reserved.add(spec.siteCol);
    }
    List<String> radiomics = new ArrayList<>();
    for (StructField f : feats.schema().fields()) {
      if (!reserved.contains(f.name()) && f.dataType() instanceof NumericType) {
        radiomics.add(f.name());
      }
    }
    Dataset<Row> data = feats;
    List<String> clinical = new ArrayList<>();
    if (clinicalPath != null) {
      Dataset<Row> clin = spark.read().option("header", "true").option("inferSchema", "true").csv(clinicalPath);
      for (StructField f : clin.schema().fields()) {
        if (reserved.contains(f.name())) {
          continue;
        }
        if (f.dataType() instanceof NumericType) {
          clinical.add(f.name());
        } else if (f.dataType() instanceof StringType) {
          List<String> levels = new ArrayList<>();
          for (Row r : clin.select(f.name()).distinct().limit(21).collectAsList()) {
            if (!r.isNullAt(0)) {
              levels.add(r.getString(0));
            }
          }
          if (levels.size() > 20) {
            throw new IllegalArgumentException("clinical column " + f.name() + " has more than 20 levels; "
                + "list it under exclude or encode it");
          }
          levels.sort(null);
          for (String lvl : levels.subList(Math.min(1, levels.size()), levels.size())) {
            String name = f.name() + "=" + lvl;
            clin = clin.withColumn(name, when(col(f.name()).isNull(), null)
                .otherwise(when(col(f.name()).equalTo(lvl), 1.0).otherwise(0.0)));
            clinical.add(name);
          }
        }
      }
      Set<String> clash = new HashSet<>(List.of(feats.columns()));
      List<String> keep = new ArrayList<>();
      keep.add(spec.patientCol);
      for (String c : clin.columns()) {
        if (!c.equals(spec.patientCol) && !clash.contains(c) && (clinical.contains(c) || c.equals(label)
            || c.equals(spec.siteCol))) {
          keep.add(c);
        }
      }
      Dataset<Row> clinSel = clin.select(keep.stream().map(c -> col("`" + c + "`")).toArray(
          org.apache.spark.sql.Column[]::new));
      data = feats.join(clinSel, feats.col(spec.patientCol).equalTo(clinSel.col(spec.patientCol)), "inner")
          .drop(clinSel.col(spec.patientCol));
    }
    if (!List.of(data.columns()).contains(label)) {
      throw new IllegalArgumentException("label column " + label + " is in neither table");
    }
    spec.radiomicsCols = radiomics;
    spec.clinicalCols = clinical;

    Files.createDirectories(out);
    NestedCrossValidation.Result res = NestedCrossValidation.run(data, spec, true);
    Map<String, Object> metrics = new LinkedHashMap<>(res.metrics());
    metrics.put("spec", spec.toString());
    writePredictions(out.resolve("predictions.csv"), res);
    if (res.radScore != null) {
      Files.writeString(out.resolve("coefficients.csv"), res.radScore.toCsv(), StandardCharsets.UTF_8);
      Files.writeString(out.resolve("rad_score.sql"), res.radScore.sqlExpression() + "\n",
          StandardCharsets.UTF_8);
    }
    res.finalModel.write().overwrite().save(out.resolve("model").toString());
    NestedCrossValidation.Result compareResult = null;
    DeLong.Comparison compareStats = null;
    if (compare != null) {
      NestedCrossValidation.Result other = NestedCrossValidation.run(data, spec.withModelType(compare), false);
      DeLong.Comparison c = NestedCrossValidation.compare(res, other);
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("other_model_type", compare.cliName());
      cm.put("auc", c.auc1());
      cm.put("other_auc", c.auc2());
      cm.put("difference", c.difference());
      cm.put("z", c.z());
      cm.put("p", c.p());
      metrics.put("delong_comparison", cm);
      writePredictions(out.resolve("predictions_" + compare.cliName() + ".csv"), other);
      compareResult = other;
      compareStats = c;
    }
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(out.resolve("metrics.json"), om.writeValueAsString(metrics), StandardCharsets.UTF_8);
    TrainOutputs.Options to = new TrainOutputs.Options();
    to.modelId = a.get("model-name", type.cliName());
    to.registry = Paths.get(a.get("registry", out.resolve("registry").toString()));
    to.trainingTable = featuresPath + (clinicalPath == null ? "" : " + " + clinicalPath);
    if (a.get("external") != null) {
      to.externalFeatures = read(spark, a.get("external"));
      to.externalClinical = a.get("external-clinical") == null ? null : spark.read().option("header", "true")
          .option("inferSchema", "true").csv(a.get("external-clinical"));
      to.externalSource = a.get("external") + (a.get("external-clinical") == null ? ""
          : " + " + a.get("external-clinical"));
    }
    to.crossCheckDir = a.get("export-crosscheck") == null ? null : Paths.get(a.get("export-crosscheck"));
    to.report = !a.flag("no-report");
    ModelMetadata md = TrainOutputs.write(spark, data, spec, res, compareResult, compareStats, to, out);
    System.out.printf(Locale.ROOT, "model %s version %d registered in %s%n", md.modelId, md.version, to.registry);
    System.out.printf(Locale.ROOT, "%s: AUC %.3f (95%% CI %.3f-%.3f) on %d patients; outputs in %s%n",
        type.cliName(), res.auc.auc(), res.auc.ciLow(), res.auc.ciHigh(), res.predictions.size(), out);
    return 0;
  }

  static Dataset<Row> read(SparkSession spark, String path) {
    if (path.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return spark.read().option("header", "true").option("inferSchema", "true").csv(path);
    }
    if (Files.isDirectory(Paths.get(path).resolve("_delta_log"))) {
      return spark.read().format("delta").load(path);
    }
    return spark.read().parquet(path);
  }

  static void writePredictions(Path file, NestedCrossValidation.Result r) throws java.io.IOException {
    StringBuilder sb = new StringBuilder("patient,label,fold,probability\n");
    for (NestedCrossValidation.PatientPrediction p : r.predictions) {
      sb.append('"').append(p.patient().replace("\"", "\"\"")).append("\",").append(p.label()).append(',')
          .append(p.fold()).append(',').append(p.probability()).append('\n');
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }
}
