package org.sparkradiomics.modeling.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkradiomics.modeling.ModelSpec;
import org.sparkradiomics.modeling.RadiomicsPipeline;

/**
 * Applies a saved model to new rows: joins the clinical table on the patient column, rebuilds the clinical
 * indicator columns ({@code column=level}), casts the model's input columns to double exactly as training did, and
 * adds {@code probability_1} (probability of label 1) and, for the logistic model, {@code rad_score} (the margin
 * = log-odds, equal to the model's Rad-score SQL expression).
 */
public final class Scorer {
  public static final String P1 = "probability_1";
  public static final String RAD_SCORE = "rad_score";

  private Scorer() {}

  /** Feature rows joined with the clinical table (null: none), indicator columns added. */
  public static Dataset<Row> inputs(Dataset<Row> features, Dataset<Row> clinical, ModelMetadata md) {
    Dataset<Row> data = features;
    if (clinical != null) {
      Set<String> have = new HashSet<>(List.of(features.columns()));
      List<Column> keep = new ArrayList<>();
      keep.add(col("`" + md.patientCol + "`"));
      for (String c : clinical.columns()) {
        if (!c.equals(md.patientCol) && !have.contains(c)) {
          keep.add(col("`" + c + "`"));
        }
      }
      Dataset<Row> cl = clinical.select(keep.toArray(new Column[0]));
      data = features.join(cl, features.col(md.patientCol).equalTo(cl.col(md.patientCol)), "inner")
          .drop(cl.col(md.patientCol));
    }
    Set<String> cols = new HashSet<>(List.of(data.columns()));
    for (String c : md.clinicalCols) {
      if (cols.contains(c)) {
        continue;
      }
      int eq = c.lastIndexOf('=');
      if (eq < 0 || !cols.contains(c.substring(0, eq))) {
        throw new IllegalArgumentException("input column " + c + " of the model is missing from the data");
      }
      Column raw = col("`" + c.substring(0, eq) + "`");
      data = data.withColumn(c, when(raw.isNull(), lit(null).cast("double"))
          .otherwise(when(raw.cast("string").equalTo(c.substring(eq + 1)), 1.0).otherwise(0.0)));
    }
    for (String c : md.radiomicsCols) {
      if (!cols.contains(c)) {
        throw new IllegalArgumentException("input column " + c + " of the model is missing from the data");
      }
    }
    return data;
  }

  /**
   * Casts to the modelling schema (as NestedCrossValidation.prepare does, without dropping unlabelled rows),
   * transforms and keeps the id columns plus {@link #P1} and {@link #RAD_SCORE}. {@code extra} columns are kept.
   */
  public static Dataset<Row> score(PipelineModel model, Dataset<Row> data, ModelMetadata md, List<String> extra) {
    List<Column> cols = new ArrayList<>();
    cols.add(col("`" + md.patientCol + "`").cast("string").as(md.patientCol));
    Set<String> seen = new HashSet<>();
    seen.add(md.patientCol);
    for (String e : extra) {
      if (seen.add(e)) {
        cols.add(col("`" + e + "`"));
      }
    }
    if (md.siteCol != null && seen.add(md.siteCol)) {
      cols.add(col("`" + md.siteCol + "`").cast("string").as(md.siteCol));
    }
    if (List.of(data.columns()).contains(md.labelCol) && seen.add(md.labelCol)) {
      cols.add(col("`" + md.labelCol + "`").cast("double").as(md.labelCol));
    }
    for (String c : md.clinicalCols) {
      cols.add(col("`" + c + "`").cast("double").as(c));
    }
    for (String c : md.radiomicsCols) {
      cols.add(col("`" + c + "`").cast("double").as(c));
    }
    ModelSpec s = new ModelSpec();
    s.classifier = md.classifier;
    Dataset<Row> out = model.transform(data.select(cols.toArray(new Column[0])))
        .withColumn(P1, RadiomicsPipeline.score(s));
    if ("logistic".equals(md.classifier)) {
      out = out.withColumn(RAD_SCORE,
          org.apache.spark.ml.functions.vector_to_array(col("rawPrediction"), "float64").getItem(1));
    } else {
      out = out.withColumn(RAD_SCORE, lit(null).cast("double"));
    }
    List<Column> keep = new ArrayList<>();
    for (String c : seen) {
      keep.add(col("`" + c + "`"));
    }
    keep.add(col(P1));
    keep.add(col(RAD_SCORE));
    return out.select(keep.toArray(new Column[0]));
  }

  /** Mean probability per patient with the patient's label (rows without a label are dropped). */
  public static List<Row> perPatient(Dataset<Row> scored, ModelMetadata md) {
    return scored.filter(col(md.labelCol).isNotNull()).groupBy(col(md.patientCol))
        .agg(avg(P1).as("p"), max(col(md.labelCol)).as("y")).orderBy(col(md.patientCol)).collectAsList();
  }
}
