package org.sparkradiomics.modeling.report;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.modeling.ModelSpec;
import org.sparkradiomics.modeling.NestedCrossValidation;
import org.sparkradiomics.modeling.RadiomicsPipeline;
import org.sparkradiomics.stats.DeLong;

/**
 * Exports what an outside implementation needs to re-fit the classifier of a nested-CV run on the same data:
 *
 * <ul>
 *   <li>{@code folds.csv}: patient, outer fold (from the run's out-of-fold predictions);
 *   <li>{@code fold_K.csv} for each outer fold K: one row per image row of the whole cohort, columns
 *       {@code patient,label,role,<features>} where role is train or test and the features are the classifier's
 *       inputs <em>before standardisation</em> (the scaler input: after median imputation, ComBat and the selection
 *       filters, all fitted on that fold's training rows, exactly as in the run);
 *   <li>{@code crosscheck.json}: per fold the selected regParam and elasticNetParam, the feature names, the number
 *       of training rows, maxIter and tol; our pooled out-of-fold AUC (the run's) and the AUC of this export's own
 *       refits (which must equal it).
 * </ul>
 * Each fold's pipeline is refitted here with that fold's tuned parameters on the fold's training rows, as
 * CrossValidator refits its best model, so the filters select the same features the run's fold model used.
 */
public final class CrossCheckExport {
  private CrossCheckExport() {}

  public static Map<String, Object> write(Dataset<Row> data, ModelSpec spec, NestedCrossValidation.Result res,
                                          Path dir) throws IOException {
    if (!"logistic".equals(spec.classifier)) {
      throw new IllegalArgumentException("the cross-check export needs the logistic classifier");
    }
    Files.createDirectories(dir);
    SparkSession spark = data.sparkSession();
    List<Row> foldRows = new ArrayList<>();
    StringBuilder folds = new StringBuilder("patient,fold\n");
    for (NestedCrossValidation.PatientPrediction p : res.predictions) {
      foldRows.add(org.apache.spark.sql.RowFactory.create(p.patient(), p.fold()));
      folds.append(csv(p.patient())).append(',').append(p.fold()).append('\n');
    }
    Files.writeString(dir.resolve("folds.csv"), folds.toString(), StandardCharsets.UTF_8);
    Dataset<Row> fa = spark.createDataFrame(foldRows, new org.apache.spark.sql.types.StructType()
        .add("__p", "string").add("__fold", "int"));
    Dataset<Row> d = Prepared.of(data, spec);
    d = d.join(fa, d.col(spec.patientCol).equalTo(fa.col("__p")), "inner").drop("__p").cache();
    RadiomicsPipeline rp = RadiomicsPipeline.build(spec);
    List<Map<String, Object>> foldInfo = new ArrayList<>();
    List<Double> pooledP = new ArrayList<>();
    List<Integer> pooledY = new ArrayList<>();
    try {
      for (int f = 0; f < spec.outerFolds; f++) {
        Map<String, Double> best = res.foldBestParams.get(f);
        ParamMap pm = new ParamMap();
        pm.put(rp.lr.regParam().w(best.get("regParam")));
        pm.put(rp.lr.elasticNetParam().w(best.getOrDefault("elasticNetParam", spec.elasticNetParams[0])));
        Dataset<Row> train = d.filter(col("__fold").notEqual(f));
        long nTrain = train.count();
        PipelineModel m = (PipelineModel) rp.pipeline.fit(train, pm);
        List<String> clin = spec.usedClinical();
        ModelInputs in = ModelInputs.of(m, clin, spec.usedRadiomics());
        Transformer[] st = m.stages();
        int scalerAt = -1;
        for (int i = 0; i < st.length; i++) {
          if (st[i] instanceof StandardScalerModel) {
            scalerAt = i;
          }
        }
        PipelineModel pre = new PipelineModel(m.uid() + "_x", Arrays.copyOf(st, scalerAt));
        List<Row> rows = pre.transform(d).select(col(spec.patientCol), col(spec.labelCol), col("__fold"),
            col(RadiomicsPipeline.SELECTED)).orderBy(col(spec.patientCol)).collectAsList();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("fold_" + f + ".csv"), StandardCharsets.UTF_8)) {
          w.write("patient,label,role");
          for (String n : in.names) {
            w.write(',');
            w.write(csv(n));
          }
          w.write('\n');
          for (Row r : rows) {
            w.write(csv(r.getString(0)));
            w.write(',');
            w.write(Integer.toString((int) r.getDouble(1)));
            w.write(r.getInt(2) == f ? ",test" : ",train");
            double[] x = ((Vector) r.get(3)).toArray();
            for (double v : x) {
              w.write(',');
              w.write(Double.toString(v));
            }
            w.write('\n');
          }
        }
        for (Row r : m.transform(d.filter(col("__fold").equalTo(f))).groupBy(spec.patientCol)
            .agg(org.apache.spark.sql.functions.avg(RadiomicsPipeline.score(spec)),
                org.apache.spark.sql.functions.max(col(spec.labelCol))).collectAsList()) {
          pooledP.add(r.getDouble(1));
          pooledY.add((int) r.getDouble(2));
        }
        Map<String, Object> fi = new LinkedHashMap<>();
        fi.put("fold", f);
        fi.put("reg_param", best.get("regParam"));
        fi.put("elastic_net_param", best.getOrDefault("elasticNetParam", spec.elasticNetParams[0]));
        fi.put("n_train_rows", nTrain);
        fi.put("features", in.names);
        fi.put("nonzero_coefficients", Arrays.stream(in.logistic.coefficients().toArray()).filter(v -> v != 0)
            .count());
        foldInfo.add(fi);
      }
    } finally {
      d.unpersist();
    }
    double[] p = pooledP.stream().mapToDouble(Double::doubleValue).toArray();
    int[] y = pooledY.stream().mapToInt(Integer::intValue).toArray();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("description", "per-fold scaler-input matrices of a spark-radiomics nested-CV run; refit the "
        + "logistic regression with the fold's reg_param and elastic_net_param and pool the out-of-fold patient "
        + "probabilities (mean per patient)");
    out.put("auc_ours", res.auc.auc());
    out.put("auc_ours_refit", DeLong.auc(p, y).auc());
    out.put("max_iter", spec.maxIter);
    out.put("tol", spec.tol);
    out.put("outer_folds", spec.outerFolds);
    out.put("folds", foldInfo);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("crosscheck.json")
        .toFile(), out);
    return out;
  }

  static String csv(String s) {
    return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
