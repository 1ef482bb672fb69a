package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.rank;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Minimum-redundancy maximum-relevance selection (Peng, Long and Ding 2005), MID criterion: the first slot is the
 * one with the largest relevance I(x_j; y); then, with S the slots chosen so far, the slot maximising
 * I(x_j; y) - (1/|S|) sum_{s in S} I(x_j; x_s) is added, until k slots are chosen (ties: lowest slot index).
 *
 * <p>Mutual information (natural log, nats) on equal-frequency discretised slots: per slot, value v gets
 * bin = floor((r - 1) * bins / n) with r = rank(v) (1-based, tied values share the lowest rank, so they share the
 * bin) among the n training rows. I(a; b) = sum_{u,v} (n_uv / n) ln(n * n_uv / (n_u. n_.v)) from the contingency
 * counts n_uv ({@link #mutualInformation}).
 *
 * <p>Distributed: one window per slot for the ranks (long table rowId, slot, bin, label, cached), one
 * groupBy(slot, bin, label) for all relevances, and per greedy step one join of the long table with the bins of
 * the newly chosen slot and a groupBy(slot, bin, chosenBin): k - 1 passes, each returning at most
 * slots x bins^2 counts to the driver.
 */
public final class MrmrSelector extends VectorFilter<MrmrSelectorModel> {
  private final IntParam k = new IntParam(this, "k", "number of slots to select");
  private final IntParam bins = new IntParam(this, "bins", "equal-frequency bins per slot for mutual information");

  public MrmrSelector() {
    this(Identifiable$.MODULE$.randomUID("mrmrSelector"));
  }

  public MrmrSelector(String uid) {
    super(uid);
    setDefault(k, 10);
    setDefault(bins, 5);
  }

  public IntParam k() {
    return k;
  }

  public IntParam bins() {
    return bins;
  }

  public MrmrSelector setK(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("mrmr k must be >= 1, got " + v);
    }
    set(k, v);
    return this;
  }

  public MrmrSelector setBins(int v) {
    if (v < 2) {
      throw new IllegalArgumentException("mrmr bins must be >= 2, got " + v);
    }
    set(bins, v);
    return this;
  }

  public MrmrSelector setInputCol(String v) {
    setCols(v, null, null);
    return this;
  }

  public MrmrSelector setOutputCol(String v) {
    setCols(null, v, null);
    return this;
  }

  public MrmrSelector setLabelCol(String v) {
    setCols(null, null, v);
    return this;
  }

  /** I(a; b) in nats from a contingency table counts[u][v] (rows and columns with zero total are allowed). */
  public static double mutualInformation(long[][] counts) {
    double n = 0;
    int ra = counts.length;
    int cb = ra == 0 ? 0 : counts[0].length;
    double[] row = new double[ra];
    double[] colSum = new double[cb];
    for (int u = 0; u < ra; u++) {
      for (int v = 0; v < cb; v++) {
        row[u] += counts[u][v];
        colSum[v] += counts[u][v];
        n += counts[u][v];
      }
    }
    double mi = 0;
    for (int u = 0; u < ra; u++) {
      for (int v = 0; v < cb; v++) {
        long c = counts[u][v];
        if (c > 0) {
          mi += c / n * Math.log(n * c / (row[u] * colSum[v]));
        }
      }
    }
    return Math.max(0, mi);
  }

  /**
   * Long table (rowId, pos, bin, y) of the equal-frequency bins of every slot of {@code dataset}; not cached.
   */
  Dataset<Row> binned(Dataset<?> dataset) {
    int b = (Integer) getOrDefault(bins);
    Dataset<Row> rows = dataset.select(
            org.apache.spark.ml.functions.vector_to_array(col(getInputCol()), "float64").as("x"),
            col(getLabelCol()).cast("double").as("y"))
        .withColumn("rowId", monotonically_increasing_id());
    long n = rows.count();
    Dataset<Row> long_ = rows.select(col("rowId"), col("y"), posexplode(col("x")));
    return long_.withColumn("bin", floor(rank().over(Window.partitionBy("pos").orderBy("col")).minus(1)
            .multiply(b).divide(lit((double) n))).cast("int"))
        .select("rowId", "pos", "bin", "y");
  }

  @Override
  public MrmrSelectorModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    int b = (Integer) getOrDefault(bins);
    Dataset<Row> long_ = binned(dataset).cache();
    try {
      List<Row> rel = long_.groupBy("pos", "bin", "y").agg(count(lit(1)).as("c")).collectAsList();
      int p = 0;
      for (Row r : rel) {
        p = Math.max(p, r.getInt(0) + 1);
      }
      long[][][] relCounts = new long[p][b][2];
      for (Row r : rel) {
        relCounts[r.getInt(0)][r.getInt(1)][(int) Math.round(r.getDouble(2))] += r.getLong(3);
      }
      if (p == 0) {
        throw new IllegalArgumentException("mrmr: empty training data");
      }
      double[] relevance = new double[p];
      for (int j = 0; j < p; j++) {
        relevance[j] = mutualInformation(relCounts[j]);
      }
      int kk = Math.min((Integer) getOrDefault(k), p);
      double[] redundancySum = new double[p];
      boolean[] chosen = new boolean[p];
      List<Integer> order = new ArrayList<>();
      int next = argMax(relevance, chosen, redundancySum, 0);
      while (true) {
        chosen[next] = true;
        order.add(next);
        if (order.size() >= kk) {
          break;
        }
        double[] mi = redundancyWith(long_, next, p, b);
        for (int j = 0; j < p; j++) {
          redundancySum[j] += mi[j];
        }
        next = argMax(relevance, chosen, redundancySum, order.size());
      }
      int[] kept = order.stream().mapToInt(Integer::intValue).sorted().toArray();
      MrmrSelectorModel m = finish(new MrmrSelectorModel(uid()), kept);
      m.setRanking(order.stream().mapToInt(Integer::intValue).toArray(), relevance);
      return m;
    } finally {
      long_.unpersist();
    }
  }

  /** Slot maximising relevance - redundancySum / chosenCount (MID); lowest index on ties. */
  static int argMax(double[] relevance, boolean[] chosen, double[] redundancySum, int chosenCount) {
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < relevance.length; j++) {
      if (chosen[j]) {
        continue;
      }
      double s = relevance[j] - (chosenCount == 0 ? 0 : redundancySum[j] / chosenCount);
      if (s > bestScore) {
        bestScore = s;
        best = j;
      }
    }
    return best;
  }

  /** I(x_j; x_s) for every slot j, one distributed pass. */
  static double[] redundancyWith(Dataset<Row> long_, int s, int p, int b) {
    Dataset<Row> chosen = long_.filter(col("pos").equalTo(s)).select(col("rowId").as("rid"), col("bin").as("bs"));
    List<Row> rows = long_.join(chosen, long_.col("rowId").equalTo(chosen.col("rid")))
        .groupBy("pos", "bin", "bs").agg(count(lit(1)).as("c")).collectAsList();
    long[][][] counts = new long[p][b][b];
    for (Row r : rows) {
      counts[r.getInt(0)][r.getInt(1)][r.getInt(2)] += r.getLong(3);
    }
    double[] out = new double[p];
    for (int j = 0; j < p; j++) {
      out[j] = mutualInformation(counts[j]);
    }
    return out;
  }

  @Override
  public MrmrSelector copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<MrmrSelector> read() {
    return new DefaultParamsReader<>();
  }

  public static MrmrSelector load(String path) {
    return read().load(path);
  }
}
