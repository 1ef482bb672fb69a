package org.sparkradiomics.modeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.stats.DeLong;

class NestedCrossValidationTest {

  /**
   * Leakage: 300 patients, 200 N(0,1) features, a coin-flip label (seed 2024). The univariate filter keeps the 10
   * features with the smallest Mann-Whitney p (fdrAlpha 1, maxFeatures 10), then LASSO. Nested 3x3 CV (filter fitted
   * inside each training fold) must give AUC within 0.5 +- 0.1; picking the same 10 features on all data first (the
   * classic leak) and then cross-validating only the LASSO must give a clearly higher AUC.
   */
  @Test
  void featureSelectionInsideTheFoldsDoesNotLeak() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> data = Cohorts.noise(spark, 300, 200, 2024).cache();
    ModelSpec spec = new ModelSpec();
    spec.modelType = ModelType.RADIOMICS;
    spec.radiomicsCols = Cohorts.names("x", 200);
    spec.impute = false;
    spec.correlationFilter = false;
    spec.fdrAlpha = 1.0;
    spec.maxFeatures = 10;
    spec.regParams = new double[] {0.003, 0.03};
    spec.maxIter = 20;
    spec.tol = 1e-4;
    spec.outerFolds = 3;
    spec.innerFolds = 3;
    spec.seed = 2024;
    NestedCrossValidation.Result honest = NestedCrossValidation.run(data, spec, false);
    System.out.printf("leakage test: nested-CV AUC %.4f [%.4f, %.4f]%n", honest.auc.auc(), honest.auc.ciLow(),
        honest.auc.ciHigh());
    assertEquals(300, honest.predictions.size());
    assertTrue(Math.abs(honest.auc.auc() - 0.5) <= 0.1, "nested AUC " + honest.auc.auc());

    // The leak: choose the 10 features on all 300 patients, then cross-validate only the classifier.
    Dataset<Row> vec = new VectorAssembler().setInputCols(spec.radiomicsCols.toArray(new String[0]))
        .setOutputCol("v").transform(data);
    int[] top = new UnivariateFilter().setInputCol("v").setOutputCol("s").setLabelCol("label").setFdrAlpha(1.0)
        .setMaxFeatures(10).fit(vec).getSelected();
    ModelSpec leaky = spec.copy();
    List<String> chosen = new ArrayList<>();
    for (int j : top) {
      chosen.add("x" + j);
    }
    leaky.radiomicsCols = chosen;
    leaky.varianceFilter = false;
    leaky.univariateFilter = false;
    NestedCrossValidation.Result leak = NestedCrossValidation.run(data, leaky, false);
    System.out.printf("leakage test: select-then-CV AUC %.4f [%.4f, %.4f]%n", leak.auc.auc(), leak.auc.ciLow(),
        leak.auc.ciHigh());
    assertTrue(leak.auc.auc() > 0.62, "leaky AUC " + leak.auc.auc());
    assertTrue(leak.auc.auc() > honest.auc.auc() + 0.1, "leaky " + leak.auc.auc() + " honest " + honest.auc.auc());
    data.unpersist();
  }

  /**
   * Signal recovery: 400 patients, logit = -0.5 + 1.5 f0 - 1.5 f1 + 1.0 age_z, 10 radiomics features shifted by
   * site (ComBat in the pipeline), clinical age and bmi. The clinical-radiomics LASSO keeps f0 and f1 among the
   * radiomics features and beats the clinical-only model by DeLong on the same patients (p &lt; 0.05). The clinical
   * model's SQL Rad-score reproduces LogisticRegression's margin.
   */
  @Test
  void combinedModelRecoversTheSignalAndBeatsClinical() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> data = Cohorts.signal(spark, 400, 10, 77).cache();
    ModelSpec spec = new ModelSpec();
    spec.siteCol = "site";
    spec.clinicalCols = List.of("age", "bmi");
    spec.radiomicsCols = Cohorts.names("f", 10);
    spec.regParams = new double[] {0.005, 0.02, 0.08};
    spec.maxIter = 30;
    spec.tol = 1e-4;
    spec.outerFolds = 3;
    spec.innerFolds = 3;
    spec.seed = 77;
    NestedCrossValidation.Result combined = NestedCrossValidation.run(data,
        spec.withModelType(ModelType.CLINICAL_RADIOMICS), true);
    NestedCrossValidation.Result clinical = NestedCrossValidation.run(data, spec.withModelType(ModelType.CLINICAL),
        true);
    DeLong.Comparison cmp = NestedCrossValidation.compare(combined, clinical);
    System.out.printf("signal test: combined AUC %.4f [%.4f, %.4f], clinical AUC %.4f [%.4f, %.4f], "
        + "DeLong z %.3f p %.3g%n", combined.auc.auc(), combined.auc.ciLow(), combined.auc.ciHigh(),
        clinical.auc.auc(), clinical.auc.ciLow(), clinical.auc.ciHigh(), cmp.z(), cmp.p());
    System.out.println("signal test: combined Rad-score " + combined.radScore.sqlExpression());
    System.out.println("signal test: metrics " + combined.metrics());
    Set<String> rad = new HashSet<>();
    for (RadScore.Term t : combined.radScore.terms) {
      if (t.source().equals("radiomics")) {
        rad.add(t.feature());
      }
    }
    assertEquals(Set.of("f0", "f1"), rad);
    assertTrue(combined.radScore.terms.stream().anyMatch(t -> t.feature().equals("age")));
    assertTrue(cmp.p() < 0.05, "DeLong p " + cmp.p());
    assertTrue(combined.auc.auc() > clinical.auc.auc());
    assertEquals(400, combined.predictions.size());
    assertEquals(400, clinical.predictions.size());

    // Rad-score SQL of the clinical model (no ComBat, no missing values) = LogisticRegression margin.
    List<Row> rows = clinical.finalModel.transform(data)
        .selectExpr("rawPrediction", clinical.radScore.sqlExpression() + " AS score").collectAsList();
    for (Row r : rows) {
      assertEquals(((Vector) r.get(0)).apply(1), r.getDouble(1), 1e-9);
    }
    data.unpersist();
  }

  /** The other classifiers run in the same leakage-free nested CV: random forest and linear SVM, radiomics only. */
  @Test
  void randomForestAndLinearSvmInNestedCv() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> data = Cohorts.signal(spark, 150, 6, 91).cache();
    ModelSpec spec = new ModelSpec();
    spec.modelType = ModelType.RADIOMICS;
    spec.radiomicsCols = Cohorts.names("f", 6);
    spec.impute = false;
    spec.correlationFilter = false;
    spec.outerFolds = 3;
    spec.innerFolds = 2;
    spec.seed = 91;
    spec.maxIter = 30;
    spec.tol = 1e-4;
    ModelSpec rf = spec.copy();
    rf.classifier = "rf";
    rf.numTrees = 10;
    rf.maxDepths = new int[] {2};
    ModelSpec svm = spec.copy();
    svm.classifier = "svm";
    svm.regParams = new double[] {0.01};
    NestedCrossValidation.Result a = NestedCrossValidation.run(data, rf, false);
    NestedCrossValidation.Result b = NestedCrossValidation.run(data, svm, false);
    System.out.printf("classifiers: rf AUC %.4f, svm AUC %.4f%n", a.auc.auc(), b.auc.auc());
    assertEquals(150, a.predictions.size());
    assertTrue(a.auc.auc() > 0.7, "rf AUC " + a.auc.auc());
    assertTrue(b.auc.auc() > 0.7, "svm AUC " + b.auc.auc());
    assertEquals(2.0, a.foldBestParams.get(0).get("maxDepth"));
    data.unpersist();
  }
}
