package org.sparkradiomics.modeling.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkradiomics.modeling.RadiomicsPipeline;

/**
 * The nomogram of a fitted logistic pipeline. On the scaler-input scale x_j (after imputation and harmonisation) the
 * model is LP = b0 + sum_j b_j (x_j - mu_j) / sd_j, i.e. raw coefficients beta_j = b_j / sd_j and intercept
 * a = b0 - sum_j b_j mu_j / sd_j. Each clinical variable with a non-zero coefficient is its own nomogram row; the
 * radiomics terms are summed into one row, the Rad-score R = sum_{radiomics j} beta_j x_j (coefficient 1). Ranges are
 * the minimum and maximum over the training rows, computed on the pipeline's own scaler input.
 */
public final class NomogramData {
  private NomogramData() {}

  public static Nomogram build(PipelineModel model, Dataset<Row> training, ModelInputs in) {
    if (in.logistic == null || in.scaler == null) {
      throw new IllegalArgumentException("a nomogram needs the logistic model");
    }
    double[] b = in.logistic.coefficients().toArray();
    double[] mu = in.scaler.mean().toArray();
    double[] sd = in.scaler.std().toArray();
    double a = in.logistic.intercept();
    double[] beta = new double[b.length];
    for (int j = 0; j < b.length; j++) {
      beta[j] = sd[j] > 0 ? b[j] / sd[j] : 0;
      a -= beta[j] * mu[j];
    }
    Transformer[] st = model.stages();
    int upto = 0;
    for (int i = 0; i < st.length; i++) {
      if (st[i] instanceof org.apache.spark.ml.feature.StandardScalerModel) {
        upto = i;
      }
    }
    PipelineModel pre = new PipelineModel(model.uid() + "_nomo", Arrays.copyOf(st, upto));
    Column x = org.apache.spark.ml.functions.vector_to_array(col(RadiomicsPipeline.SELECTED), "float64");
    List<Column> aggs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Double> betas = new ArrayList<>();
    Column rad = lit(0.0);
    boolean anyRad = false;
    for (int j = 0; j < b.length; j++) {
      if (beta[j] == 0) {
        continue;
      }
      if (in.isClinical(j)) {
        aggs.add(min(x.getItem(j)));
        aggs.add(max(x.getItem(j)));
        names.add(in.names.get(j));
        betas.add(beta[j]);
      } else {
        rad = rad.plus(x.getItem(j).multiply(beta[j]));
        anyRad = true;
      }
    }
    if (anyRad) {
      aggs.add(min(rad));
      aggs.add(max(rad));
      names.add("Rad-score");
      betas.add(1.0);
    }
    if (aggs.isEmpty()) {
      throw new IllegalArgumentException("every coefficient of the final model is zero: no nomogram");
    }
    Row r = pre.transform(training).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    List<Nomogram.Variable> vars = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      vars.add(new Nomogram.Variable(names.get(k), betas.get(k), r.getDouble(2 * k), r.getDouble(2 * k + 1)));
    }
    return new Nomogram(a, vars);
  }
}
