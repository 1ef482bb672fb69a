package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * MLlib {@link PCA} with k = min(k, input size): the input size of the radiomics block is only known after the
 * data-dependent filters of the training fold, and MLlib's PCA rejects k larger than it. Fits and returns an MLlib
 * {@link PCAModel} (persisted natively inside a PipelineModel). MLlib PCA projects without centring; in
 * {@link RadiomicsPipeline} a StandardScaler (mean 0, sd 1) precedes it, so the components are those of the
 * correlation matrix of the selected features.
 */
public final class PcaReducer extends Estimator<PCAModel> implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam k;

  public PcaReducer() {
    this(Identifiable$.MODULE$.randomUID("pcaReducer"));
  }

  public PcaReducer(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "input vector column");
    outputCol = new Param<>(this, "outputCol", "principal component scores");
    k = new IntParam(this, "k", "number of principal components (at most the input size)");
    setDefault(inputCol, "features");
    setDefault(outputCol, uid + "__output");
    setDefault(k, 5);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public IntParam k() {
    return k;
  }

  public PcaReducer setInputCol(String v) {
    set(inputCol, v);
    return this;
  }

  public PcaReducer setOutputCol(String v) {
    set(outputCol, v);
    return this;
  }

  public PcaReducer setK(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("pca k must be >= 1, got " + v);
    }
    set(k, v);
    return this;
  }

  @Override
  public PCAModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String in = getOrDefault(inputCol);
    int d = ((Vector) dataset.select(col(in)).first().get(0)).size();
    int kk = Math.min((Integer) getOrDefault(k), d);
    return new PCA().setInputCol(in).setOutputCol(getOrDefault(outputCol)).setK(kk).fit(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!schema.apply(getOrDefault(inputCol)).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(getOrDefault(inputCol) + " must be a vector column");
    }
    return schema.add(getOrDefault(outputCol), SQLDataTypes.VectorType(), false);
  }

  @Override
  public PcaReducer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<PcaReducer> read() {
    return new DefaultParamsReader<>();
  }

  public static PcaReducer load(String path) {
    return read().load(path);
  }
}
