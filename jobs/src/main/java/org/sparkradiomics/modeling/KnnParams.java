package org.sparkradiomics.modeling;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Params shared by {@link KnnClassifier} and {@link KnnModel} (same names, so copyValues carries them over). */
public interface KnnParams extends Params {
  /** Holder of the Param objects of one instance (interfaces cannot have instance fields). */
  final class Holder {
    final IntParam k;
    final Param<String> weighting;
    final Param<String> featuresCol;
    final Param<String> labelCol;
    final Param<String> probabilityCol;
    final Param<String> rawPredictionCol;
    final Param<String> predictionCol;

    Holder(Params owner) {
      k = new IntParam(owner, "k", "number of neighbours (at most the training size is used)");
      weighting = new Param<>(owner, "weighting", "uniform or distance (1/d)");
      featuresCol = new Param<>(owner, "featuresCol", "features vector column");
      labelCol = new Param<>(owner, "labelCol", "0/1 label column");
      probabilityCol = new Param<>(owner, "probabilityCol", "[P(0), P(1)]");
      rawPredictionCol = new Param<>(owner, "rawPredictionCol", "[P(0), P(1)] (for the AUC evaluator)");
      predictionCol = new Param<>(owner, "predictionCol", "1 when P(1) > 0.5, else 0");
    }
  }

  Holder knn();

  default IntParam k() {
    return knn().k;
  }

  default Param<String> weighting() {
    return knn().weighting;
  }

  default Param<String> featuresCol() {
    return knn().featuresCol;
  }

  default Param<String> labelCol() {
    return knn().labelCol;
  }

  default Param<String> probabilityCol() {
    return knn().probabilityCol;
  }

  default Param<String> rawPredictionCol() {
    return knn().rawPredictionCol;
  }

  default Param<String> predictionCol() {
    return knn().predictionCol;
  }

  default void initKnnParams() {
    setDefault(k(), 5);
    setDefault(weighting(), "uniform");
    setDefault(featuresCol(), "features");
    setDefault(labelCol(), "label");
    setDefault(probabilityCol(), "probability");
    setDefault(rawPredictionCol(), "rawPrediction");
    setDefault(predictionCol(), "prediction");
  }

  default StructType outputSchema(StructType schema) {
    KnnClassifier.checkVector(schema, getOrDefault(featuresCol()));
    // Nullable: a null feature vector gives null outputs.
    return schema.add(getOrDefault(rawPredictionCol()), SQLDataTypes.VectorType(), true)
        .add(getOrDefault(probabilityCol()), SQLDataTypes.VectorType(), true)
        .add(getOrDefault(predictionCol()), DataTypes.DoubleType, true);
  }
}
