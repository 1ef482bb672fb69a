package org.sparkradiomics.modeling;

import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * Fitted {@link MrmrSelector}: keeps the chosen slots (ascending). {@code ranking} is the greedy selection order,
 * {@code relevance} the I(x_j; y) of every input slot on the training data (nats).
 */
public final class MrmrSelectorModel extends VectorSelectionModel<MrmrSelectorModel> {
  private final IntArrayParam ranking = new IntArrayParam(this, "ranking", "slots in mRMR selection order");
  private final DoubleArrayParam relevance =
      new DoubleArrayParam(this, "relevance", "mutual information of every input slot with the label (nats)");

  public MrmrSelectorModel() {
    this(Identifiable$.MODULE$.randomUID("mrmrSelectorModel"));
  }

  public MrmrSelectorModel(String uid) {
    super(uid);
  }

  public IntArrayParam ranking() {
    return ranking;
  }

  public DoubleArrayParam relevance() {
    return relevance;
  }

  public int[] getRanking() {
    return getOrDefault(ranking);
  }

  public double[] getRelevance() {
    return getOrDefault(relevance);
  }

  void setRanking(int[] order, double[] rel) {
    set(ranking, order);
    set(relevance, rel);
  }

  @Override
  public MrmrSelectorModel copy(ParamMap extra) {
    return copyValues(new MrmrSelectorModel(uid()), extra).setParent(parent());
  }

  public static MLReader<MrmrSelectorModel> read() {
    return new DefaultParamsReader<>();
  }

  public static MrmrSelectorModel load(String path) {
    return read().load(path);
  }
}
