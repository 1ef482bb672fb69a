package org.sparkradiomics.modeling.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.sparkradiomics.modeling.VectorSelectionModel;

/**
 * What enters the classifier of a fitted {@code RadiomicsPipeline}: the clinical columns, then the radiomics columns
 * kept by the selection stages, in the order of the assembled (scaler-input) vector; plus the scaler and the
 * logistic model when present.
 */
public final class ModelInputs {
  public final List<String> names;
  public final int clinicalCount;
  public final StandardScalerModel scaler;
  public final LogisticRegressionModel logistic;

  private ModelInputs(List<String> names, int clinicalCount, StandardScalerModel scaler,
                      LogisticRegressionModel logistic) {
    this.names = names;
    this.clinicalCount = clinicalCount;
    this.scaler = scaler;
    this.logistic = logistic;
  }

  public static ModelInputs of(PipelineModel model, List<String> clinical, List<String> radiomics) {
    List<String> rad = new ArrayList<>(radiomics);
    StandardScalerModel scaler = null;
    LogisticRegressionModel lr = null;
    for (Transformer t : model.stages()) {
      if (t instanceof VectorSelectionModel<?> sel) {
        List<String> next = new ArrayList<>();
        for (int i : sel.getSelected()) {
          next.add(rad.get(i));
        }
        rad = next;
      } else if (t instanceof StandardScalerModel s) {
        scaler = s;
      } else if (t instanceof LogisticRegressionModel l) {
        lr = l;
      }
    }
    List<String> names = new ArrayList<>(clinical);
    names.addAll(rad);
    return new ModelInputs(names, clinical.size(), scaler, lr);
  }

  public boolean isClinical(int j) {
    return j < clinicalCount;
  }
}
