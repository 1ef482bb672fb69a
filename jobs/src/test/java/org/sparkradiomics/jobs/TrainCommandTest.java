package org.sparkradiomics.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.modeling.TestSparkAccess;

class TrainCommandTest {
  @TempDir
  Path dir;

  /**
   * End to end on CSVs: 150 patients with 2 images each, label = 1 when 1.5 f0 + age_z + noise > 0; sex as a string
   * clinical column (indicator encoding). Checks the outputs exist and agree with each other.
   */
  @Test
  void trainWritesPredictionsMetricsCoefficientsAndModel() throws Exception {
    TestSparkAccess.session();
    Random r = new Random(31);
    StringBuilder feats = new StringBuilder("patient_id,image_id,f0,f1,f2\n");
    StringBuilder clin = new StringBuilder("patient_id,age,sex,outcome\n");
    for (int p = 0; p < 150; p++) {
      double f0 = r.nextGaussian();
      double ageZ = r.nextGaussian();
      int y = 1.5 * f0 + ageZ + 0.5 * r.nextGaussian() > 0 ? 1 : 0;
      for (int i = 0; i < 2; i++) {
        feats.append("P").append(p).append(",img").append(i).append(',').append(f0 + 0.1 * r.nextGaussian())
            .append(',').append(r.nextGaussian()).append(',').append(r.nextGaussian()).append('\n');
      }
      clin.append("P").append(p).append(',').append(60 + 10 * ageZ).append(',').append(r.nextBoolean() ? "F" : "M")
          .append(',').append(y).append('\n');
    }
    Files.writeString(dir.resolve("features.csv"), feats);
    Files.writeString(dir.resolve("clinical.csv"), clin);
    Files.writeString(dir.resolve("exp.yaml"), "outer_folds: 3\ninner_folds: 3\nseed: 5\nreg_params: [0.02]\n"
        + "max_iter: 30\ncorrelation_filter: false\nexclude: [image_id]\n");
    Path out = dir.resolve("out");
    int rc = new TrainCommand().run(new String[] {"--features", dir.resolve("features.csv").toString(),
        "--clinical", dir.resolve("clinical.csv").toString(), "--label", "outcome", "--model-type",
        "clinical-radiomics", "--experiment", dir.resolve("exp.yaml").toString(), "--out", out.toString(),
        "--compare", "clinical"});
    assertEquals(0, rc);
    List<String> preds = Files.readAllLines(out.resolve("predictions.csv"));
    assertEquals(151, preds.size());
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(150, m.get("patients").asInt());
    assertTrue(m.get("auc").asDouble() > 0.8, "auc " + m.get("auc"));
    assertTrue(m.get("delong_comparison").get("p").asDouble() < 0.05, m.get("delong_comparison").toString());
    String coef = Files.readString(out.resolve("coefficients.csv"));
    assertTrue(coef.contains("\"f0\",radiomics"), coef);
    assertTrue(coef.contains("\"age\",clinical"), coef);
    assertTrue(Files.readString(out.resolve("rad_score.sql")).contains("`f0`"));
    assertTrue(PipelineModel.load(out.resolve("model").toString()).stages().length > 3);

    // model card, report and registry written by train; then score the same features with the saved model
    assertTrue(Files.readString(out.resolve("model_card.md")).contains("clinical-only model (same folds)"));
    assertTrue(Files.readString(out.resolve("report").resolve("report.html")).contains("nomogram.png"));
    JsonNode md = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertEquals("clinical-radiomics", md.get("modelId").asText());
    assertEquals(1, md.get("version").asInt());
    Path preds2 = dir.resolve("predictions");
    assertEquals(0, new ScoreCommand().run(new String[] {"--model", out.toString(), "--features",
        dir.resolve("features.csv").toString(), "--clinical", dir.resolve("clinical.csv").toString(),
        "--predictions", preds2.toString()}));
    assertEquals(0, new ScoreCommand().run(new String[] {"--registry", out.resolve("registry").toString(),
        "--model-name", "clinical-radiomics", "--features", dir.resolve("features.csv").toString(), "--clinical",
        dir.resolve("clinical.csv").toString()}));
    org.apache.spark.sql.SparkSession spark = TestSparkAccess.session();
    List<org.apache.spark.sql.Row> scored = spark.read().parquet(preds2.toString()).collectAsList();
    assertEquals(300, scored.size());
    assertEquals(300, spark.read().parquet(out.resolve("registry").resolve("predictions").toString()).count());
    // every patient's 2 images are scored, predicted_label follows the Youden threshold of model.json
    java.util.Map<String, double[]> byPatient = new java.util.HashMap<>();
    for (org.apache.spark.sql.Row row : scored) {
      byPatient.computeIfAbsent(row.getAs("patient_key"), k -> new double[2]);
      double[] acc = byPatient.get((String) row.getAs("patient_key"));
      acc[0] += (double) row.getAs("probability");
      acc[1]++;
      assertEquals((double) row.getAs("probability") >= md.get("threshold").asDouble() ? 1 : 0,
          (int) row.getAs("predicted_label"));
    }
    assertEquals(150, byPatient.size());
    assertTrue(byPatient.values().stream().allMatch(v -> v[1] == 2));
  }
}
