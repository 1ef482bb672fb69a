package org.sparkradiomics.modeling;

import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/** Fitted {@link RfeSelector}: keeps the surviving slots; {@code ranking} 1 = kept, larger = removed earlier. */
public final class RfeSelectorModel extends VectorSelectionModel<RfeSelectorModel> {
  private final IntArrayParam ranking =
      new IntArrayParam(this, "ranking", "per input slot: 1 = kept, r > 1 = removed in round (rounds + 2 - r)");

  public RfeSelectorModel() {
    this(Identifiable$.MODULE$.randomUID("rfeSelectorModel"));
  }

  public RfeSelectorModel(String uid) {
    super(uid);
  }

  public IntArrayParam ranking() {
    return ranking;
  }

  public int[] getRanking() {
    return getOrDefault(ranking);
  }

  void setRanking(int[] r) {
    set(ranking, r);
  }

  @Override
  public RfeSelectorModel copy(ParamMap extra) {
    return copyValues(new RfeSelectorModel(uid()), extra).setParent(parent());
  }

  public static MLReader<RfeSelectorModel> read() {
    return new DefaultParamsReader<>();
  }

  public static RfeSelectorModel load(String path) {
    return read().load(path);
  }
}
