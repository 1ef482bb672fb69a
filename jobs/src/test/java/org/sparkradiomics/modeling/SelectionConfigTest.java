package org.sparkradiomics.modeling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Test;

class SelectionConfigTest {
  static ModelSpec apply(String text) {
    ModelSpec s = new ModelSpec();
    ExperimentConfig.parse(text).applyTo(s);
    return s;
  }

  static List<String> stageNames(ModelSpec s) {
    return Arrays.stream(RadiomicsPipeline.build(s).pipeline.getStages()).map(PipelineStage::getClass)
        .map(Class::getSimpleName).toList();
  }

  @Test
  void selectionKeysBuildTheStagesInOrder() {
    ModelSpec s = apply(String.join("\n",
        "selection: [variance, mrmr, rfe, boruta, pca]",
        "mrmr_k: 12", "mrmr_bins: 4", "rfe_k: 6", "rfe_step: 0.3", "boruta_runs: 20", "boruta_alpha: 0.01",
        "boruta_trees: 50", "pca_k: 3", "classifier: knn", "knn_k: [3, 9]", "knn_weighting: distance"));
    s.modelType = ModelType.RADIOMICS;
    s.radiomicsCols = List.of("a", "b", "c");
    assertEquals(List.of("variance", "mrmr", "rfe", "boruta", "pca"), s.selection);
    assertTrue(s.varianceFilter);
    assertFalse(s.correlationFilter);
    assertFalse(s.univariateFilter);
    assertEquals(12, s.mrmrK);
    assertEquals(4, s.mrmrBins);
    assertEquals(6, s.rfeK);
    assertEquals(0.3, s.rfeStep);
    assertEquals(20, s.borutaRuns);
    assertEquals(0.01, s.borutaAlpha);
    assertEquals(50, s.borutaTrees);
    assertEquals(3, s.pcaK);
    assertArrayEquals(new int[] {3, 9}, s.knnKs);
    assertEquals("distance", s.knnWeighting);
    assertEquals(List.of("Imputer", "VectorAssembler", "VarianceFilter", "MrmrSelector", "RfeSelector",
        "BorutaSelector", "StandardScaler", "PcaReducer", "VectorAssembler", "StandardScaler", "KnnClassifier"),
        stageNames(s));
    RadiomicsPipeline rp = RadiomicsPipeline.build(s);
    assertEquals(2, rp.grid.length);
    assertTrue(s.copy().toString().contains("selection=[variance, mrmr, rfe, boruta, pca]"));

    ModelSpec m = apply("classifier: mlp\nmlp_hidden: [2, 4, 8]\nmlp_layers: 2\nselection: univariate");
    m.modelType = ModelType.RADIOMICS;
    m.radiomicsCols = List.of("a", "b");
    assertEquals(3, RadiomicsPipeline.build(m).grid.length);
    assertEquals(2, m.mlpLayers);
    List<String> names = stageNames(m);
    assertEquals(List.of("MlpClassifier", "SQLTransformer"), names.subList(names.size() - 2, names.size()));
  }

  @Test
  void lassoAndLegacyFlags() {
    assertArrayEquals(new double[] {1.0}, apply("selection: [correlation, lasso]").elasticNetParams);
    assertArrayEquals(new double[] {0.0}, apply("selection: [correlation]").elasticNetParams);
    assertArrayEquals(new double[] {0.5}, apply("selection: [lasso]\nelastic_net: 0.5").elasticNetParams);
    // Without selection: the flags, default LASSO, pca_k (or pca) appends pca.
    ModelSpec legacy = apply("pca: 4\ncorrelation_filter: false");
    assertNull(legacy.selection);
    assertArrayEquals(new double[] {1.0}, legacy.elasticNetParams);
    assertEquals(List.of("variance", "univariate", "pca"), RadiomicsPipeline.selectionSteps(legacy));
    assertEquals(List.of("variance", "correlation", "univariate"), RadiomicsPipeline.selectionSteps(new ModelSpec()));
  }

  @Test
  void selectionErrors() {
    assertThrows(IllegalArgumentException.class, () -> apply("selection: [variance, mrmrr]"));
    assertThrows(IllegalArgumentException.class, () -> apply("selection: [pca, mrmr]\npca_k: 2"));
    assertThrows(IllegalArgumentException.class, () -> apply("selection: [pca]"));
    assertThrows(IllegalArgumentException.class, () -> apply("selection: [mrmr, mrmr]"));
    assertThrows(IllegalArgumentException.class, () -> apply("selection: [mrmr]\npca_k: 2"));
    assertThrows(IllegalArgumentException.class, () -> apply("selection: [lasso]\nclassifier: knn"));
    assertThrows(IllegalArgumentException.class, () -> apply("selection: [lasso]\nelastic_net: [0, 1]"));
    assertThrows(IllegalArgumentException.class, () -> apply("selection: [mrmr]\nvariance_filter: true"));
    assertThrows(IllegalArgumentException.class, () -> apply("pca: 2\npca_k: 2"));
    assertThrows(IllegalArgumentException.class, () -> apply("icc_threshold: 0.9"));
    assertThrows(IllegalArgumentException.class, () -> apply("knn_weighting: gaussian"));
    assertThrows(IllegalArgumentException.class, () -> apply("knn_k: [5, x]"));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> apply("mrmr_kk: 3"));
    assertTrue(unknown.getMessage().contains("unknown experiment key 'mrmr_kk'"));
    assertTrue(unknown.getMessage().contains("mrmr_k"));
    ModelSpec bad = new ModelSpec();
    bad.radiomicsCols = List.of("a");
    bad.classifier = "tree";
    assertThrows(IllegalArgumentException.class, () -> RadiomicsPipeline.build(bad));
  }

  /** icc_table (CSV) is read once when the pipeline is built; the unstable feature's slot is dropped. */
  @Test
  void iccTableFromTheExperimentFile() throws Exception {
    Path dir = Files.createTempDirectory("icc-table");
    String csv = dir.resolve("repeats.csv").toString();
    SelectionPersistenceTest.repeats(TestSpark.get(), 4, 5).coalesce(1).write().mode(SaveMode.Overwrite)
        .option("header", "true").csv(csv);
    ModelSpec s = apply("icc_table: " + csv + "\nicc_threshold: 0.8\nselection: [variance]");
    s.modelType = ModelType.RADIOMICS;
    s.radiomicsCols = List.of("f3", "f1", "f0", "f2");
    assertEquals(0.8, s.iccThreshold);
    PipelineStage[] stages = RadiomicsPipeline.build(s).pipeline.getStages();
    IccFilter f = (IccFilter) stages[2];
    assertArrayEquals(new int[] {1, 2, 3}, f.getSelected()); // f3 (noise) is the first slot
    assertArrayEquals(new String[] {"f0", "f1", "f2"}, f.getStableFeatures());
    assertTrue(s.iccFilter != null);
  }
}
