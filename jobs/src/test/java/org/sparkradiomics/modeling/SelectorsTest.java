package org.sparkradiomics.modeling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.stats.Icc;

class SelectorsTest {
  static double[] ones(int n, int... idx) {
    double[] v = new double[n];
    for (int i : idx) {
      v[i] = 1;
    }
    return v;
  }

  /*
   * mRMR hand case, n = 12, bins = 2, y = 0 x6 then 1 x6. Binary slots (6 zeros, 6 ones): the 0s have rank 1 ->
   * bin floor(0 * 2 / 12) = 0, the 1s rank 7 -> bin floor(6 * 2 / 12) = 1, so the bins are the values.
   *   f0 ones {5,7,8,9,10,11}; f1 = 10 f0 + 3 (same bins); f2 ones {0,1,6,7,8,9}; f3 ones {0,1,2,6,7,8}.
   * Two balanced binary variables with a ones in common (a = overlap of their ones) have the 2x2 table
   * [[a, 6-a], [6-a, a]] with margins 6: I = 2 (a/12) ln(12 a / 36) + 2 ((6-a)/12) ln(12 (6-a) / 36):
   *   a = 6: ln 2 = 0.693147; a = 5 (or 1): (10/12) ln(5/3) + (2/12) ln(1/3) = 0.425688 - 0.183102 = 0.242586;
   *   a = 4 (or 2): (8/12) ln(4/3) + (4/12) ln(2/3) = 0.191788 - 0.135155 = 0.056633; a = 3: 0.
   * Relevance (overlap with y's ones {6..11}): f0 5 -> 0.242586, f1 0.242586, f2 4 -> 0.056633, f3 3 -> 0.
   * Redundancy: I(f0;f1) = ln 2; I(f0;f2): overlap {7,8,9} = 3 -> 0; I(f0;f3): {7,8} = 2 -> 0.056633;
   *   I(f2;f3): {0,1,6,7,8} = 5 -> 0.242586; I(f1;.) = I(f0;.).
   * Step 1: max relevance, f0 and f1 tie -> f0 (lower index).
   * Step 2 (S = {f0}): f1 0.242586 - 0.693147 = -0.450561; f2 0.056633 - 0 = 0.056633; f3 0 - 0.056633 -> f2.
   *   (Max relevance alone would take the redundant copy f1.)
   * Step 3 (S = {f0, f2}): f1 0.242586 - (0.693147 + 0)/2 = -0.103987; f3 0 - (0.056633 + 0.242586)/2 = -0.149610
   *   -> f1. Order f0, f2, f1.
   */
  @Test
  void mrmrHandCase() {
    assertEquals(0.242586, MrmrSelector.mutualInformation(new long[][] {{5, 1}, {1, 5}}), 1e-6);
    assertEquals(0.056633, MrmrSelector.mutualInformation(new long[][] {{4, 2}, {2, 4}}), 1e-6);
    assertEquals(Math.log(2), MrmrSelector.mutualInformation(new long[][] {{6, 0}, {0, 6}}), 1e-12);
    assertEquals(0, MrmrSelector.mutualInformation(new long[][] {{3, 3}, {3, 3}}), 1e-15);
    double[] y = ones(12, 6, 7, 8, 9, 10, 11);
    double[] f0 = ones(12, 5, 7, 8, 9, 10, 11);
    double[] f2 = ones(12, 0, 1, 6, 7, 8, 9);
    double[] f3 = ones(12, 0, 1, 2, 6, 7, 8);
    double[][] x = new double[12][];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {f0[i], 10 * f0[i] + 3, f2[i], f3[i]};
    }
    Dataset<Row> df = FiltersTest.frame(TestSpark.get(), y, null, x);
    MrmrSelectorModel m2 = new MrmrSelector().setK(2).setBins(2).setInputCol("features").setOutputCol("m")
        .setLabelCol("label").fit(df);
    assertArrayEquals(new int[] {0, 2}, m2.getSelected());
    assertArrayEquals(new double[] {0.242586, 0.242586, 0.056633, 0}, m2.getRelevance(), 1e-6);
    MrmrSelectorModel m3 = new MrmrSelector().setK(3).setBins(2).setInputCol("features").setOutputCol("m")
        .setLabelCol("label").fit(df);
    assertArrayEquals(new int[] {0, 2, 1}, m3.getRanking());
    assertArrayEquals(new int[] {0, 1, 2}, m3.getSelected());
    Row first = m3.transform(df).select("m").first();
    assertArrayEquals(new double[] {0, 3, 1}, ((Vector) first.get(0)).toArray(), 0);
  }

  /** Label from 2 of 20 standard-normal slots (slots 3 and 11); RFE with L2 logistic regression keeps exactly those. */
  @Test
  void rfeKeepsTheTwoInformativeSlots() {
    Random r = new Random(17);
    int n = 300;
    int p = 20;
    double[] y = new double[n];
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = r.nextGaussian() * (1 + j % 3); // different scales: |coef| is compared on standardised slots
      }
      double eta = 1.5 * x[i][3] / 1 - 2.0 * x[i][11] / 3;
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    Dataset<Row> df = FiltersTest.frame(TestSpark.get(), y, null, x);
    RfeSelectorModel m = new RfeSelector().setK(2).setStep(0.2).setInputCol("features").setOutputCol("r")
        .setLabelCol("label").fit(df);
    assertArrayEquals(new int[] {3, 11}, m.getSelected());
    int[] rank = m.getRanking();
    assertEquals(1, rank[3]);
    assertEquals(1, rank[11]);
    // 20 -> 16 -> 13 -> 11 -> 9 -> 8 -> 7 -> 6 -> 5 -> 4 -> 3 -> 2: 11 rounds, ranks 2..12.
    assertEquals(12, Arrays.stream(rank).max().getAsInt());
    assertEquals(4, Arrays.stream(rank).filter(v -> v == 12).count());
  }

  /**
   * Boruta, seed 7: 200 rows, slots 0 and 1 drive the label (logit 2 x0 - 2 x1), slots 2..7 pure noise (sample
   * |r| with the label at most 0.13 here). The two informative slots are confirmed (all hits), every noise slot is
   * rejected (alpha 0.05, Bonferroni over 8 slots: 0 hits of 8 runs, or at most 3 of 18, rejects), and the same
   * seed gives the same hits. (With other seeds a noise slot that happens to correlate with the label, |r| about
   * 0.14, can stay tentative after 30 runs and is then dropped: Boruta measures association in the sample.)
   */
  @Test
  void borutaConfirmsInformativeAndRejectsNoise() {
    Random r = new Random(7);
    int n = 200;
    int p = 8;
    double[] y = new double[n];
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = r.nextGaussian();
      }
      double eta = 2 * x[i][0] - 2 * x[i][1];
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    Dataset<Row> df = FiltersTest.frame(TestSpark.get(), y, null, x).cache();
    BorutaSelectorModel m = new BorutaSelector().setMaxRuns(30).setNumTrees(20).setMaxDepth(4).setSeed(7)
        .setInputCol("features").setOutputCol("b").setLabelCol("label").fit(df);
    System.out.println("boruta: runs " + m.getRuns() + " hits " + Arrays.toString(m.getHits()) + " decision "
        + Arrays.toString(m.getDecision()));
    assertArrayEquals(new int[] {0, 1}, m.getSelected());
    assertArrayEquals(new int[] {1, 1, -1, -1, -1, -1, -1, -1}, m.getDecision());
    assertEquals(m.getRuns(), m.getHits()[0]);
    BorutaSelector shortRun = new BorutaSelector().setMaxRuns(3).setNumTrees(10).setMaxDepth(3).setSeed(11)
        .setInputCol("features").setOutputCol("b").setLabelCol("label");
    BorutaSelectorModel a = shortRun.fit(df);
    assertArrayEquals(a.getHits(), shortRun.fit(df).getHits());
    // 3 runs cannot reach 0.05 / 8 for anyone: all tentative, minFeatures 1 keeps the slot with most hits.
    assertArrayEquals(new int[8], a.getDecision());
    assertEquals(1, a.getSelected().length);
    df.unpersist();
    // Binomial tails: P(X >= 8 | 8, 1/2) = 1/256; P(X <= 1 | 4, 1/2) = 5/16.
    assertEquals(1 / 256.0, BorutaSelector.upperTail(8, 8), 1e-12);
    assertEquals(5 / 16.0, BorutaSelector.lowerTail(1, 4), 1e-12);
  }

  static final StructType REPEATS = new StructType().add("roi_id", DataTypes.StringType)
      .add("repetition", DataTypes.IntegerType).add("feature", DataTypes.StringType)
      .add("value", DataTypes.DoubleType);

  /**
   * ICC repeat table, 25 ROIs x 3 repetitions: "stable" = t + 0.1 e (ICC near 0.99), "scaled" = 5 t + 0.5 e + a
   * repetition offset (ICC(3,1) is a consistency ICC: offsets do not count), "partial" stable with one
   * repetition of one ROI missing (24 complete ROIs), "unstable" = t + 2 e (ICC near 0.2), "noise" = e, "const"
   * = 1 (0/0: no ICC). Each ICC equals {@link Icc#icc31} on the same complete-case table.
   */
  @Test
  void iccFilterFromRepeats() {
    SparkSession spark = TestSpark.get();
    Random r = new Random(21);
    int n = 25;
    int k = 3;
    String[] names = {"stable", "scaled", "partial", "unstable", "noise", "const"};
    double[][][] table = new double[names.length][n][k];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double t = r.nextGaussian();
      for (int j = 0; j < k; j++) {
        table[0][i][j] = t + 0.1 * r.nextGaussian();
        table[1][i][j] = 5 * t + 0.5 * r.nextGaussian() + j;
        table[2][i][j] = t + 0.1 * r.nextGaussian();
        table[3][i][j] = t + 2 * r.nextGaussian();
        table[4][i][j] = r.nextGaussian();
        table[5][i][j] = 1;
        for (int f = 0; f < names.length; f++) {
          if (f == 2 && i == 7 && j == 1) {
            continue;
          }
          rows.add(RowFactory.create("roi" + i, j, names[f], table[f][i][j]));
        }
      }
    }
    Dataset<Row> rep = spark.createDataFrame(rows, REPEATS);
    List<IccFilter.Stability> s = IccFilter.iccByFeature(rep, "roi_id", "repetition", "feature", "value");
    assertEquals(List.of("const", "noise", "partial", "scaled", "stable", "unstable"),
        s.stream().map(IccFilter.Stability::feature).toList());
    IccFilter.Stability c = s.get(0);
    assertTrue(Double.isNaN(c.icc()));
    assertEquals("zero variance", c.reason());
    double[][] partial = new double[n - 1][];
    for (int i = 0, o = 0; i < n; i++) {
      if (i != 7) {
        partial[o++] = table[2][i];
      }
    }
    assertEquals(Icc.icc31(partial), s.get(2).icc(), 1e-12);
    assertEquals(24, s.get(2).subjects());
    assertEquals(Icc.icc31(table[4]), s.get(1).icc(), 1e-12);
    assertEquals(Icc.icc31(table[1]), s.get(3).icc(), 1e-12);
    assertEquals(Icc.icc31(table[0]), s.get(4).icc(), 1e-12);
    assertEquals(Icc.icc31(table[3]), s.get(5).icc(), 1e-12);
    System.out.println("icc: " + s);
    assertTrue(s.get(4).icc() > 0.95 && s.get(3).icc() > 0.95 && s.get(5).icc() < 0.5 && s.get(1).icc() < 0.3);

    IccFilter f = IccFilter.fromRepeats(rep, "roi_id", "repetition", "feature", "value", 0.75);
    assertArrayEquals(new String[] {"partial", "scaled", "stable"}, f.getStableFeatures());
    f.setInputCol("features").setOutputCol("kept").forFeatures(List.of("noise", "stable", "const", "scaled"));
    assertArrayEquals(new int[] {1, 3}, f.getSelected());
    Dataset<Row> df = FiltersTest.frame(spark, new double[] {0}, null, new double[][] {{10, 11, 12, 13}});
    assertArrayEquals(new double[] {11, 13}, ((Vector) f.transform(df).select("kept").first().get(0)).toArray(), 0);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> IccFilter.fromRepeats(rep, "roi_id", "repetition", "feature", "value", 0.75)
            .forFeatures(List.of("stable", "shape_volume")));
    assertTrue(missing.getMessage().contains("shape_volume"));
    Dataset<Row> dup = rep.union(rep.limit(1));
    assertThrows(IllegalArgumentException.class,
        () -> IccFilter.iccByFeature(dup, "roi_id", "repetition", "feature", "value"));
  }
}
