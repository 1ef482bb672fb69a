package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.sparkradiomics.stats.Fdr;
import org.sparkradiomics.stats.MannWhitney;

/**
 * Univariate filter: two-sided Mann-Whitney U test of every slot between label 1 and label 0, Benjamini-Hochberg
 * adjustment over the slots, keep slots with q &lt;= fdrAlpha ordered by p, at most maxFeatures (0 = no cap) and at
 * least minFeatures (the smallest p-values, even if not significant, so the model always has an input).
 *
 * <p>Distributed and exact with ties: the vector is exploded to (slot, value, label); per (slot, value) the count c
 * and positives k; a running sum of c over a window per slot ordered by value gives the mid-rank
 * cum - (c - 1)/2 of the value; per slot R1 = sum(midrank * k), n1 = sum k, n = sum c and the tie term
 * sum(c^3 - c). {@link MannWhitney#fromRankSum} turns these into the test; only one row per slot reaches the driver.
 */
public final class UnivariateFilter extends VectorFilter<UnivariateFilterModel> {
  private final DoubleParam fdrAlpha = new DoubleParam(this, "fdrAlpha", "keep slots with BH q-value <= this");
  private final IntParam maxFeatures = new IntParam(this, "maxFeatures", "keep at most this many slots (0 = no cap)");
  private final IntParam minFeatures = new IntParam(this, "minFeatures", "keep at least this many slots");

  public UnivariateFilter() {
    this(Identifiable$.MODULE$.randomUID("univariateFilter"));
  }

  public UnivariateFilter(String uid) {
    super(uid);
    setDefault(fdrAlpha, 0.05);
    setDefault(maxFeatures, 0);
    setDefault(minFeatures, 1);
  }

  public DoubleParam fdrAlpha() {
    return fdrAlpha;
  }

  public IntParam maxFeatures() {
    return maxFeatures;
  }

  public IntParam minFeatures() {
    return minFeatures;
  }

  public UnivariateFilter setFdrAlpha(double v) {
    set(fdrAlpha, v);
    return this;
  }

  public UnivariateFilter setMaxFeatures(int v) {
    set(maxFeatures, v);
    return this;
  }

  public UnivariateFilter setMinFeatures(int v) {
    set(minFeatures, v);
    return this;
  }

  public UnivariateFilter setInputCol(String v) {
    setCols(v, null, null);
    return this;
  }

  public UnivariateFilter setOutputCol(String v) {
    setCols(null, v, null);
    return this;
  }

  public UnivariateFilter setLabelCol(String v) {
    setCols(null, null, v);
    return this;
  }

  /** Per-slot Mann-Whitney results (index = slot), computed on {@code dataset}. */
  public MannWhitney.Result[] tests(Dataset<?> dataset) {
    Dataset<Row> long_ = dataset.select(
        posexplode(org.apache.spark.ml.functions.vector_to_array(col(getInputCol()), "float64")),
        col(getLabelCol()).cast("double").as("y"));
    Dataset<Row> byValue = long_.groupBy("pos", "col")
        .agg(count(lit(1)).as("c"), sum("y").as("k"));
    WindowSpec w = Window.partitionBy("pos").orderBy("col")
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column cum = sum("c").over(w);
    Dataset<Row> ranked = byValue.withColumn("mid", cum.minus(col("c").minus(1).divide(2.0)));
    List<Row> rows = ranked.groupBy("pos").agg(
        sum(col("mid").multiply(col("k"))).as("r1"),
        sum("k").as("n1"),
        sum("c").as("n"),
        sum(col("c").multiply(col("c")).multiply(col("c")).minus(col("c")).cast("double")).as("ties"))
        .collectAsList();
    MannWhitney.Result[] out = new MannWhitney.Result[rows.size()];
    for (Row r : rows) {
      long n1 = Math.round(r.getDouble(2));
      long n = r.getLong(3);
      out[r.getInt(0)] = MannWhitney.fromRankSum(r.getDouble(1), n1, n - n1, r.getDouble(4));
    }
    return out;
  }

  @Override
  public UnivariateFilterModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    MannWhitney.Result[] t = tests(dataset);
    int p = t.length;
    double[] pv = new double[p];
    for (int j = 0; j < p; j++) {
      pv[j] = t[j] == null ? 1.0 : t[j].p();
    }
    double[] q = Fdr.benjaminiHochberg(pv);
    Integer[] order = new Integer[p];
    for (int j = 0; j < p; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> pv[a] != pv[b] ? Double.compare(pv[a], pv[b]) : Integer.compare(a, b));
    double alpha = (Double) getOrDefault(fdrAlpha);
    int cap = (Integer) getOrDefault(maxFeatures);
    int floor = Math.min(p, (Integer) getOrDefault(minFeatures));
    List<Integer> kept = new ArrayList<>();
    for (int j : order) {
      if (cap > 0 && kept.size() >= cap) {
        break;
      }
      if (q[j] <= alpha || kept.size() < floor) {
        kept.add(j);
      }
    }
    return finish(new UnivariateFilterModel(uid()), kept.stream().mapToInt(Integer::intValue).sorted().toArray());
  }

  @Override
  public UnivariateFilter copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<UnivariateFilter> read() {
    return new DefaultParamsReader<>();
  }

  public static UnivariateFilter load(String path) {
    return read().load(path);
  }
}
