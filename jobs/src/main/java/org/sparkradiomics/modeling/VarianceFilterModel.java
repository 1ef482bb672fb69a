package org.sparkradiomics.modeling;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/** Fitted {@link VarianceFilter}: keeps the slots chosen on the training data. */
public final class VarianceFilterModel extends VectorSelectionModel<VarianceFilterModel> {
  public VarianceFilterModel() {
    this(Identifiable$.MODULE$.randomUID("varianceFilterModel"));
  }

  public VarianceFilterModel(String uid) {
    super(uid);
  }

  @Override
  public VarianceFilterModel copy(ParamMap extra) {
    return copyValues(new VarianceFilterModel(uid()), extra).setParent(parent());
  }

  public static MLReader<VarianceFilterModel> read() {
    return new DefaultParamsReader<>();
  }

  public static VarianceFilterModel load(String path) {
    return read().load(path);
  }
}
