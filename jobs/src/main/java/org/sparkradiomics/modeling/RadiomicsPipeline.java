package org.sparkradiomics.modeling;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Builds the modelling Pipeline for a {@link ModelSpec}. Every data-dependent step is an Estimator stage, so it is
 * fitted inside whatever training set the Pipeline is fitted on (inner or outer training fold, or all data for the
 * final model):
 *
 * <pre>
 * [Imputer(median)] -&gt; radiomics: VectorAssembler -&gt; [ComBat by site] -&gt; [VarianceFilter] -&gt;
 *   [CorrelationFilter] -&gt; [UnivariateFilter (Mann-Whitney + BH)]
 * clinical: VectorAssembler (no filtering, no harmonisation)
 * -&gt; VectorAssembler(clinical, selected radiomics) -&gt; StandardScaler(mean, sd) -&gt;
 *   classifier
 * </pre>
 * Classifiers ({@link ModelSpec#classifier}): "logistic" (default; LogisticRegression, LASSO when elasticNetParam =
 * 1, elastic net in (0, 1); grid regParam x elasticNetParam), "svm" (LinearSVC, grid regParam; its score is the
 * sigmoid of the margin, a ranking score, not a calibrated probability), "rf" (RandomForestClassifier with numTrees
 * trees, grid maxDepth), "gbt" (GBTClassifier with numTrees boosting rounds, grid maxDepth).
 */
public final class RadiomicsPipeline {
  public static final String IMPUTED_PREFIX = "__imp_";
  public static final String SELECTED = "__selected";
  public static final String SCALED = "__scaled";
  public static final String PROBABILITY = "probability";

  public final Pipeline pipeline;
  /** The LogisticRegression stage, or null for the other classifiers. */
  public final LogisticRegression lr;
  public final ParamMap[] grid;

  private RadiomicsPipeline(Pipeline pipeline, LogisticRegression lr, ParamMap[] grid) {
    this.pipeline = pipeline;
    this.lr = lr;
    this.grid = grid;
  }

  /** Probability of label 1 (sigmoid of the margin for the SVM) from a transformed dataset. */
  public static Column score(ModelSpec spec) {
    if (spec.classifier.equals("svm")) {
      Column margin = org.apache.spark.ml.functions.vector_to_array(functions.col("rawPrediction"), "float64")
          .getItem(1);
      return functions.lit(1.0).divide(functions.lit(1.0).plus(functions.exp(margin.multiply(-1.0))));
    }
    return org.apache.spark.ml.functions.vector_to_array(functions.col(PROBABILITY), "float64").getItem(1);
  }

  public static RadiomicsPipeline build(ModelSpec spec) {
    List<String> clin = spec.usedClinical();
    List<String> rad = spec.usedRadiomics();
    if (clin.isEmpty() && rad.isEmpty()) {
      throw new IllegalArgumentException("model type " + spec.modelType.cliName() + " has no feature columns");
    }
    List<PipelineStage> stages = new ArrayList<>();
    List<String> clinIn = new ArrayList<>(clin);
    List<String> radIn = new ArrayList<>(rad);
    if (spec.impute) {
      List<String> all = new ArrayList<>(clin);
      all.addAll(rad);
      String[] out = all.stream().map(c -> IMPUTED_PREFIX + c).toArray(String[]::new);
      stages.add(new Imputer().setStrategy("median").setInputCols(all.toArray(new String[0])).setOutputCols(out));
      clinIn.replaceAll(c -> IMPUTED_PREFIX + c);
      radIn.replaceAll(c -> IMPUTED_PREFIX + c);
    }
    List<String> blocks = new ArrayList<>();
    if (!clinIn.isEmpty()) {
      stages.add(new VectorAssembler().setInputCols(clinIn.toArray(new String[0])).setOutputCol("__clin"));
      blocks.add("__clin");
    }
    if (!radIn.isEmpty()) {
      stages.add(new VectorAssembler().setInputCols(radIn.toArray(new String[0])).setOutputCol("__rad0"));
      String cur = "__rad0";
      if (spec.siteCol != null) {
        stages.add(new ComBat().setInputCol(cur).setOutputCol("__radH").setSiteCol(spec.siteCol));
        cur = "__radH";
      }
      if (spec.varianceFilter) {
        stages.add(new VarianceFilter().setMinVariance(spec.minVariance).setMaxModeFraction(spec.maxModeFraction)
            .setInputCol(cur).setOutputCol("__radV").setLabelCol(spec.labelCol));
        cur = "__radV";
      }
      if (spec.correlationFilter) {
        stages.add(new CorrelationFilter().setThreshold(spec.correlationThreshold)
            .setMethod(spec.correlationMethod).setInputCol(cur).setOutputCol("__radC").setLabelCol(spec.labelCol));
        cur = "__radC";
      }
      if (spec.univariateFilter) {
        stages.add(new UnivariateFilter().setFdrAlpha(spec.fdrAlpha).setMaxFeatures(spec.maxFeatures)
            .setMinFeatures(spec.minFeatures).setInputCol(cur).setOutputCol("__radU").setLabelCol(spec.labelCol));
        cur = "__radU";
      }
      blocks.add(cur);
    }
    stages.add(new VectorAssembler().setInputCols(blocks.toArray(new String[0])).setOutputCol(SELECTED));
    stages.add(new StandardScaler().setWithMean(true).setWithStd(true).setInputCol(SELECTED).setOutputCol(SCALED));
    LogisticRegression lr = null;
    PipelineStage clf;
    ParamGridBuilder gb = new ParamGridBuilder();
    switch (spec.classifier) {
      case "logistic": {
        lr = new LogisticRegression().setFamily("binomial").setStandardization(true)
            .setFeaturesCol(SCALED).setLabelCol(spec.labelCol).setProbabilityCol(PROBABILITY)
            .setMaxIter(spec.maxIter).setTol(spec.tol).setElasticNetParam(spec.elasticNetParams[0]);
        gb.addGrid(lr.regParam(), spec.regParams).addGrid(lr.elasticNetParam(), spec.elasticNetParams);
        clf = lr;
        break;
      }
      case "svm": {
        LinearSVC svm = new LinearSVC().setFeaturesCol(SCALED).setLabelCol(spec.labelCol).setMaxIter(spec.maxIter)
            .setTol(spec.tol).setStandardization(true);
        gb.addGrid(svm.regParam(), spec.regParams);
        clf = svm;
        break;
      }
      case "rf": {
        RandomForestClassifier rf = new RandomForestClassifier().setFeaturesCol(SCALED).setLabelCol(spec.labelCol)
            .setProbabilityCol(PROBABILITY).setNumTrees(spec.numTrees).setSeed(spec.seed);
        gb.addGrid(rf.maxDepth(), spec.maxDepths);
        clf = rf;
        break;
      }
      case "gbt": {
        GBTClassifier gbt = new GBTClassifier().setFeaturesCol(SCALED).setLabelCol(spec.labelCol)
            .setProbabilityCol(PROBABILITY).setMaxIter(spec.numTrees).setSeed(spec.seed);
        gb.addGrid(gbt.maxDepth(), spec.maxDepths);
        clf = gbt;
        break;
      }
      default:
        throw new IllegalArgumentException("classifier must be logistic, svm, rf or gbt, got " + spec.classifier);
    }
    stages.add(clf);
    Pipeline p = new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
    ParamMap[] grid = gb.build();
    return new RadiomicsPipeline(p, lr, grid);
  }
}
