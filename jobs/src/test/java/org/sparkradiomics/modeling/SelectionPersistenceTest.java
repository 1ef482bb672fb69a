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
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SelectionPersistenceTest {
  /** Repeat table for features f0..f{p-1}: all stable (t + 0.05 e) except the last one (pure noise). */
  static Dataset<Row> repeats(SparkSession spark, int p, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      double[] t = new double[p];
      for (int j = 0; j < p; j++) {
        t[j] = r.nextGaussian();
      }
      for (int rep = 0; rep < 2; rep++) {
        for (int j = 0; j < p; j++) {
          double v = j == p - 1 ? r.nextGaussian() : t[j] + 0.05 * r.nextGaussian();
          rows.add(RowFactory.create("roi" + i, rep, "f" + j, v));
        }
      }
    }
    return spark.createDataFrame(rows, SelectorsTest.REPEATS);
  }

  /**
   * One PipelineModel with every new stage (IccFilter, MrmrSelector, RfeSelector, BorutaSelector, PcaReducer's
   * PCAModel, KnnClassifier's KnnModel, MlpClassifier's MLlib model) saved to a temp dir and loaded back: same
   * stage types and selections, and every output column identical row by row.
   */
  @Test
  void pipelineWithNewStagesPersists() throws Exception {
    SparkSession spark = TestSpark.get();
    Random r = new Random(8);
    int n = 80;
    int p = 6;
    double[] y = new double[n];
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = r.nextGaussian();
      }
      y[i] = x[i][0] - x[i][1] + 0.5 * r.nextGaussian() > 0 ? 1 : 0;
    }
    Dataset<Row> df = FiltersTest.frame(spark, y, null, x).cache();
    List<String> names = Cohorts.names("f", p);
    IccFilter icc = IccFilter.fromRepeats(repeats(spark, p, 3), "roi_id", "repetition", "feature", "value", 0.75)
        .setInputCol("features").setOutputCol("i").forFeatures(names);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, icc.getSelected());
    Pipeline pl = new Pipeline().setStages(new PipelineStage[] {
        icc,
        new MrmrSelector().setK(3).setBins(3).setInputCol("i").setOutputCol("m").setLabelCol("label"),
        new RfeSelector().setK(2).setStep(0.5).setInputCol("m").setOutputCol("r").setLabelCol("label"),
        new BorutaSelector().setMaxRuns(3).setNumTrees(5).setMaxDepth(3).setSeed(1).setInputCol("i")
            .setOutputCol("b").setLabelCol("label"),
        new StandardScaler().setWithMean(true).setWithStd(true).setInputCol("i").setOutputCol("z"),
        new PcaReducer().setK(9).setInputCol("z").setOutputCol("pc"),
        new KnnClassifier().setK(5).setWeighting("distance").setFeaturesCol("r").setProbabilityCol("pk")
            .setRawPredictionCol("rk").setPredictionCol("yk"),
        new MlpClassifier().setHidden(3).setMaxIter(30).setFeaturesCol("pc").setProbabilityCol("pm")
            .setRawPredictionCol("rm").setPredictionCol("ym")});
    PipelineModel model = pl.fit(df);
    Transformer[] st = model.stages();
    assertEquals(5, ((PCAModel) st[5]).getK()); // k = min(9, 5 slots kept by the ICC filter)
    assertArrayEquals(new int[] {5, 3, 2}, ((MultilayerPerceptronClassificationModel) st[7]).getLayers());
    assertEquals(2, ((RfeSelectorModel) st[2]).getSelected().length);
    Path dir = Files.createTempDirectory("selection-persist");
    String path = dir.resolve("model").toString();
    model.write().overwrite().save(path);
    PipelineModel back = PipelineModel.load(path);
    Transformer[] bs = back.stages();
    assertEquals(st.length, bs.length);
    for (int s = 0; s < st.length; s++) {
      assertEquals(st[s].getClass(), bs[s].getClass());
      if (st[s] instanceof VectorSelectionModel<?> a) {
        assertArrayEquals(a.getSelected(), ((VectorSelectionModel<?>) bs[s]).getSelected());
      }
    }
    assertArrayEquals(((IccFilter) st[0]).getStableFeatures(), ((IccFilter) bs[0]).getStableFeatures());
    assertArrayEquals(((MrmrSelectorModel) st[1]).getRanking(), ((MrmrSelectorModel) bs[1]).getRanking());
    assertArrayEquals(((BorutaSelectorModel) st[3]).getHits(), ((BorutaSelectorModel) bs[3]).getHits());
    assertEquals(((KnnModel) st[6]).numTraining(), ((KnnModel) bs[6]).numTraining());
    String[] cols = {"i", "m", "r", "b", "pc", "pk", "rk", "pm"};
    List<Row> a = model.transform(df).select("patient_id", cols).orderBy("patient_id").collectAsList();
    List<Row> b = back.transform(df).select("patient_id", cols).orderBy("patient_id").collectAsList();
    assertEquals(n, a.size());
    for (int i = 0; i < n; i++) {
      assertEquals(a.get(i).getString(0), b.get(i).getString(0));
      for (int c = 1; c <= cols.length; c++) {
        assertArrayEquals(((Vector) a.get(i).get(c)).toArray(), ((Vector) b.get(i).get(c)).toArray(), 0,
            cols[c - 1] + " row " + i);
      }
    }
    double[] pk = ((Vector) a.get(0).get(6)).toArray();
    assertTrue(pk[1] >= 0 && pk[1] <= 1);
    df.unpersist();
  }
}
