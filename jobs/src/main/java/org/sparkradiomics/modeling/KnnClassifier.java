package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Exact k-nearest-neighbour classifier for a 0/1 label (not in MLlib). Fitting stores the training vectors (a
 * flat row-major array, in the order the training rows are collected) and labels in the {@link KnnModel}; the model
 * broadcasts them and scores each partition with exact Euclidean distances and a bounded heap. See
 * {@link KnnModel} for weighting and ties. Distances use featuresCol as given: in {@link RadiomicsPipeline} that is
 * the standardised vector (StandardScaler fitted on the training fold).
 */
public final class KnnClassifier extends Estimator<KnnModel> implements DefaultParamsWritable, KnnParams {
  private final String uid;
  private final KnnParams.Holder params;

  public KnnClassifier() {
    this(Identifiable$.MODULE$.randomUID("knnClassifier"));
  }

  public KnnClassifier(String uid) {
    this.uid = uid;
    params = new KnnParams.Holder(this);
    initKnnParams();
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public KnnParams.Holder knn() {
    return params;
  }

  public KnnClassifier setK(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("knn k must be >= 1, got " + v);
    }
    set(k(), v);
    return this;
  }

  public KnnClassifier setWeighting(String v) {
    if (!v.equals("uniform") && !v.equals("distance")) {
      throw new IllegalArgumentException("knn weighting must be uniform or distance, got " + v);
    }
    set(weighting(), v);
    return this;
  }

  public KnnClassifier setFeaturesCol(String v) {
    set(featuresCol(), v);
    return this;
  }

  public KnnClassifier setLabelCol(String v) {
    set(labelCol(), v);
    return this;
  }

  public KnnClassifier setProbabilityCol(String v) {
    set(probabilityCol(), v);
    return this;
  }

  public KnnClassifier setRawPredictionCol(String v) {
    set(rawPredictionCol(), v);
    return this;
  }

  public KnnClassifier setPredictionCol(String v) {
    set(predictionCol(), v);
    return this;
  }

  @Override
  public KnnModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    List<Row> rows = dataset.select(col(getOrDefault(featuresCol())), col(getOrDefault(labelCol())).cast("double"))
        .collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("knn: empty training data");
    }
    int n = rows.size();
    int d = ((Vector) rows.get(0).get(0)).size();
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      Vector v = (Vector) rows.get(i).get(0);
      if (v.size() != d) {
        throw new IllegalArgumentException("knn: training vectors of different sizes " + d + " and " + v.size());
      }
      System.arraycopy(v.toArray(), 0, x, i * d, d);
      double yi = rows.get(i).getDouble(1);
      if (yi != 0 && yi != 1) {
        throw new IllegalArgumentException("knn: label must be 0 or 1, got " + yi);
      }
      y[i] = yi;
    }
    KnnModel m = new KnnModel(uid);
    copyValues(m, extractParamMap());
    m.setTraining(d, x, y);
    m.setParent(this);
    return m;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema);
  }

  @Override
  public KnnClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<KnnClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static KnnClassifier load(String path) {
    return read().load(path);
  }

  static void checkVector(StructType schema, String c) {
    if (!schema.apply(c).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(c + " must be a vector column");
    }
  }
}
