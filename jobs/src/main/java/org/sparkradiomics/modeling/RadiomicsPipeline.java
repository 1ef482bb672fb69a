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
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Builds the modelling Pipeline for a {@link ModelSpec}. Every data-dependent step is an Estimator stage, so it is
 * fitted inside whatever training set the Pipeline is fitted on (inner or outer training fold, or all data for the
 * final model):
 *
 * <pre>
 * [Imputer(median)] -&gt; radiomics: VectorAssembler -&gt; [IccFilter] -&gt; [ComBat by site] -&gt; selection steps
 *   in {@link #selectionSteps} order: [VarianceFilter] -&gt; [CorrelationFilter] -&gt; [UnivariateFilter (Mann-Whitney
 *   + BH)] / [MrmrSelector] / [RfeSelector] / [BorutaSelector] / [StandardScaler -&gt; PcaReducer (last)]
 * clinical: VectorAssembler (no filtering, no harmonisation)
 * -&gt; VectorAssembler(clinical, selected radiomics) -&gt; StandardScaler(mean, sd) -&gt;
 *   classifier
 * </pre>
 * Classifiers ({@link ModelSpec#classifier}): "logistic" (default; LogisticRegression, LASSO when elasticNetParam =
 * 1, elastic net in (0, 1); grid regParam x elasticNetParam), "svm" (LinearSVC, grid regParam; its score is the
 * sigmoid of the margin, a ranking score, not a calibrated probability), "rf" (RandomForestClassifier with numTrees
 * trees, grid maxDepth), "gbt" (GBTClassifier with numTrees boosting rounds, grid maxDepth), "mlp"
 * ({@link MlpClassifier}: hidden layers of size h, grid h over mlpHidden, mlpMaxIter and mlpBlockSize fixed; an
 * SQLTransformer then copies the probability into rawPrediction for the AUC evaluator), "knn" ({@link
 * KnnClassifier}: exact k-NN on the standardised vector, grid k over knnKs).
 */
public final class RadiomicsPipeline {
  public static final String IMPUTED_PREFIX = "__imp_";
  public static final String SELECTED = "__selected";
  public static final String SCALED = "__scaled";
  public static final String PROBABILITY = "probability";

  /** Side column of the MLP's pre-softmax output layer. */
  public static final String MLP_RAW = "__mlp_raw";
  /** Selection steps accepted in {@link ModelSpec#selection}. */
  public static final List<String> STEPS =
      List.of("variance", "correlation", "univariate", "mrmr", "rfe", "boruta", "pca");

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

  /** The radiomics selection steps of {@code spec}, in pipeline order (see {@link ModelSpec#selection}). */
  public static List<String> selectionSteps(ModelSpec spec) {
    List<String> steps = new ArrayList<>();
    if (spec.selection != null) {
      steps.addAll(spec.selection);
    } else {
      if (spec.varianceFilter) {
        steps.add("variance");
      }
      if (spec.correlationFilter) {
        steps.add("correlation");
      }
      if (spec.univariateFilter) {
        steps.add("univariate");
      }
      if (spec.pcaK > 0) {
        steps.add("pca");
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      if (!STEPS.contains(steps.get(i))) {
        throw new IllegalArgumentException("unknown selection step " + steps.get(i) + "; known: " + STEPS);
      }
      if (steps.indexOf(steps.get(i)) != i) {
        throw new IllegalArgumentException("selection step " + steps.get(i) + " listed twice");
      }
      if (steps.get(i).equals("pca") && (i != steps.size() - 1 || spec.pcaK < 1)) {
        throw new IllegalArgumentException("pca must be the last selection step and needs pca_k >= 1");
      }
    }
    return steps;
  }

  /** The ICC filter of {@code spec}: set directly, or computed once from spec.iccTable (memoised in the spec). */
  static IccFilter iccFilter(ModelSpec spec) {
    if (spec.iccFilter == null && spec.iccTable != null) {
      SparkSession spark = SparkSession.active();
      spec.iccFilter = IccFilter.fromRepeats(IccFilter.readTable(spark, spec.iccTable), spec.iccSubjectCol,
          spec.iccRepetitionCol, "feature", "value", spec.iccThreshold);
    }
    return spec.iccFilter;
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
      IccFilter icc = iccFilter(spec);
      if (icc != null) {
        stages.add(icc.copy(ParamMap.empty()).setInputCol(cur).setOutputCol("__radI").forFeatures(rad));
        cur = "__radI";
      }
      if (spec.siteCol != null) {
        stages.add(new ComBat().setInputCol(cur).setOutputCol("__radH").setSiteCol(spec.siteCol));
        cur = "__radH";
      }
      for (String step : selectionSteps(spec)) {
        switch (step) {
          case "variance":
            stages.add(new VarianceFilter().setMinVariance(spec.minVariance).setMaxModeFraction(spec.maxModeFraction)
                .setInputCol(cur).setOutputCol("__radV").setLabelCol(spec.labelCol));
            cur = "__radV";
            break;
          case "correlation":
            stages.add(new CorrelationFilter().setThreshold(spec.correlationThreshold)
                .setMethod(spec.correlationMethod).setInputCol(cur).setOutputCol("__radC")
                .setLabelCol(spec.labelCol));
            cur = "__radC";
            break;
          case "univariate":
            stages.add(new UnivariateFilter().setFdrAlpha(spec.fdrAlpha).setMaxFeatures(spec.maxFeatures)
                .setMinFeatures(spec.minFeatures).setInputCol(cur).setOutputCol("__radU")
                .setLabelCol(spec.labelCol));
            cur = "__radU";
            break;
          case "mrmr":
            stages.add(new MrmrSelector().setK(spec.mrmrK).setBins(spec.mrmrBins).setInputCol(cur)
                .setOutputCol("__radM").setLabelCol(spec.labelCol));
            cur = "__radM";
            break;
          case "rfe":
            stages.add(new RfeSelector().setK(spec.rfeK).setStep(spec.rfeStep).setMaxIter(spec.maxIter)
                .setInputCol(cur).setOutputCol("__radR").setLabelCol(spec.labelCol));
            cur = "__radR";
            break;
          case "boruta":
            stages.add(new BorutaSelector().setMaxRuns(spec.borutaRuns).setAlpha(spec.borutaAlpha)
                .setNumTrees(spec.borutaTrees).setSeed(spec.seed).setInputCol(cur).setOutputCol("__radB")
                .setLabelCol(spec.labelCol));
            cur = "__radB";
            break;
          case "pca":
            stages.add(new StandardScaler().setWithMean(true).setWithStd(true).setInputCol(cur)
                .setOutputCol("__radS"));
            stages.add(new PcaReducer().setK(spec.pcaK).setInputCol("__radS").setOutputCol("__radP"));
            cur = "__radP";
            break;
          default:
            throw new IllegalArgumentException("unknown selection step " + step + "; known: " + STEPS);
        }
      }
      blocks.add(cur);
    }
    stages.add(new VectorAssembler().setInputCols(blocks.toArray(new String[0])).setOutputCol(SELECTED));
    stages.add(new StandardScaler().setWithMean(true).setWithStd(true).setInputCol(SELECTED).setOutputCol(SCALED));
    LogisticRegression lr = null;
    PipelineStage clf;
    PipelineStage after = null;
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
      case "mlp": {
        MlpClassifier mlp = new MlpClassifier().setFeaturesCol(SCALED).setLabelCol(spec.labelCol)
            .setProbabilityCol(PROBABILITY).setRawPredictionCol(MLP_RAW).setHidden(spec.mlpHidden[0])
            .setHiddenLayers(spec.mlpLayers).setMaxIter(spec.mlpMaxIter).setBlockSize(spec.mlpBlockSize)
            .setTol(spec.tol).setSeed(spec.seed);
        gb.addGrid(mlp.hidden(), spec.mlpHidden);
        clf = mlp;
        // The evaluator ranks by rawPrediction[1]: expose the softmax probability there, not the output layer.
        after = new SQLTransformer().setStatement("SELECT *, " + PROBABILITY + " AS rawPrediction FROM __THIS__");
        break;
      }
      case "knn": {
        KnnClassifier knn = new KnnClassifier().setFeaturesCol(SCALED).setLabelCol(spec.labelCol)
            .setProbabilityCol(PROBABILITY).setK(spec.knnKs[0]).setWeighting(spec.knnWeighting);
        gb.addGrid(knn.k(), spec.knnKs);
        clf = knn;
        break;
      }
      default:
        throw new IllegalArgumentException("classifier must be logistic, svm, rf, gbt, mlp or knn, got "
            + spec.classifier);
    }
    stages.add(clf);
    if (after != null) {
      stages.add(after);
    }
    Pipeline p = new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
    ParamMap[] grid = gb.build();
    return new RadiomicsPipeline(p, lr, grid);
  }
}
