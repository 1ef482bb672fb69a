package org.sparkradiomics.modeling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.StandardScalerModel;

/**
 * The Rad-score of a fitted pipeline: score = b0 + sum_i b_i * z_i over the features kept by the filters, with
 * z_i = (x_i - mean_i) / sd_i the StandardScaler output fitted on the training data, x_i the value entering the
 * scaler (after imputation and, when a site column is set, ComBat harmonisation). P(label = 1) = 1 / (1 + e^-score).
 * Only non-zero coefficients appear in the table and in the SQL expression.
 */
public final class RadScore {
  /** One term of the score. {@code source} is "clinical" or "radiomics". */
  public record Term(String feature, String source, double coefficient, double mean, double sd) {}

  public final double intercept;
  public final List<Term> terms;

  RadScore(double intercept, List<Term> terms) {
    this.intercept = intercept;
    this.terms = terms;
  }

  /** Reads the score from a pipeline built by {@link RadiomicsPipeline} for {@code spec}; null with a PCA step. */
  public static RadScore of(PipelineModel model, ModelSpec spec) {
    List<String> clin = new ArrayList<>(spec.usedClinical());
    List<String> rad = new ArrayList<>(spec.usedRadiomics());
    StandardScalerModel scaler = null;
    LogisticRegressionModel lr = null;
    for (Transformer t : model.stages()) {
      if (t instanceof VectorSelectionModel<?> sel) {
        int[] idx = sel.getSelected();
        List<String> next = new ArrayList<>(idx.length);
        for (int i : idx) {
          next.add(rad.get(i));
        }
        rad = next;
      } else if (t instanceof org.apache.spark.ml.feature.PCAModel) {
        return null; // the classifier sees principal components, not features: no per-feature Rad-score
      } else if (t instanceof StandardScalerModel s) {
        scaler = s;
      } else if (t instanceof LogisticRegressionModel l) {
        lr = l;
      }
    }
    if (scaler == null || lr == null) {
      throw new IllegalArgumentException("pipeline has no StandardScaler + LogisticRegression");
    }
    double[] b = lr.coefficients().toArray();
    double[] mu = scaler.mean().toArray();
    double[] sd = scaler.std().toArray();
    List<Term> terms = new ArrayList<>();
    for (int i = 0; i < b.length; i++) {
      boolean isClin = i < clin.size();
      String name = isClin ? clin.get(i) : rad.get(i - clin.size());
      if (b[i] != 0) {
        terms.add(new Term(name, isClin ? "clinical" : "radiomics", b[i], mu[i], sd[i]));
      }
    }
    return new RadScore(lr.intercept(), terms);
  }

  public List<String> selectedFeatures() {
    List<String> s = new ArrayList<>();
    for (Term t : terms) {
      s.add(t.feature());
    }
    return s;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.10g", v);
  }

  /** Spark SQL expression of the score on the scaler-input columns, e.g. {@code 0.1 + 0.5 * ((`f` - 2) / 3)}. */
  public String sqlExpression() {
    StringBuilder sb = new StringBuilder("(").append(num(intercept)).append(")");
    for (Term t : terms) {
      sb.append(" + (").append(num(t.coefficient())).append(") * ((`").append(t.feature().replace("`", "``"))
          .append("` - (").append(num(t.mean())).append(")) / ").append(num(t.sd() > 0 ? t.sd() : 1)).append(")");
    }
    return sb.toString();
  }

  /** CSV: feature,source,coefficient,mean,sd with the intercept as the first row. */
  public String toCsv() {
    StringBuilder sb = new StringBuilder("feature,source,coefficient,scaler_mean,scaler_sd\n");
    sb.append("(intercept),,").append(num(intercept)).append(",,\n");
    for (Term t : terms) {
      sb.append('"').append(t.feature().replace("\"", "\"\"")).append("\",").append(t.source()).append(',')
          .append(num(t.coefficient())).append(',').append(num(t.mean())).append(',').append(num(t.sd()))
          .append('\n');
    }
    return sb.toString();
  }
}
