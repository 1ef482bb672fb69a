package org.sparkradiomics.modeling.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkradiomics.modeling.ModelSpec;
import org.sparkradiomics.modeling.RadiomicsPipeline;

/**
 * LASSO (elastic-net) coefficient path of the final model: the final pipeline's fitted preprocessing (imputation,
 * harmonisation, filters, scaler: fitted once on all training data) is applied to the training data, and the
 * logistic regression is refitted on that scaled matrix for every regParam of the grid with the final model's
 * elasticNetParam. Coefficients are on the standardised scale, one row per lambda (ascending), one column per
 * feature entering the classifier.
 */
public final class LassoPath {
  public final double[] lambdas;
  public final List<String> features;
  /** coefficients[k][j]: feature j at lambdas[k]. */
  public final double[][] coefficients;
  public final double selectedLambda;

  public LassoPath(double[] lambdas, List<String> features, double[][] coefficients, double selectedLambda) {
    this.lambdas = lambdas;
    this.features = features;
    this.coefficients = coefficients;
    this.selectedLambda = selectedLambda;
  }

  /**
   * @param trainingData the prepared training rows (the columns the pipeline reads)
   * @param inputNames names of the classifier's input columns in order ({@link ModelInputs#classifierInputs})
   */
  public static LassoPath compute(PipelineModel model, Dataset<Row> trainingData, ModelSpec spec,
                                  List<String> inputNames) {
    Transformer[] st = model.stages();
    if (!(st[st.length - 1] instanceof LogisticRegressionModel fin)) {
      throw new IllegalArgumentException("the LASSO path needs a logistic model");
    }
    PipelineModel pre = new PipelineModel(model.uid() + "_pre", Arrays.copyOf(st, st.length - 1));
    Dataset<Row> scaled = pre.transform(trainingData).select(RadiomicsPipeline.SCALED, spec.labelCol).cache();
    try {
      double[] lambdas = spec.regParams.clone();
      Arrays.sort(lambdas);
      double[][] coef = new double[lambdas.length][];
      for (int k = 0; k < lambdas.length; k++) {
        LogisticRegressionModel m = new LogisticRegression().setFamily("binomial").setStandardization(true)
            .setFeaturesCol(RadiomicsPipeline.SCALED).setLabelCol(spec.labelCol).setMaxIter(spec.maxIter)
            .setTol(spec.tol).setRegParam(lambdas[k]).setElasticNetParam(fin.getElasticNetParam())
            .fit(scaled);
        coef[k] = m.coefficients().toArray();
      }
      return new LassoPath(lambdas, new ArrayList<>(inputNames), coef, fin.getRegParam());
    } finally {
      scaled.unpersist();
    }
  }
}
