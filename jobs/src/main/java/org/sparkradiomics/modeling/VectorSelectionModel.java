package org.sparkradiomics.modeling;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.feature.VectorSlicer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Fitted filter: keeps the slots {@code selectedIndices} (ascending) of inputCol in outputCol. The whole state is in
 * params, so {@link DefaultParamsWritable} persists it and {@code read()} (DefaultParamsReader) restores it.
 */
public abstract class VectorSelectionModel<M extends VectorSelectionModel<M>> extends Model<M>
    implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> labelCol;
  private final IntArrayParam selectedIndices;

  protected VectorSelectionModel(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "input vector column");
    outputCol = new Param<>(this, "outputCol", "output vector column (kept slots)");
    labelCol = new Param<>(this, "labelCol", "binary 0/1 label column (used at fit time)");
    selectedIndices = new IntArrayParam(this, "selectedIndices", "kept slots of the input vector, ascending");
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

  public Param<String> labelCol() {
    return labelCol;
  }

  public IntArrayParam selectedIndices() {
    return selectedIndices;
  }

  public int[] getSelected() {
    return getOrDefault(selectedIndices);
  }

  void setSelected(int[] kept) {
    set(selectedIndices, kept);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return schema.add(getOrDefault(outputCol), SQLDataTypes.VectorType(), false);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    int[] kept = getSelected();
    if (kept.length == 0) {
      throw new IllegalStateException(uid + " kept no feature");
    }
    return new VectorSlicer().setInputCol(getOrDefault(inputCol)).setOutputCol(getOrDefault(outputCol))
        .setIndices(kept).transform(dataset);
  }
}
