package org.sparkradiomics.modeling;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/** Fitted {@link UnivariateFilter}: keeps the slots chosen on the training data. */
public final class UnivariateFilterModel extends VectorSelectionModel<UnivariateFilterModel> {
  public UnivariateFilterModel() {
    this(Identifiable$.MODULE$.randomUID("univariateFilterModel"));
  }

  public UnivariateFilterModel(String uid) {
    super(uid);
  }

  @Override
  public UnivariateFilterModel copy(ParamMap extra) {
    return copyValues(new UnivariateFilterModel(uid()), extra).setParent(parent());
  }

  public static MLReader<UnivariateFilterModel> read() {
    return new DefaultParamsReader<>();
  }

  public static UnivariateFilterModel load(String path) {
    return read().load(path);
  }
}
