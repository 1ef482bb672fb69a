package org.sparkradiomics.modeling.report;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkradiomics.modeling.ModelSpec;

/** The modelling schema of NestedCrossValidation (patient string, label double, site string, features double). */
public final class Prepared {
  private Prepared() {}

  /** Same casts and label filter as NestedCrossValidation's own preparation, so fitted stages see equal rows. */
  public static Dataset<Row> of(Dataset<Row> data, ModelSpec spec) {
    List<Column> cols = new ArrayList<>();
    cols.add(col("`" + spec.patientCol + "`").cast("string").as(spec.patientCol));
    cols.add(col("`" + spec.labelCol + "`").cast("double").as(spec.labelCol));
    if (spec.siteCol != null) {
      cols.add(col("`" + spec.siteCol + "`").cast("string").as(spec.siteCol));
    }
    for (String c : spec.usedClinical()) {
      cols.add(col("`" + c + "`").cast("double").as(c));
    }
    for (String c : spec.usedRadiomics()) {
      cols.add(col("`" + c + "`").cast("double").as(c));
    }
    return data.select(cols.toArray(new Column[0])).filter(col(spec.labelCol).isNotNull());
  }

  /** spark-radiomics version: the jar's Implementation-Version, else "unknown (run from classes)". */
  public static String codeVersion() {
    String v = Prepared.class.getPackage().getImplementationVersion();
    return v != null ? v : "unknown (run from classes)";
  }
}
