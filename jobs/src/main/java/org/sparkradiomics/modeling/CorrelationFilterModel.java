package org.sparkradiomics.modeling;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/** Fitted {@link CorrelationFilter}: keeps the slots chosen on the training data. */
public final class CorrelationFilterModel extends VectorSelectionModel<CorrelationFilterModel> {
  public CorrelationFilterModel() {
    this(Identifiable$.MODULE$.randomUID("correlationFilterModel"));
  }

  public CorrelationFilterModel(String uid) {
    super(uid);
  }

  @Override
  public CorrelationFilterModel copy(ParamMap extra) {
    return copyValues(new CorrelationFilterModel(uid()), extra).setParent(parent());
  }

  public static MLReader<CorrelationFilterModel> read() {
    return new DefaultParamsReader<>();
  }

  public static CorrelationFilterModel load(String path) {
    return read().load(path);
  }
}
