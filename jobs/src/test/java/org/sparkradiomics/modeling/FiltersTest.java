package org.sparkradiomics.modeling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.stats.Fdr;
import org.sparkradiomics.stats.MannWhitney;

class FiltersTest {
  static final StructType SCHEMA = new StructType().add("patient_id", DataTypes.StringType)
      .add("label", DataTypes.DoubleType).add("site", DataTypes.StringType).add("features", new VectorUDT());

  static Dataset<Row> frame(SparkSession spark, double[] y, String[] site, double[][] x) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      rows.add(RowFactory.create("p" + i, y[i], site == null ? "A" : site[i], Vectors.dense(x[i])));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** The distributed rank computation (window over exploded slots, ties by value groups) equals the Java test. */
  @Test
  void univariateFilterMatchesPureJavaMannWhitneyAndBh() {
    Random r = new Random(3);
    int n = 120;
    int p = 6;
    double[] y = new double[n];
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(2);
      for (int j = 0; j < p; j++) {
        // Rounded to quarters -> many ties; slots 0 and 1 carry signal.
        double shift = j == 0 ? 1.0 * y[i] : j == 1 ? -0.5 * y[i] : 0;
        x[i][j] = Math.round((r.nextGaussian() + shift) * 4) / 4.0;
      }
    }
    UnivariateFilter uf = new UnivariateFilter().setInputCol("features").setOutputCol("sel").setLabelCol("label")
        .setFdrAlpha(0.05);
    Dataset<Row> df = frame(TestSpark.get(), y, null, x);
    MannWhitney.Result[] dist = uf.tests(df);
    double[] pv = new double[p];
    for (int j = 0; j < p; j++) {
      List<Double> pos = new ArrayList<>();
      List<Double> neg = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        (y[i] == 1 ? pos : neg).add(x[i][j]);
      }
      MannWhitney.Result ref = MannWhitney.test(pos.stream().mapToDouble(Double::doubleValue).toArray(),
          neg.stream().mapToDouble(Double::doubleValue).toArray());
      assertEquals(ref.u(), dist[j].u(), 1e-9, "U of slot " + j);
      assertEquals(ref.p(), dist[j].p(), 1e-12, "p of slot " + j);
      pv[j] = ref.p();
    }
    double[] q = Fdr.benjaminiHochberg(pv);
    List<Integer> expected = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      if (q[j] <= 0.05) {
        expected.add(j);
      }
    }
    assertTrue(expected.contains(0), "slot 0 should be significant, q = " + q[0]);
    int[] kept = uf.fit(df).getSelected();
    assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), kept);
  }

  @Test
  void varianceAndCorrelationFilters() {
    Random r = new Random(5);
    int n = 100;
    double[] y = new double[n];
    double[][] x = new double[n][5];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      double s = y[i] + r.nextGaussian();
      x[i][0] = 7.0; // constant
      x[i][1] = i < 96 ? 0 : r.nextGaussian(); // near-zero variance: 96% zeros
      x[i][2] = s; // relevant
      x[i][3] = s + 0.3 * r.nextGaussian(); // |r| with slot 2 about 0.96, less relevant
      x[i][4] = r.nextGaussian(); // independent
    }
    Dataset<Row> df = frame(TestSpark.get(), y, null, x);
    assertArrayEquals(new int[] {1, 2, 3, 4},
        new VarianceFilter().setInputCol("features").setOutputCol("v").fit(df).getSelected());
    assertArrayEquals(new int[] {2, 3, 4}, new VarianceFilter().setMaxModeFraction(0.95)
        .setInputCol("features").setOutputCol("v").fit(df).getSelected());
    for (String method : new String[] {"pearson", "spearman"}) {
      CorrelationFilterModel m = new CorrelationFilter().setThreshold(0.9).setMethod(method)
          .setInputCol("features").setOutputCol("c").setLabelCol("label").fit(df);
      // Constant slot 0 has undefined correlations (kept: redundant with nothing); 3 dropped in favour of 2.
      assertArrayEquals(new int[] {0, 1, 2, 4}, m.getSelected(), method);
    }
  }

  /*
   * ComBat hand case, one feature: site A {1, 3} (mean 2, var 2), site B {5, 7} (mean 6, var 2). alpha = 4;
   * sigma^2 = ((2-1)*2 + (2-1)*2)/4 = 1. gammaHat = -2 (A), +2 (B); with a single feature tau2 and the variance of
   * deltaHat are 0, so gamma* = gammaHat and delta* = 1: x* = x - (m_b - alpha): A -> {3, 5}, B -> {3, 5}.
   */
  @Test
  void comBatHandCaseAndSiteEffectRemoval() {
    double[][][] est = ComBat.estimate(new long[] {2, 2}, new double[][] {{2}, {6}}, new double[][] {{2}, {2}},
        false);
    assertEquals(4, est[0][0][0], 1e-12);
    assertEquals(1, est[0][1][0], 1e-12);
    assertEquals(-2, est[1][0][0], 1e-12);
    assertEquals(2, est[1][1][0], 1e-12);
    assertEquals(1, est[2][0][0], 1e-12);
    assertArrayEquals(new double[] {3}, ComBatModel.adjust(new double[] {1}, est[0][0], est[0][1], est[1][0],
        est[2][0]), 1e-12);
    assertArrayEquals(new double[] {5}, ComBatModel.adjust(new double[] {7}, est[0][0], est[0][1], est[1][1],
        est[2][1]), 1e-12);

    // Spark: 8 features, site B = 2 * (A-like data) + 3. After harmonisation site means and SDs agree closely.
    Random r = new Random(9);
    int n = 120;
    int p = 8;
    double[] y = new double[n];
    String[] site = new String[n];
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      site[i] = i % 2 == 0 ? "A" : "B";
      for (int j = 0; j < p; j++) {
        double v = r.nextGaussian() + j;
        x[i][j] = site[i].equals("A") ? v : 2 * v + 3;
      }
    }
    Dataset<Row> df = frame(TestSpark.get(), y, site, x);
    ComBatModel m = new ComBat().setInputCol("features").setOutputCol("h").setSiteCol("site").fit(df);
    List<Row> out = m.transform(df).select("site", "h").collectAsList();
    double[][] sum = new double[2][p];
    double[][] sq = new double[2][p];
    for (Row row : out) {
      int s = row.getString(0).equals("A") ? 0 : 1;
      double[] h = ((Vector) row.get(1)).toArray();
      for (int j = 0; j < p; j++) {
        sum[s][j] += h[j];
        sq[s][j] += h[j] * h[j];
      }
    }
    for (int j = 0; j < p; j++) {
      double ma = sum[0][j] / 60;
      double mb = sum[1][j] / 60;
      double sa = Math.sqrt(sq[0][j] / 60 - ma * ma);
      double sb = Math.sqrt(sq[1][j] / 60 - mb * mb);
      // Before: means differ by j + 3 (3..10), SD ratio 2.
      assertTrue(Math.abs(ma - mb) < 0.1, "feature " + j + " site means " + ma + " vs " + mb);
      assertTrue(Math.abs(sb / sa - 1) < 0.15, "feature " + j + " site SD ratio " + sb / sa);
    }
  }

  /** A pipeline with every custom stage survives save/load with identical predictions. */
  @Test
  void pipelineWithCustomStagesPersists() throws Exception {
    Random r = new Random(13);
    int n = 120;
    int p = 6;
    double[] y = new double[n];
    String[] site = new String[n];
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(2);
      site[i] = r.nextBoolean() ? "A" : "B";
      for (int j = 0; j < p; j++) {
        x[i][j] = r.nextGaussian() + (j < 2 ? y[i] : 0) + (site[i].equals("B") ? 1 : 0);
      }
    }
    Dataset<Row> df = frame(TestSpark.get(), y, site, x);
    Pipeline pl = new Pipeline().setStages(new PipelineStage[] {
        new ComBat().setInputCol("features").setOutputCol("h").setSiteCol("site"),
        new VarianceFilter().setInputCol("h").setOutputCol("v"),
        new CorrelationFilter().setInputCol("v").setOutputCol("c").setLabelCol("label"),
        new UnivariateFilter().setInputCol("c").setOutputCol("u").setLabelCol("label").setFdrAlpha(0.2),
        new StandardScaler().setWithMean(true).setInputCol("u").setOutputCol("z"),
        new LogisticRegression().setFeaturesCol("z").setRegParam(0.01).setElasticNetParam(1.0).setMaxIter(30)});
    PipelineModel model = pl.fit(df);
    Path dir = Files.createTempDirectory("modeling-persist");
    String path = dir.resolve("model").toString();
    model.write().overwrite().save(path);
    PipelineModel back = PipelineModel.load(path);
    assertEquals(model.stages().length, back.stages().length);
    assertArrayEquals(((UnivariateFilterModel) model.stages()[3]).getSelected(),
        ((UnivariateFilterModel) back.stages()[3]).getSelected());
    List<Row> a = model.transform(df).select("probability").collectAsList();
    List<Row> b = back.transform(df).select("probability").collectAsList();
    for (int i = 0; i < n; i++) {
      assertArrayEquals(((Vector) a.get(i).get(0)).toArray(), ((Vector) b.get(i).get(0)).toArray(), 1e-12);
    }
  }
}
