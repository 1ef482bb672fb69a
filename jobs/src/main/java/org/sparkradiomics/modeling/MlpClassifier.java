package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * MLlib {@link MultilayerPerceptronClassifier} for a binary label whose input size is read from the training data
 * at fit time (it depends on the data-dependent selection of the fold): layers = [input size, hidden x
 * hiddenLayers, 2] (sigmoid hidden units, softmax output, L-BFGS). Returns the MLlib model, so a PipelineModel
 * persists it natively. The model's probability column is softmax(output); its rawPredictionCol is the pre-softmax
 * output layer, which is not a monotone score of class 1, so {@link RadiomicsPipeline} routes it to a side column
 * and exposes the probability as rawPrediction for the AUC evaluator.
 */
public final class MlpClassifier extends Estimator<MultilayerPerceptronClassificationModel>
    implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;
  private final Param<String> predictionCol;
  private final IntParam hidden;
  private final IntParam hiddenLayers;
  private final IntParam maxIter;
  private final IntParam blockSize;
  private final DoubleParam tol;
  private final LongParam seed;

  public MlpClassifier() {
    this(Identifiable$.MODULE$.randomUID("mlpClassifier"));
  }

  public MlpClassifier(String uid) {
    this.uid = uid;
    featuresCol = new Param<>(this, "featuresCol", "features vector column");
    labelCol = new Param<>(this, "labelCol", "0/1 label column");
    probabilityCol = new Param<>(this, "probabilityCol", "class probabilities");
    rawPredictionCol = new Param<>(this, "rawPredictionCol", "output layer (pre-softmax)");
    predictionCol = new Param<>(this, "predictionCol", "predicted class");
    hidden = new IntParam(this, "hidden", "units per hidden layer");
    hiddenLayers = new IntParam(this, "hiddenLayers", "number of hidden layers");
    maxIter = new IntParam(this, "maxIter", "L-BFGS iterations");
    blockSize = new IntParam(this, "blockSize", "rows stacked per block");
    tol = new DoubleParam(this, "tol", "convergence tolerance");
    seed = new LongParam(this, "seed", "weight initialisation seed");
    setDefault(featuresCol, "features");
    setDefault(labelCol, "label");
    setDefault(probabilityCol, "probability");
    setDefault(rawPredictionCol, "rawPrediction");
    setDefault(predictionCol, "prediction");
    setDefault(hidden, 8);
    setDefault(hiddenLayers, 1);
    setDefault(maxIter, 200);
    setDefault(blockSize, 128);
    setDefault(tol, 1e-6);
    setDefault(seed, 42L);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  public Param<String> rawPredictionCol() {
    return rawPredictionCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public IntParam hidden() {
    return hidden;
  }

  public IntParam hiddenLayers() {
    return hiddenLayers;
  }

  public IntParam maxIter() {
    return maxIter;
  }

  public IntParam blockSize() {
    return blockSize;
  }

  public DoubleParam tol() {
    return tol;
  }

  public LongParam seed() {
    return seed;
  }

  public MlpClassifier setFeaturesCol(String v) {
    set(featuresCol, v);
    return this;
  }

  public MlpClassifier setLabelCol(String v) {
    set(labelCol, v);
    return this;
  }

  public MlpClassifier setProbabilityCol(String v) {
    set(probabilityCol, v);
    return this;
  }

  public MlpClassifier setRawPredictionCol(String v) {
    set(rawPredictionCol, v);
    return this;
  }

  public MlpClassifier setPredictionCol(String v) {
    set(predictionCol, v);
    return this;
  }

  public MlpClassifier setHidden(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("mlp hidden size must be >= 1, got " + v);
    }
    set(hidden, v);
    return this;
  }

  public MlpClassifier setHiddenLayers(int v) {
    if (v < 0) {
      throw new IllegalArgumentException("mlp hidden layers must be >= 0, got " + v);
    }
    set(hiddenLayers, v);
    return this;
  }

  public MlpClassifier setMaxIter(int v) {
    set(maxIter, v);
    return this;
  }

  public MlpClassifier setBlockSize(int v) {
    set(blockSize, v);
    return this;
  }

  public MlpClassifier setTol(double v) {
    set(tol, v);
    return this;
  }

  public MlpClassifier setSeed(long v) {
    set(seed, v);
    return this;
  }

  /** Layer sizes for an input of size d. */
  int[] layers(int d) {
    int h = (Integer) getOrDefault(hidden);
    int l = (Integer) getOrDefault(hiddenLayers);
    int[] layers = new int[l + 2];
    layers[0] = d;
    for (int i = 1; i <= l; i++) {
      layers[i] = h;
    }
    layers[l + 1] = 2;
    return layers;
  }

  @Override
  public MultilayerPerceptronClassificationModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String in = getOrDefault(featuresCol);
    int d = ((Vector) dataset.select(col(in)).first().get(0)).size();
    return new MultilayerPerceptronClassifier().setLayers(layers(d)).setFeaturesCol(in)
        .setLabelCol(getOrDefault(labelCol)).setProbabilityCol(getOrDefault(probabilityCol))
        .setRawPredictionCol(getOrDefault(rawPredictionCol)).setPredictionCol(getOrDefault(predictionCol))
        .setMaxIter((Integer) getOrDefault(maxIter)).setBlockSize((Integer) getOrDefault(blockSize))
        .setTol((Double) getOrDefault(tol)).setSeed((Long) getOrDefault(seed)).setSolver("l-bfgs")
        .fit(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!schema.apply(getOrDefault(featuresCol)).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(getOrDefault(featuresCol) + " must be a vector column");
    }
    return schema.add(getOrDefault(rawPredictionCol), SQLDataTypes.VectorType(), false)
        .add(getOrDefault(probabilityCol), SQLDataTypes.VectorType(), false)
        .add(getOrDefault(predictionCol), DataTypes.DoubleType, false);
  }

  @Override
  public MlpClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<MlpClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static MlpClassifier load(String path) {
    return read().load(path);
  }
}
