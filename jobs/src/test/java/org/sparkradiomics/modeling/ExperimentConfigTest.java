package org.sparkradiomics.modeling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentConfigTest {
  @Test
  void parsesTheFlatYamlSubsetAndAppliesIt() {
    ExperimentConfig c = ExperimentConfig.parse(String.join("\n",
        "# experiment",
        "---",
        "outer_folds: 4",
        "inner_folds: 2   # comment",
        "seed: 7",
        "reg_params: [0.01, 0.1, 1]",
        "elastic_net: 0.5",
        "site_col: 'scanner'",
        "correlation_filter: no",
        "classifier: RF",
        "max_depth: [3, 5]",
        "exclude: [image_id, \"roi # name\"]",
        ""));
    ModelSpec s = new ModelSpec();
    c.applyTo(s);
    assertEquals(4, s.outerFolds);
    assertEquals(2, s.innerFolds);
    assertEquals(7, s.seed);
    assertArrayEquals(new double[] {0.01, 0.1, 1}, s.regParams);
    assertArrayEquals(new double[] {0.5}, s.elasticNetParams);
    assertEquals("scanner", s.siteCol);
    assertFalse(s.correlationFilter);
    assertEquals("rf", s.classifier);
    assertArrayEquals(new int[] {3, 5}, s.maxDepths);
    assertEquals(List.of("image_id", "roi # name"), c.list("exclude"));
  }

  @Test
  void logSpacedGridAndErrors() {
    ModelSpec s = new ModelSpec();
    ExperimentConfig.parse("reg_param_min: 0.001\nreg_param_max: 10\nreg_param_count: 5").applyTo(s);
    assertArrayEquals(new double[] {0.001, 0.01, 0.1, 1, 10}, s.regParams, 1e-12);
    assertEquals(20, new ModelSpec().regParams.length);
    assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.parse("outer_fold: 3").applyTo(s));
    assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.parse("a:\n  b: 1"));
    assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.parse("seed: x").applyTo(s));
    assertEquals(ModelType.CLINICAL_RADIOMICS, ModelType.parse("clinical-radiomics"));
    assertThrows(IllegalArgumentException.class, () -> ModelType.parse("deep"));
  }
}
