package org.sparkradiomics.modeling;

import java.util.Arrays;
import java.util.List;

/**
 * Everything that defines one modelling experiment: columns, model type, filter settings, the tuning grid and the
 * cross-validation design. Mutable with fluent setters; defaults are the documented experiment defaults.
 */
public final class ModelSpec {
  public String patientCol = "patient_id";
  public String labelCol = "label";
  /** Site column for ComBat; null disables harmonisation. */
  public String siteCol;
  public List<String> clinicalCols = List.of();
  public List<String> radiomicsCols = List.of();
  public ModelType modelType = ModelType.CLINICAL_RADIOMICS;

  /** Median imputation of missing values (fitted on the training fold). */
  public boolean impute = true;
  public boolean varianceFilter = true;
  public double minVariance = 0.0;
  public double maxModeFraction = 1.0;
  public boolean correlationFilter = true;
  public double correlationThreshold = 0.9;
  public String correlationMethod = "spearman";
  public boolean univariateFilter = true;
  public double fdrAlpha = 0.05;
  public int maxFeatures = 0;
  public int minFeatures = 1;

  /** logistic (default), svm, rf or gbt; see {@link RadiomicsPipeline}. */
  public String classifier = "logistic";
  /** Trees (rf) or boosting rounds (gbt). */
  public int numTrees = 100;
  /** maxDepth grid for rf / gbt. */
  public int[] maxDepths = {2, 4};
  /** LogisticRegression elasticNetParam values (1 = LASSO, (0,1) = elastic net). */
  public double[] elasticNetParams = {1.0};
  /** LogisticRegression regParam grid; default 20 values log-spaced from 1e-3 to 1. */
  public double[] regParams = logSpace(1e-3, 1, 20);
  public int maxIter = 100;
  /** LogisticRegression convergence tolerance. */
  public double tol = 1e-6;

  /**
   * Ordered radiomics selection steps after ComBat: variance, correlation, univariate, mrmr, rfe, boruta, pca (pca
   * last). null (default) = the legacy flags varianceFilter / correlationFilter / univariateFilter, in that order,
   * plus pca when pcaK &gt; 0. LASSO is not a step: it is the L1 penalty of the logistic classifier.
   */
  public List<String> selection;
  public int mrmrK = 10;
  /** Equal-frequency bins per feature for the mRMR mutual information. */
  public int mrmrBins = 5;
  public int rfeK = 10;
  /** Fraction of the remaining features removed per RFE round. */
  public double rfeStep = 0.2;
  public int borutaRuns = 50;
  public double borutaAlpha = 0.05;
  public int borutaTrees = 100;
  /** Principal components (0 = no PCA unless "pca" is a selection step). */
  public int pcaK = 0;
  /**
   * ICC stability pre-filter: a long repeat table (CSV / Delta / Parquet) with columns iccSubjectCol,
   * iccRepetitionCol, feature, value; null = no ICC filter. Resolved once into {@link #iccFilter}.
   */
  public String iccTable;
  public double iccThreshold = 0.75;
  public String iccSubjectCol = "roi_id";
  public String iccRepetitionCol = "repetition";
  /** The ICC filter ({@link IccFilter#fromRepeats}); set directly or resolved from iccTable by the pipeline. */
  public IccFilter iccFilter;
  /** knn grid of neighbour counts and the weighting (uniform or distance). */
  public int[] knnKs = {5, 15, 31};
  public String knnWeighting = "uniform";
  /** mlp grid of hidden-layer sizes, the number of hidden layers, fixed L-BFGS iterations and block size. */
  public int[] mlpHidden = {4, 8};
  public int mlpLayers = 1;
  public int mlpMaxIter = 100;
  public int mlpBlockSize = 128;

  public int outerFolds = 5;
  public int innerFolds = 3;
  public long seed = 42;
  public int parallelism = 2;

  public static double[] logSpace(double from, double to, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = n == 1 ? from : from * Math.pow(to / from, i / (double) (n - 1));
    }
    return v;
  }

  public List<String> usedClinical() {
    return modelType.clinical ? clinicalCols : List.of();
  }

  public List<String> usedRadiomics() {
    return modelType.radiomics ? radiomicsCols : List.of();
  }

  public ModelSpec copy() {
    ModelSpec s = new ModelSpec();
    s.patientCol = patientCol;
    s.labelCol = labelCol;
    s.siteCol = siteCol;
    s.clinicalCols = clinicalCols;
    s.radiomicsCols = radiomicsCols;
    s.modelType = modelType;
    s.impute = impute;
    s.varianceFilter = varianceFilter;
    s.minVariance = minVariance;
    s.maxModeFraction = maxModeFraction;
    s.correlationFilter = correlationFilter;
    s.correlationThreshold = correlationThreshold;
    s.correlationMethod = correlationMethod;
    s.univariateFilter = univariateFilter;
    s.fdrAlpha = fdrAlpha;
    s.maxFeatures = maxFeatures;
    s.minFeatures = minFeatures;
    s.elasticNetParams = elasticNetParams.clone();
    s.regParams = regParams.clone();
    s.maxIter = maxIter;
    s.classifier = classifier;
    s.numTrees = numTrees;
    s.maxDepths = maxDepths.clone();
    s.tol = tol;
    s.selection = selection == null ? null : List.copyOf(selection);
    s.mrmrK = mrmrK;
    s.mrmrBins = mrmrBins;
    s.rfeK = rfeK;
    s.rfeStep = rfeStep;
    s.borutaRuns = borutaRuns;
    s.borutaAlpha = borutaAlpha;
    s.borutaTrees = borutaTrees;
    s.pcaK = pcaK;
    s.iccTable = iccTable;
    s.iccThreshold = iccThreshold;
    s.iccSubjectCol = iccSubjectCol;
    s.iccRepetitionCol = iccRepetitionCol;
    s.iccFilter = iccFilter;
    s.knnKs = knnKs.clone();
    s.knnWeighting = knnWeighting;
    s.mlpHidden = mlpHidden.clone();
    s.mlpLayers = mlpLayers;
    s.mlpMaxIter = mlpMaxIter;
    s.mlpBlockSize = mlpBlockSize;
    s.outerFolds = outerFolds;
    s.innerFolds = innerFolds;
    s.seed = seed;
    s.parallelism = parallelism;
    return s;
  }

  public ModelSpec withModelType(ModelType t) {
    ModelSpec s = copy();
    s.modelType = t;
    return s;
  }

  @Override
  public String toString() {
    return "ModelSpec{type=" + modelType.cliName() + ", classifier=" + classifier + ", clinical=" + usedClinical().size() + ", radiomics="
        + usedRadiomics().size() + ", site=" + siteCol + ", regParams=" + Arrays.toString(regParams)
        + ", elasticNet=" + Arrays.toString(elasticNetParams) + ", folds=" + outerFolds + "x" + innerFolds
        + ", seed=" + seed + ", selection=" + (selection != null ? selection : RadiomicsPipeline.selectionSteps(this)) + "}";
  }
}
