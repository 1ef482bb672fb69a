package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.stats.DeLong;

class KnnMlpTest {
  /** Brute force: all n distances, sorted by (distance, index), first min(k, n); weights as documented. */
  static double bruteForce(double[][] train, double[] y, double[] q, int k, boolean distance) {
    int n = train.length;
    double[] d2 = new double[n];
    Integer[] idx = new Integer[n];
    for (int t = 0; t < n; t++) {
      idx[t] = t;
      for (int j = 0; j < q.length; j++) {
        d2[t] += (q[j] - train[t][j]) * (q[j] - train[t][j]);
      }
    }
    Arrays.sort(idx, Comparator.<Integer>comparingDouble(t -> d2[t]).thenComparingInt(t -> t));
    int kk = Math.min(k, n);
    boolean exact = distance && d2[idx[0]] == 0;
    double ws = 0;
    double wp = 0;
    for (int i = 0; i < kk; i++) {
      int t = idx[i];
      double w = !distance ? 1 : exact ? (d2[t] == 0 ? 1 : 0) : 1 / Math.sqrt(d2[t]);
      ws += w;
      wp += w * y[t];
    }
    return wp / ws;
  }

  /**
   * Integer coordinates in {0..3}^3 (many distance ties, some queries equal to training points): the distributed
   * scores equal the brute-force ones for k in {1, 4, 7, 60, 100 > n}, uniform and distance weighting, and the
   * neighbour order (distance, then training index) matches.
   */
  @Test
  void knnEqualsBruteForce() {
    SparkSession spark = TestSpark.get();
    Random r = new Random(4);
    int n = 60;
    double[][] train = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        train[i][j] = r.nextInt(4);
      }
      y[i] = train[i][0] + r.nextGaussian() > 1.5 ? 1 : 0;
    }
    int m = 30;
    double[][] query = new double[m][];
    for (int i = 0; i < m; i++) {
      query[i] = i % 5 == 0 ? train[i].clone() : new double[] {r.nextInt(4), r.nextInt(4) + 0.5, r.nextInt(4)};
    }
    Dataset<Row> tr = FiltersTest.frame(spark, y, null, train);
    Dataset<Row> qs = FiltersTest.frame(spark, new double[m], null, query).repartition(3);
    for (String w : new String[] {"uniform", "distance"}) {
      for (int k : new int[] {1, 4, 7, 60, 100}) {
        KnnModel model = new KnnClassifier().setK(k).setWeighting(w).fit(tr);
        List<Row> out = model.transform(qs).select("patient_id", "probability", "rawPrediction", "prediction")
            .collectAsList();
        assertEquals(m, out.size());
        for (Row row : out) {
          int i = Integer.parseInt(row.getString(0).substring(1));
          double expected = bruteForce(train, y, query[i], k, w.equals("distance"));
          double[] prob = ((Vector) row.get(1)).toArray();
          assertEquals(expected, prob[1], 1e-12, w + " k=" + k + " query " + i);
          assertEquals(1 - expected, prob[0], 1e-12);
          assertArrayEquals(prob, ((Vector) row.get(2)).toArray(), 0);
          assertEquals(expected > 0.5 ? 1.0 : 0.0, row.getDouble(3));
        }
      }
    }
    KnnModel k7 = new KnnClassifier().setK(7).fit(tr);
    for (double[] q : query) {
      double[] d2 = new double[n];
      Integer[] idx = new Integer[n];
      for (int t = 0; t < n; t++) {
        idx[t] = t;
        for (int j = 0; j < 3; j++) {
          d2[t] += (q[j] - train[t][j]) * (q[j] - train[t][j]);
        }
      }
      Arrays.sort(idx, Comparator.<Integer>comparingDouble(t -> d2[t]).thenComparingInt(t -> t));
      int[] expected = Arrays.stream(idx).limit(7).mapToInt(Integer::intValue).toArray();
      assertArrayEquals(expected, k7.neighbours(q));
    }
  }

  static double auc(Dataset<Row> scored) {
    List<Row> rows = scored.select(col("probability"), col("label")).collectAsList();
    double[] p = new double[rows.size()];
    int[] yy = new int[rows.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = ((Vector) rows.get(i).get(0)).apply(1);
      yy[i] = (int) Math.round(((Number) rows.get(i).get(1)).doubleValue());
    }
    return DeLong.auc(p, yy).auc();
  }

  /**
   * The MLP in the RadiomicsPipeline (radiomics f0..f5 of the signal cohort, univariate filter, one hidden layer
   * of 4), trained on 240 patients and scored on 160 others, has a held-out AUC above 0.7; the pipeline exposes the
   * softmax probability as rawPrediction (not the pre-softmax output layer, kept in __mlp_raw).
   */
  @Test
  void mlpInThePipeline() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> data = Cohorts.signal(spark, 400, 6, 33);
    Dataset<Row> train = data.filter(col("patient_id").lt("S0240"));
    Dataset<Row> test = data.filter(col("patient_id").geq("S0240"));
    ModelSpec spec = new ModelSpec();
    spec.modelType = ModelType.RADIOMICS;
    spec.radiomicsCols = Cohorts.names("f", 6);
    spec.correlationFilter = false;
    spec.classifier = "mlp";
    spec.mlpHidden = new int[] {4};
    spec.tol = 1e-4;
    RadiomicsPipeline rp = RadiomicsPipeline.build(spec);
    assertEquals(1, rp.grid.length);
    PipelineModel model = rp.pipeline.fit(NestedCrossValidation.prepare(train, spec));
    Dataset<Row> scored = model.transform(NestedCrossValidation.prepare(test, spec)).cache();
    double auc = auc(scored);
    System.out.printf("mlp: held-out AUC %.4f%n", auc);
    assertTrue(auc > 0.7, "mlp AUC " + auc);
    for (Row row : scored.select("probability", "rawPrediction", RadiomicsPipeline.MLP_RAW).collectAsList()) {
      double[] p = ((Vector) row.get(0)).toArray();
      assertArrayEquals(p, ((Vector) row.get(1)).toArray(), 0);
      assertEquals(1, p[0] + p[1], 1e-12);
      double[] z = ((Vector) row.get(2)).toArray();
      assertEquals(1 / (1 + Math.exp(z[0] - z[1])), p[1], 1e-9); // softmax of the output layer
    }
    scored.unpersist();
  }

  /**
   * One small nested CV with the KNN classifier (signal cohort, 150 patients, 6 radiomics features, 3 x 2 folds,
   * grid k in {5, 15, 31}): out-of-fold AUC clearly above 0.5 and a k from the grid chosen in every fold.
   */
  @Test
  void knnInNestedCv() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> data = Cohorts.signal(spark, 150, 6, 91).cache();
    ModelSpec spec = new ModelSpec();
    spec.modelType = ModelType.RADIOMICS;
    spec.radiomicsCols = Cohorts.names("f", 6);
    spec.impute = false;
    spec.correlationFilter = false;
    spec.classifier = "knn";
    spec.outerFolds = 3;
    spec.innerFolds = 2;
    spec.seed = 91;
    NestedCrossValidation.Result res = NestedCrossValidation.run(data, spec, false);
    System.out.printf("knn: nested-CV AUC %.4f [%.4f, %.4f], fold params %s%n", res.auc.auc(), res.auc.ciLow(),
        res.auc.ciHigh(), res.foldBestParams);
    assertEquals(150, res.predictions.size());
    assertTrue(res.auc.auc() > 0.7, "knn AUC " + res.auc.auc());
    for (var fp : res.foldBestParams) {
      assertTrue(List.of(5.0, 15.0, 31.0).contains(fp.get("k")), fp.toString());
    }
    data.unpersist();
  }
}
