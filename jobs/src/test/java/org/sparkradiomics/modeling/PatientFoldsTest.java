package org.sparkradiomics.modeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class PatientFoldsTest {

  /** 150 patients with 2-4 images each, about 30% positive patients (all images share the patient's label). */
  static Dataset<Row> cohort(SparkSession spark) {
    Random r = new Random(11);
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < 150; p++) {
      int y = r.nextDouble() < 0.3 ? 1 : 0;
      int images = 2 + r.nextInt(3);
      for (int i = 0; i < images; i++) {
        rows.add(RowFactory.create("pt" + p, "pt" + p + "_img" + i, y));
      }
    }
    StructType s = new StructType().add("patient_id", DataTypes.StringType).add("image_id", DataTypes.StringType)
        .add("label", DataTypes.IntegerType);
    return spark.createDataFrame(rows, s);
  }

  static Map<String, Integer> foldOf(Dataset<Row> folded) {
    Map<String, Integer> m = new HashMap<>();
    for (Row r : folded.select("patient_id", "fold").collectAsList()) {
      Integer prev = m.put(r.getString(0), r.getInt(1));
      assertTrue(prev == null || prev == r.getInt(1), "patient " + r.getString(0) + " in folds " + prev + " and "
          + r.getInt(1));
    }
    return m;
  }

  @Test
  void patientsNeverStraddleFoldsAndFoldsAreStratified() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> c = cohort(spark);
    long rowsIn = c.count();
    Dataset<Row> folded = PatientFolds.assign(c, "patient_id", "label", 3, 42, "fold").cache();
    assertEquals(rowsIn, folded.count());
    Map<String, Integer> fold = foldOf(folded);
    assertEquals(150, fold.size());
    // Per-fold patient counts and positive rates.
    Map<String, Integer> label = new HashMap<>();
    for (Row r : c.select("patient_id", "label").distinct().collectAsList()) {
      label.put(r.getString(0), r.getInt(1));
    }
    int[] n = new int[3];
    int[] pos = new int[3];
    int totalPos = 0;
    for (Map.Entry<String, Integer> e : fold.entrySet()) {
      n[e.getValue()]++;
      pos[e.getValue()] += label.get(e.getKey());
      totalPos += label.get(e.getKey());
    }
    double overall = totalPos / 150.0;
    for (int f = 0; f < 3; f++) {
      assertTrue(Math.abs(n[f] - 50) <= 2, "fold " + f + " has " + n[f] + " patients");
      // Round-robin within each stratum: positives per fold differ by at most 1 -> rate within 1/48 + rounding.
      assertTrue(Math.abs(pos[f] / (double) n[f] - overall) < 0.03,
          "fold " + f + " positive rate " + pos[f] / (double) n[f] + " vs " + overall);
    }
    // Deterministic for the seed; a different seed gives a different assignment.
    assertEquals(fold, foldOf(PatientFolds.assign(c.repartition(3), "patient_id", "label", 3, 42, "fold")));
    assertNotEquals(fold, foldOf(PatientFolds.assign(c, "patient_id", "label", 3, 43, "fold")));
    folded.unpersist();
  }
}
