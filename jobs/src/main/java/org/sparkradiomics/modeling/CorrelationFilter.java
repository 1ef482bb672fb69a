package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.stat.Correlation;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Redundancy filter: among slots with |r| &gt; threshold (Pearson or Spearman, MLlib {@link Correlation} on the
 * vector with the label appended), keeps the more label-relevant one. Relevance of slot j = |r(x_j, y)| with the
 * same method (for Spearman against a 0/1 label this is a monotone function of the Mann-Whitney AUC). Greedy: slots
 * in decreasing relevance; a slot is kept unless it correlates above the threshold with an already kept slot.
 * Undefined correlations (constant slots) count as 0.
 */
public final class CorrelationFilter extends VectorFilter<CorrelationFilterModel> {
  private final DoubleParam threshold = new DoubleParam(this, "threshold", "maximum |r| between kept slots");
  private final Param<String> method = new Param<>(this, "method", "pearson or spearman");

  public CorrelationFilter() {
    this(Identifiable$.MODULE$.randomUID("correlationFilter"));
  }

  public CorrelationFilter(String uid) {
    super(uid);
    setDefault(threshold, 0.9);
    setDefault(method, "pearson");
  }

  public DoubleParam threshold() {
    return threshold;
  }

  public Param<String> method() {
    return method;
  }

  public CorrelationFilter setThreshold(double v) {
    set(threshold, v);
    return this;
  }

  public CorrelationFilter setMethod(String v) {
    if (!v.equals("pearson") && !v.equals("spearman")) {
      throw new IllegalArgumentException("correlation method must be pearson or spearman, got " + v);
    }
    set(method, v);
    return this;
  }

  public CorrelationFilter setInputCol(String v) {
    setCols(v, null, null);
    return this;
  }

  public CorrelationFilter setOutputCol(String v) {
    setCols(null, v, null);
    return this;
  }

  public CorrelationFilter setLabelCol(String v) {
    setCols(null, null, v);
    return this;
  }

  @Override
  public CorrelationFilterModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String tmp = uid() + "__xy";
    Dataset<Row> xy = new VectorAssembler().setInputCols(new String[] {getInputCol(), getLabelCol()})
        .setOutputCol(tmp).transform(dataset.select(col(getInputCol()), col(getLabelCol()).cast("double")));
    Row r = Correlation.corr(xy, tmp, getOrDefault(method)).first();
    Matrix m = r.getAs(0);
    int p = m.numRows() - 1;
    double thr = (Double) getOrDefault(threshold);
    double[] rel = new double[p];
    Integer[] order = new Integer[p];
    for (int j = 0; j < p; j++) {
      double v = Math.abs(m.apply(j, p));
      rel[j] = Double.isNaN(v) ? 0 : v;
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> rel[a] != rel[b] ? Double.compare(rel[b], rel[a]) : Integer.compare(a, b));
    List<Integer> kept = new ArrayList<>();
    for (int j : order) {
      boolean redundant = false;
      for (int k : kept) {
        double c = Math.abs(m.apply(j, k));
        if (c > thr) {
          redundant = true;
          break;
        }
      }
      if (!redundant) {
        kept.add(j);
      }
    }
    return finish(new CorrelationFilterModel(uid()), kept.stream().mapToInt(Integer::intValue).sorted().toArray());
  }

  @Override
  public CorrelationFilter copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<CorrelationFilter> read() {
    return new DefaultParamsReader<>();
  }

  public static CorrelationFilter load(String path) {
    return read().load(path);
  }
}
