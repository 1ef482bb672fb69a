package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkradiomics.stats.Distributions;

/**
 * Boruta all-relevant selection (Kursa and Rudnicki 2010) with MLlib random-forest importances.
 *
 * <p>Every run r = 1..maxRuns: each slot still in play (confirmed or tentative; rejected slots leave the system)
 * gets a shadow copy, the column permuted over the rows with a seeded RNG (Fisher-Yates, SplittableRandom from
 * (seed, r)); a RandomForestClassifier (numTrees, maxDepth, seed + r, default sqrt feature subsets) is fitted on
 * [slots, shadows]; a slot scores a hit when its featureImportances (mean decrease in Gini impurity, MLlib) exceeds
 * the largest shadow importance. After each run each tentative slot with h hits in r runs is tested against
 * Binomial(r, 1/2): confirmed when P(X &gt;= h) &lt; alpha / p, rejected when P(X &lt;= h) &lt; alpha / p
 * (Bonferroni over the p input slots). Stops when no slot is tentative or after maxRuns.
 *
 * <p>Kept: the confirmed slots. Tentative slots (undecided after maxRuns) are dropped. Only when fewer than
 * minFeatures (default 1) are confirmed, the undecided/rejected slots with the most hits (ties: lower index) fill
 * up to minFeatures, so a downstream classifier always has an input; {@link BorutaSelectorModel#getDecision()}
 * still reports them as not confirmed.
 *
 * <p>The training fold (n x p doubles, a flat array) is collected once to the driver to build the shadow columns
 * (a column permutation crosses all partitions); each run's [slots, shadows] table is a local DataFrame and the
 * forest is fitted by MLlib. This assumes a cohort-sized training fold (thousands of rows).
 */
public final class BorutaSelector extends VectorFilter<BorutaSelectorModel> {
  private final IntParam maxRuns = new IntParam(this, "maxRuns", "maximum number of random-forest runs");
  private final DoubleParam alpha = new DoubleParam(this, "alpha", "family-wise level (Bonferroni over slots)");
  private final IntParam numTrees = new IntParam(this, "numTrees", "trees per forest");
  private final IntParam maxDepth = new IntParam(this, "maxDepth", "tree depth");
  private final IntParam minFeatures = new IntParam(this, "minFeatures", "keep at least this many slots");
  private final LongParam seed = new LongParam(this, "seed", "seed of the permutations and forests");

  public BorutaSelector() {
    this(Identifiable$.MODULE$.randomUID("borutaSelector"));
  }

  public BorutaSelector(String uid) {
    super(uid);
    setDefault(maxRuns, 50);
    setDefault(alpha, 0.05);
    setDefault(numTrees, 100);
    setDefault(maxDepth, 5);
    setDefault(minFeatures, 1);
    setDefault(seed, 42L);
  }

  public IntParam maxRuns() {
    return maxRuns;
  }

  public DoubleParam alpha() {
    return alpha;
  }

  public IntParam numTrees() {
    return numTrees;
  }

  public IntParam maxDepth() {
    return maxDepth;
  }

  public IntParam minFeatures() {
    return minFeatures;
  }

  public LongParam seed() {
    return seed;
  }

  public BorutaSelector setMaxRuns(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("boruta runs must be >= 1, got " + v);
    }
    set(maxRuns, v);
    return this;
  }

  public BorutaSelector setAlpha(double v) {
    if (!(v > 0 && v < 1)) {
      throw new IllegalArgumentException("boruta alpha must be in (0, 1), got " + v);
    }
    set(alpha, v);
    return this;
  }

  public BorutaSelector setNumTrees(int v) {
    set(numTrees, v);
    return this;
  }

  public BorutaSelector setMaxDepth(int v) {
    set(maxDepth, v);
    return this;
  }

  public BorutaSelector setMinFeatures(int v) {
    set(minFeatures, v);
    return this;
  }

  public BorutaSelector setSeed(long v) {
    set(seed, v);
    return this;
  }

  public BorutaSelector setInputCol(String v) {
    setCols(v, null, null);
    return this;
  }

  public BorutaSelector setOutputCol(String v) {
    setCols(null, v, null);
    return this;
  }

  public BorutaSelector setLabelCol(String v) {
    setCols(null, null, v);
    return this;
  }

  /** P(X &gt;= h) for X ~ Binomial(r, 1/2). */
  static double upperTail(int h, int r) {
    double s = 0;
    for (int x = Math.max(h, 0); x <= r; x++) {
      s += Math.exp(logChoose(r, x) - r * Math.log(2));
    }
    return Math.min(1, s);
  }

  /** P(X &lt;= h) for X ~ Binomial(r, 1/2). */
  static double lowerTail(int h, int r) {
    return upperTail(r - h, r);
  }

  private static double logChoose(int r, int x) {
    return Distributions.logGamma(r + 1.0) - Distributions.logGamma(x + 1.0) - Distributions.logGamma(r - x + 1.0);
  }

  @Override
  public BorutaSelectorModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    List<Row> rows = dataset.select(col(getInputCol()), col(getLabelCol()).cast("double")).collectAsList();
    int n = rows.size();
    if (n < 2) {
      throw new IllegalArgumentException("boruta needs at least 2 training rows, got " + n);
    }
    int p = ((Vector) rows.get(0).get(0)).size();
    double[] x = new double[n * p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double[] v = ((Vector) rows.get(i).get(0)).toArray();
      System.arraycopy(v, 0, x, i * p, p);
      y[i] = rows.get(i).getDouble(1);
    }
    SparkSession spark = dataset.sparkSession();
    StructType schema = new StructType().add("y", DataTypes.DoubleType).add("v", new VectorUDT());
    int runs = (Integer) getOrDefault(maxRuns);
    double level = (Double) getOrDefault(alpha) / p;
    long sd = (Long) getOrDefault(seed);
    int[] decision = new int[p]; // 1 confirmed, 0 tentative, -1 rejected
    int[] hits = new int[p];
    int done = 0;
    RandomForestClassifier rf = new RandomForestClassifier().setLabelCol("y").setFeaturesCol("v")
        .setNumTrees((Integer) getOrDefault(numTrees)).setMaxDepth((Integer) getOrDefault(maxDepth));
    int[] perm = new int[n];
    for (int r = 1; r <= runs; r++) {
      boolean anyTentative = false;
      for (int d : decision) {
        anyTentative |= d == 0;
      }
      if (!anyTentative) {
        break;
      }
      int[] active = java.util.stream.IntStream.range(0, p).filter(j -> decision[j] >= 0).toArray();
      int m = active.length;
      double[] table = new double[n * 2 * m];
      SplittableRandom rng = new SplittableRandom(sd * 0x9E3779B97F4A7C15L + r);
      for (int c = 0; c < m; c++) {
        for (int i = 0; i < n; i++) {
          perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
          int s = rng.nextInt(i + 1);
          int t = perm[i];
          perm[i] = perm[s];
          perm[s] = t;
        }
        int j = active[c];
        for (int i = 0; i < n; i++) {
          table[i * 2 * m + c] = x[i * p + j];
          table[i * 2 * m + m + c] = x[perm[i] * p + j];
        }
      }
      List<Row> data = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        data.add(RowFactory.create(y[i], Vectors.dense(Arrays.copyOfRange(table, i * 2 * m, (i + 1) * 2 * m))));
      }
      RandomForestClassificationModel model = rf.setSeed(sd + r).fit(spark.createDataFrame(data, schema));
      double[] imp = model.featureImportances().toArray();
      double maxShadow = Double.NEGATIVE_INFINITY;
      for (int c = m; c < 2 * m; c++) {
        maxShadow = Math.max(maxShadow, imp[c]);
      }
      for (int c = 0; c < m; c++) {
        if (imp[c] > maxShadow) {
          hits[active[c]]++;
        }
      }
      done = r;
      for (int j = 0; j < p; j++) {
        if (decision[j] != 0) {
          continue;
        }
        if (upperTail(hits[j], r) < level) {
          decision[j] = 1;
        } else if (lowerTail(hits[j], r) < level) {
          decision[j] = -1;
        }
      }
    }
    List<Integer> kept = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      if (decision[j] == 1) {
        kept.add(j);
      }
    }
    int floor = Math.min(p, (Integer) getOrDefault(minFeatures));
    if (kept.size() < floor) {
      Integer[] order = new Integer[p];
      for (int j = 0; j < p; j++) {
        order[j] = j;
      }
      Arrays.sort(order, (a, b) -> hits[a] != hits[b] ? Integer.compare(hits[b], hits[a]) : Integer.compare(a, b));
      for (int j : order) {
        if (kept.size() >= floor) {
          break;
        }
        if (!kept.contains(j)) {
          kept.add(j);
        }
      }
    }
    BorutaSelectorModel out = finish(new BorutaSelectorModel(uid()),
        kept.stream().mapToInt(Integer::intValue).sorted().toArray());
    out.setDiagnostics(decision, hits, done);
    return out;
  }

  @Override
  public BorutaSelector copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<BorutaSelector> read() {
    return new DefaultParamsReader<>();
  }

  public static BorutaSelector load(String path) {
    return read().load(path);
  }
}
