package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Patient-level, label-stratified k-fold assignment (usable with {@code CrossValidator.setFoldCol}).
 *
 * <p>Each patient gets one label (the maximum of its rows' labels, so a patient with any positive image is
 * positive). Within each label stratum patients are ordered by xxhash64(seed, patient) (ties by patient id) and
 * dealt round-robin into folds 0..k-1, so every fold receives floor or ceil of stratum/k patients of each class:
 * the positive rate per fold differs from the overall rate by at most about 1/(patients per fold). The fold is
 * joined back to every row, so the images of one patient never straddle folds. Deterministic for a given seed,
 * independent of partitioning. Distributed: one aggregation, one window per label, one join.
 */
public final class PatientFolds {
  private PatientFolds() {}

  /** Adds integer column {@code foldCol} in [0, k). */
  public static Dataset<Row> assign(Dataset<Row> data, String patientCol, String labelCol, int k, long seed,
                                    String foldCol) {
    if (k < 2) {
      throw new IllegalArgumentException("need at least 2 folds, got " + k);
    }
    Dataset<Row> patients = data.groupBy(col(patientCol).as("__pid"))
        .agg(max(col(labelCol).cast("double")).as("__py"))
        .withColumn("__h", xxhash64(lit(seed), col("__pid").cast("string")));
    Dataset<Row> folded = patients.withColumn(foldCol,
        pmod(row_number().over(Window.partitionBy("__py").orderBy(col("__h"), col("__pid"))).minus(1), lit(k))
            .cast("int"))
        .select(col("__pid"), col(foldCol));
    Dataset<Row> base = data.columns().length > 0 && java.util.Arrays.asList(data.columns()).contains(foldCol)
        ? data.drop(foldCol) : data;
    return base.join(folded, base.col(patientCol).equalTo(folded.col("__pid")), "inner").drop("__pid");
  }
}
