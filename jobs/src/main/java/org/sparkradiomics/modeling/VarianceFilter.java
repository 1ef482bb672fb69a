package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.posexplode;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Variance / near-zero-variance filter. Drops slot j when its sample variance s_j^2 = sum (x_ij - mean_j)^2/(n-1)
 * is &lt;= minVariance (default 0: constant features), or when the most frequent value of slot j covers more than
 * maxModeFraction of the rows (default 1: disabled; e.g. 0.95 drops near-constant features as caret's nearZeroVar
 * frequency rule does). The variance needs one Summarizer pass; the mode rule one explode + groupBy pass.
 */
public final class VarianceFilter extends VectorFilter<VarianceFilterModel> {
  private final DoubleParam minVariance = new DoubleParam(this, "minVariance", "drop slots with variance <= this");
  private final DoubleParam maxModeFraction =
      new DoubleParam(this, "maxModeFraction", "drop slots whose most frequent value covers more than this fraction");

  public VarianceFilter() {
    this(Identifiable$.MODULE$.randomUID("varianceFilter"));
  }

  public VarianceFilter(String uid) {
    super(uid);
    setDefault(minVariance, 0.0);
    setDefault(maxModeFraction, 1.0);
  }

  public DoubleParam minVariance() {
    return minVariance;
  }

  public DoubleParam maxModeFraction() {
    return maxModeFraction;
  }

  public VarianceFilter setMinVariance(double v) {
    set(minVariance, v);
    return this;
  }

  public VarianceFilter setMaxModeFraction(double v) {
    set(maxModeFraction, v);
    return this;
  }

  public VarianceFilter setInputCol(String v) {
    setCols(v, null, null);
    return this;
  }

  public VarianceFilter setOutputCol(String v) {
    setCols(null, v, null);
    return this;
  }

  public VarianceFilter setLabelCol(String v) {
    setCols(null, null, v);
    return this;
  }

  @Override
  public VarianceFilterModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Row r = dataset.select(Summarizer.metrics("variance", "count").summary(col(getInputCol())).as("s"))
        .first().getStruct(0);
    Vector var = r.getAs(0);
    long n = r.getLong(1);
    double minVar = (Double) getOrDefault(minVariance);
    double maxMode = (Double) getOrDefault(maxModeFraction);
    long[] modeCount = null;
    if (maxMode < 1.0 && n > 0) {
      modeCount = new long[var.size()];
      List<Row> rows = dataset
          .select(posexplode(org.apache.spark.ml.functions.vector_to_array(col(getInputCol()), "float64")))
          .groupBy("pos", "col").agg(count("*").as("c"))
          .groupBy("pos").agg(max("c").as("m")).collectAsList();
      for (Row row : rows) {
        modeCount[row.getInt(0)] = row.getLong(1);
      }
    }
    List<Integer> kept = new ArrayList<>();
    for (int j = 0; j < var.size(); j++) {
      double v = var.apply(j);
      if (!(v > minVar)) {
        continue;
      }
      if (modeCount != null && modeCount[j] > maxMode * n) {
        continue;
      }
      kept.add(j);
    }
    return finish(new VarianceFilterModel(uid()), kept.stream().mapToInt(Integer::intValue).toArray());
  }

  @Override
  public VarianceFilter copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<VarianceFilter> read() {
    return new DefaultParamsReader<>();
  }

  public static VarianceFilter load(String path) {
    return read().load(path);
  }
}
