package org.sparkradiomics.modeling;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.types.StructType;

/**
 * Base of the feature-filter estimators: a vector column in, the kept slots of it out (as a {@link
 * VectorSelectionModel}). Params: inputCol, outputCol, labelCol (0/1 double). Every filter is fitted on the
 * dataset it is given only, so inside a Pipeline in cross-validation it sees the training fold only.
 */
public abstract class VectorFilter<M extends VectorSelectionModel<M>> extends Estimator<M>
    implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> labelCol;

  protected VectorFilter(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "input vector column");
    outputCol = new Param<>(this, "outputCol", "output vector column (kept slots)");
    labelCol = new Param<>(this, "labelCol", "binary 0/1 label column");
    setDefault(inputCol, "features");
    setDefault(outputCol, uid + "__output");
    setDefault(labelCol, "label");
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

  public String getInputCol() {
    return getOrDefault(inputCol);
  }

  public String getOutputCol() {
    return getOrDefault(outputCol);
  }

  public String getLabelCol() {
    return getOrDefault(labelCol);
  }

  /** Sets inputCol, outputCol and labelCol; the concrete filters expose fluent setters on top of this. */
  protected void setCols(String in, String out, String label) {
    if (in != null) {
      set(inputCol, in);
    }
    if (out != null) {
      set(outputCol, out);
    }
    if (label != null) {
      set(labelCol, label);
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!schema.apply(getInputCol()).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(getInputCol() + " must be a vector column");
    }
    return schema.add(getOutputCol(), SQLDataTypes.VectorType(), false);
  }

  /** Copies inputCol/outputCol to the model and sets the kept indices. */
  protected M finish(M model, int[] kept) {
    copyValues(model, extractParamMap());
    model.setSelected(kept);
    model.setParent(this);
    return model;
  }
}
