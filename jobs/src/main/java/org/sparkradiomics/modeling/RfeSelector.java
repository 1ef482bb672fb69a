package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorSlicer;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Recursive feature elimination (Guyon et al. 2002) with a penalised logistic regression. The slots are
 * standardised once on the training data (mean 0, sd 1; constant slots become 0); then, while more than k slots
 * remain, a binomial LogisticRegression (regParam, elasticNetParam: 0 = L2 (default), 1 = L1) is fitted on the
 * remaining slots and the max(1, floor(step * remaining)) slots with the smallest |coefficient| (at most
 * remaining - k) are removed. |coefficient| on standardised slots is the usual RFE importance. Ties in |coefficient|
 * remove the higher slot index first. Each round is one MLlib fit on the cached standardised training data.
 * {@link RfeSelectorModel#getRanking()} follows scikit-learn: 1 for the kept slots, 2 for the last removed round...
 */
public final class RfeSelector extends VectorFilter<RfeSelectorModel> {
  private final IntParam k = new IntParam(this, "k", "number of slots to keep");
  private final DoubleParam step = new DoubleParam(this, "step", "fraction of the remaining slots removed per round");
  private final DoubleParam regParam = new DoubleParam(this, "regParam", "LogisticRegression regParam");
  private final DoubleParam elasticNetParam =
      new DoubleParam(this, "elasticNetParam", "LogisticRegression elasticNetParam (0 = L2, 1 = L1)");
  private final IntParam maxIter = new IntParam(this, "maxIter", "LogisticRegression maxIter per round");

  public RfeSelector() {
    this(Identifiable$.MODULE$.randomUID("rfeSelector"));
  }

  public RfeSelector(String uid) {
    super(uid);
    setDefault(k, 10);
    setDefault(step, 0.2);
    setDefault(regParam, 0.01);
    setDefault(elasticNetParam, 0.0);
    setDefault(maxIter, 100);
  }

  public IntParam k() {
    return k;
  }

  public DoubleParam step() {
    return step;
  }

  public DoubleParam regParam() {
    return regParam;
  }

  public DoubleParam elasticNetParam() {
    return elasticNetParam;
  }

  public IntParam maxIter() {
    return maxIter;
  }

  public RfeSelector setK(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("rfe k must be >= 1, got " + v);
    }
    set(k, v);
    return this;
  }

  public RfeSelector setStep(double v) {
    if (!(v > 0 && v < 1)) {
      throw new IllegalArgumentException("rfe step must be in (0, 1), got " + v);
    }
    set(step, v);
    return this;
  }

  public RfeSelector setRegParam(double v) {
    set(regParam, v);
    return this;
  }

  public RfeSelector setElasticNetParam(double v) {
    set(elasticNetParam, v);
    return this;
  }

  public RfeSelector setMaxIter(int v) {
    set(maxIter, v);
    return this;
  }

  public RfeSelector setInputCol(String v) {
    setCols(v, null, null);
    return this;
  }

  public RfeSelector setOutputCol(String v) {
    setCols(null, v, null);
    return this;
  }

  public RfeSelector setLabelCol(String v) {
    setCols(null, null, v);
    return this;
  }

  @Override
  public RfeSelectorModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String z = uid() + "__z";
    String s = uid() + "__s";
    Dataset<Row> in = dataset.select(col(getInputCol()), col(getLabelCol()).cast("double").as("__y"));
    Dataset<Row> scaled = new StandardScaler().setWithMean(true).setWithStd(true).setInputCol(getInputCol())
        .setOutputCol(z).fit(in).transform(in).select(col(z), col("__y")).cache();
    try {
      int p = ((org.apache.spark.ml.linalg.Vector) scaled.first().get(0)).size();
      int kk = Math.min((Integer) getOrDefault(k), p);
      double st = (Double) getOrDefault(step);
      List<Integer> active = new ArrayList<>();
      for (int j = 0; j < p; j++) {
        active.add(j);
      }
      int[] ranking = new int[p];
      List<int[]> removedRounds = new ArrayList<>();
      LogisticRegression lr = new LogisticRegression().setFamily("binomial").setStandardization(false)
          .setFeaturesCol(s).setLabelCol("__y").setRegParam((Double) getOrDefault(regParam))
          .setElasticNetParam((Double) getOrDefault(elasticNetParam)).setMaxIter((Integer) getOrDefault(maxIter));
      while (active.size() > kk) {
        int[] idx = active.stream().mapToInt(Integer::intValue).toArray();
        Dataset<Row> sliced = new VectorSlicer().setInputCol(z).setOutputCol(s).setIndices(idx).transform(scaled);
        LogisticRegressionModel m = lr.fit(sliced);
        double[] coef = m.coefficients().toArray();
        int remove = Math.min(active.size() - kk, Math.max(1, (int) Math.floor(st * active.size())));
        Integer[] order = new Integer[idx.length];
        for (int i = 0; i < idx.length; i++) {
          order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> Math.abs(coef[i]))
            .thenComparing(i -> -idx[i]));
        int[] gone = new int[remove];
        for (int i = 0; i < remove; i++) {
          gone[i] = idx[order[i]];
        }
        removedRounds.add(gone);
        for (int g : gone) {
          active.remove(Integer.valueOf(g));
        }
      }
      for (int j : active) {
        ranking[j] = 1;
      }
      for (int r = 0; r < removedRounds.size(); r++) {
        for (int g : removedRounds.get(r)) {
          ranking[g] = removedRounds.size() - r + 1;
        }
      }
      RfeSelectorModel model = finish(new RfeSelectorModel(uid()),
          active.stream().mapToInt(Integer::intValue).sorted().toArray());
      model.setRanking(ranking);
      return model;
    } finally {
      scaled.unpersist();
    }
  }

  @Override
  public RfeSelector copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<RfeSelector> read() {
    return new DefaultParamsReader<>();
  }

  public static RfeSelector load(String path) {
    return read().load(path);
  }
}
