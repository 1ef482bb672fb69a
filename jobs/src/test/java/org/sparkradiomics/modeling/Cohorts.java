package org.sparkradiomics.modeling;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Synthetic cohorts for the modelling tests (deterministic by seed). */
final class Cohorts {
  private Cohorts() {}

  static List<String> names(String prefix, int n) {
    List<String> s = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      s.add(prefix + i);
    }
    return s;
  }

  /** One image per patient, label ~ Bernoulli(0.5) independent of {@code p} N(0,1) features. */
  static Dataset<Row> noise(SparkSession spark, int patients, int p, long seed) {
    Random r = new Random(seed);
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("patient_id", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("label", DataTypes.IntegerType, false));
    for (String n : names("x", p)) {
      f.add(DataTypes.createStructField(n, DataTypes.DoubleType, false));
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < patients; i++) {
      Object[] v = new Object[p + 2];
      v[0] = String.format("P%04d", i);
      v[1] = r.nextBoolean() ? 1 : 0;
      for (int j = 0; j < p; j++) {
        v[j + 2] = r.nextGaussian();
      }
      rows.add(RowFactory.create(v));
    }
    return spark.createDataFrame(rows, new StructType(f.toArray(new StructField[0])));
  }

  /**
   * Signal cohort: logit P(y=1) = -0.5 + 1.5 f0 - 1.5 f1 + 1.0 age_z, with age = 60 + 10 age_z; radiomics f0..f{p-1}
   * N(0,1) (f2.. pure noise), clinical "age" (signal) and "bmi" (noise); site A/B/C with an additive site shift of
   * the radiomics features (0, +0.8, -0.5) that ComBat should remove.
   */
  static Dataset<Row> signal(SparkSession spark, int patients, int p, long seed) {
    Random r = new Random(seed);
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("patient_id", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("label", DataTypes.IntegerType, false));
    f.add(DataTypes.createStructField("site", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("age", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("bmi", DataTypes.DoubleType, false));
    for (String n : names("f", p)) {
      f.add(DataTypes.createStructField(n, DataTypes.DoubleType, false));
    }
    String[] sites = {"A", "B", "C"};
    double[] shift = {0, 0.8, -0.5};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < patients; i++) {
      double[] x = new double[p];
      for (int j = 0; j < p; j++) {
        x[j] = r.nextGaussian();
      }
      double ageZ = r.nextGaussian();
      double eta = -0.5 + 1.5 * x[0] - 1.5 * x[1] + 1.0 * ageZ;
      int y = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
      int s = r.nextInt(3);
      Object[] v = new Object[p + 5];
      v[0] = String.format("S%04d", i);
      v[1] = y;
      v[2] = sites[s];
      v[3] = 60 + 10 * ageZ;
      v[4] = 25 + 4 * r.nextGaussian();
      for (int j = 0; j < p; j++) {
        v[j + 5] = x[j] + shift[s];
      }
      rows.add(RowFactory.create(v));
    }
    return spark.createDataFrame(rows, new StructType(f.toArray(new StructField[0])));
  }
}
