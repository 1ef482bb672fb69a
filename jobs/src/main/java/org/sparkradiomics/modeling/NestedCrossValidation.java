package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.max;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkradiomics.modeling.report.BootstrapCi;
import org.sparkradiomics.stats.Calibration;
import org.sparkradiomics.stats.DeLong;
import org.sparkradiomics.stats.Youden;

/**
 * Leakage-free nested cross-validation of a {@link RadiomicsPipeline}.
 *
 * <p>Outer loop: patient-level stratified folds ({@link PatientFolds}); for each outer fold the training part gets
 * its own inner patient-level fold column (assigned within the outer training set only) and an MLlib
 * {@link CrossValidator} ({@code setFoldCol}, {@code setParallelism}) tunes the grid by inner-fold AUC; the best
 * pipeline, refitted on the whole outer training part, predicts the held-out outer fold. Every filter, the
 * harmonisation, the imputation and the scaler are Pipeline stages, so none of them ever sees the held-out fold.
 * Image-level probabilities are averaged per patient. The final model repeats the inner tuning on all data.
 */
public final class NestedCrossValidation {
  public static final String OUTER = "__outer_fold";
  public static final String INNER = "__inner_fold";

  /** Out-of-fold prediction for one patient (mean over the patient's images). */
  public record PatientPrediction(String patient, int label, int fold, double probability) {}

  /** Result of {@link #run}. */
  public static final class Result {
    public final ModelSpec spec;
    public final List<PatientPrediction> predictions;
    public final DeLong.Auc auc;
    public final double[] foldAuc;
    public final List<Map<String, Double>> foldBestParams;
    public final PipelineModel finalModel;
    public final Map<String, Double> finalBestParams;
    public final RadScore radScore;

    Result(ModelSpec spec, List<PatientPrediction> predictions, double[] foldAuc,
           List<Map<String, Double>> foldBestParams, PipelineModel finalModel, Map<String, Double> finalBestParams) {
      this.spec = spec;
      this.predictions = predictions;
      this.foldAuc = foldAuc;
      this.foldBestParams = foldBestParams;
      this.finalModel = finalModel;
      this.finalBestParams = finalBestParams;
      this.auc = DeLong.auc(probabilities(), labels());
      this.radScore = finalModel == null || !spec.classifier.equals("logistic") ? null
          : RadScore.of(finalModel, spec);
    }

    public double[] probabilities() {
      return predictions.stream().mapToDouble(PatientPrediction::probability).toArray();
    }

    public int[] labels() {
      return predictions.stream().mapToInt(PatientPrediction::label).toArray();
    }

    /**
     * Out-of-fold performance: AUC with DeLong CI, Youden threshold metrics, Brier, calibration, net benefit. Brier,
     * calibration intercept and slope get percentile bootstrap 95% intervals over patients ({@link BootstrapCi},
     * {@link BootstrapCi#DEFAULT_REPLICATES} replicates, seed = spec.seed: the same as the nested_cv rows of
     * model_metrics written with the default replicates); {@code bootstrap_valid} counts the replicates that entered
     * each interval (bounds null when none did).
     */
    public Map<String, Object> metrics() {
      double[] p = probabilities();
      int[] y = labels();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model_type", spec.modelType.cliName());
      m.put("classifier", spec.classifier);
      m.put("patients", p.length);
      m.put("positives", auc.positives());
      m.put("auc", auc.auc());
      m.put("auc_se", auc.se());
      m.put("auc_ci95_low", auc.ciLow());
      m.put("auc_ci95_high", auc.ciHigh());
      m.put("fold_auc", foldAuc);
      Youden.Result yd = Youden.best(p, y);
      m.put("youden_threshold", yd.threshold());
      m.put("sensitivity", yd.sensitivity());
      m.put("specificity", yd.specificity());
      m.put("accuracy", yd.accuracy());
      BootstrapCi.Interval[] boot = BootstrapCi.intervals(p, y, null, BootstrapCi.DEFAULT_REPLICATES, spec.seed,
          BootstrapCi.CALIBRATION);
      Calibration.Result c = Calibration.recalibration(p, y);
      Map<String, Integer> valid = new LinkedHashMap<>();
      String[] names = {"brier", "calibration_intercept", "calibration_slope"};
      double[] values = {Calibration.brier(p, y), c.intercept(), c.slope()};
      int[] index = {BootstrapCi.BRIER, BootstrapCi.CALIBRATION_INTERCEPT, BootstrapCi.CALIBRATION_SLOPE};
      for (int k = 0; k < names.length; k++) {
        BootstrapCi.Interval ci = boot[index[k]];
        m.put(names[k], values[k]);
        m.put(names[k] + "_ci95_low", ci.defined() ? ci.low() : null);
        m.put(names[k] + "_ci95_high", ci.defined() ? ci.high() : null);
        valid.put(names[k], ci.valid());
      }
      m.put("bootstrap_replicates", BootstrapCi.DEFAULT_REPLICATES);
      m.put("bootstrap_valid", valid);
      Map<String, Double> nb = new LinkedHashMap<>();
      Map<String, Double> nbAll = new LinkedHashMap<>();
      for (double pt : new double[] {0.1, 0.2, 0.3, 0.4, 0.5}) {
        nb.put(Double.toString(pt), Calibration.netBenefit(p, y, pt));
        nbAll.put(Double.toString(pt), Calibration.netBenefitTreatAll(y, pt));
      }
      m.put("net_benefit", nb);
      m.put("net_benefit_treat_all", nbAll);
      m.put("fold_best_params", foldBestParams);
      m.put("final_best_params", finalBestParams);
      if (radScore != null) {
        m.put("selected_features", radScore.selectedFeatures());
        m.put("rad_score_sql", radScore.sqlExpression());
      }
      return m;
    }
  }

  private NestedCrossValidation() {}

  /** Casts to the modelling schema: patient as string, label as double, site, features as double. */
  static Dataset<Row> prepare(Dataset<Row> data, ModelSpec spec) {
    List<Column> cols = new ArrayList<>();
    cols.add(col(spec.patientCol).cast("string").as(spec.patientCol));
    cols.add(col(spec.labelCol).cast("double").as(spec.labelCol));
    if (spec.siteCol != null) {
      cols.add(col(spec.siteCol).cast("string").as(spec.siteCol));
    }
    for (String c : spec.usedClinical()) {
      cols.add(col("`" + c + "`").cast("double").as(c));
    }
    for (String c : spec.usedRadiomics()) {
      cols.add(col("`" + c + "`").cast("double").as(c));
    }
    return data.select(cols.toArray(new Column[0])).filter(col(spec.labelCol).isNotNull());
  }

  static CrossValidator innerCv(ModelSpec spec, RadiomicsPipeline rp) {
    return new CrossValidator().setEstimator(rp.pipeline).setEstimatorParamMaps(rp.grid)
        .setEvaluator(new BinaryClassificationEvaluator().setLabelCol(spec.labelCol)
            .setRawPredictionCol("rawPrediction").setMetricName("areaUnderROC"))
        .setNumFolds(spec.innerFolds).setFoldCol(INNER).setParallelism(spec.parallelism).setSeed(spec.seed);
  }

  static Map<String, Double> bestParams(CrossValidatorModel m, RadiomicsPipeline rp) {
    double[] metrics = m.avgMetrics();
    int best = 0;
    for (int i = 1; i < metrics.length; i++) {
      if (metrics[i] > metrics[best]) {
        best = i;
      }
    }
    ParamMap pm = rp.grid[best];
    Map<String, Double> out = new LinkedHashMap<>();
    for (org.apache.spark.ml.param.ParamPair<?> pp : pm.toList()) {
      if (pp.value() instanceof Number n) {
        out.put(pp.param().name(), n.doubleValue());
      }
    }
    out.put("inner_auc", metrics[best]);
    return out;
  }

  /** Runs nested CV and fits the final model on all data ({@code fitFinal}). */
  public static Result run(Dataset<Row> data, ModelSpec spec, boolean fitFinal) {
    RadiomicsPipeline rp = RadiomicsPipeline.build(spec);
    Dataset<Row> d = PatientFolds.assign(prepare(data, spec), spec.patientCol, spec.labelCol, spec.outerFolds,
        spec.seed, OUTER).cache();
    List<PatientPrediction> preds = new ArrayList<>();
    double[] foldAuc = new double[spec.outerFolds];
    List<Map<String, Double>> foldParams = new ArrayList<>();
    try {
      for (int f = 0; f < spec.outerFolds; f++) {
        Dataset<Row> train = PatientFolds.assign(d.filter(col(OUTER).notEqual(f)), spec.patientCol, spec.labelCol,
            spec.innerFolds, spec.seed + 7919L * (f + 1), INNER).cache();
        Dataset<Row> test = d.filter(col(OUTER).equalTo(f));
        try {
          CrossValidatorModel m = innerCv(spec, rp).fit(train);
          foldParams.add(bestParams(m, rp));
          List<PatientPrediction> fp = patientPredictions(m.bestModel().transform(test), spec, f);
          preds.addAll(fp);
          double[] p = fp.stream().mapToDouble(PatientPrediction::probability).toArray();
          int[] y = fp.stream().mapToInt(PatientPrediction::label).toArray();
          foldAuc[f] = Arrays.stream(y).distinct().count() == 2 ? DeLong.auc(p, y).auc() : Double.NaN;
        } finally {
          train.unpersist();
        }
      }
      PipelineModel fin = null;
      Map<String, Double> finParams = null;
      if (fitFinal) {
        Dataset<Row> all = PatientFolds.assign(d.drop(OUTER), spec.patientCol, spec.labelCol, spec.innerFolds,
            spec.seed + 104729L, INNER).cache();
        try {
          CrossValidatorModel m = innerCv(spec, rp).fit(all);
          fin = (PipelineModel) m.bestModel();
          finParams = bestParams(m, rp);
        } finally {
          all.unpersist();
        }
      }
      preds.sort((a, b) -> a.patient().compareTo(b.patient()));
      return new Result(spec, preds, foldAuc, foldParams, fin, finParams);
    } finally {
      d.unpersist();
    }
  }

  /** Mean predicted probability of label 1 per patient. */
  static List<PatientPrediction> patientPredictions(Dataset<Row> scored, ModelSpec spec, int fold) {
    List<Row> rows = scored
        .withColumn("__p1", RadiomicsPipeline.score(spec))
        .groupBy(col(spec.patientCol)).agg(avg("__p1").as("p"), max(col(spec.labelCol)).as("y"),
            first(col(OUTER)).as("f"))
        .collectAsList();
    List<PatientPrediction> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(new PatientPrediction(r.getString(0), (int) Math.round(r.getDouble(2)), fold, r.getDouble(1)));
    }
    return out;
  }

  /**
   * Paired DeLong comparison of two results on the same patients (inner join on patient id); model a minus b.
   */
  public static DeLong.Comparison compare(Result a, Result b) {
    Map<String, PatientPrediction> bm = new LinkedHashMap<>();
    for (PatientPrediction p : b.predictions) {
      bm.put(p.patient(), p);
    }
    List<double[]> pairs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (PatientPrediction p : a.predictions) {
      PatientPrediction q = bm.get(p.patient());
      if (q != null) {
        pairs.add(new double[] {p.probability(), q.probability()});
        ys.add(p.label());
      }
    }
    double[] s1 = new double[pairs.size()];
    double[] s2 = new double[pairs.size()];
    int[] y = new int[pairs.size()];
    for (int i = 0; i < s1.length; i++) {
      s1[i] = pairs.get(i)[0];
      s2[i] = pairs.get(i)[1];
      y[i] = ys.get(i);
    }
    return DeLong.compare(s1, s2, y);
  }
}
