package org.sparkradiomics.modeling.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkradiomics.modeling.ModelSpec;
import org.sparkradiomics.modeling.NestedCrossValidation;
import org.sparkradiomics.schemas.ModelTables;
import org.sparkradiomics.stats.DeLong;

/**
 * The registry rows, model metadata, model card and report of one {@code train} run, written after the run's own
 * outputs (predictions.csv, metrics.json, coefficients.csv, rad_score.sql, model/):
 * <ul>
 *   <li>{@code model.json} next to {@code model/} (what {@code score} needs);
 *   <li>one row in {@code REGISTRY/models} and the metric rows in {@code REGISTRY/model_metrics} (Delta when the
 *       session has the Delta extension, else Parquet; appended; version = previous max for the name + 1);
 *   <li>{@code model_card.json}, {@code model_card.md} next to the model, {@code report/report.html} with the PNGs;
 *   <li>optionally the scikit-learn cross-check export ({@link CrossCheckExport}).
 * </ul>
 */
public final class TrainOutputs {
  /** What the command line adds to a train run. */
  public static final class Options {
    public String modelId;
    public Path registry;
    public String trainingTable;
    public Dataset<Row> externalFeatures;
    public Dataset<Row> externalClinical;
    public String externalSource;
    public Path crossCheckDir;
    public boolean report = true;
    /** Bootstrap replicates of the ROC band and of the Brier / calibration intervals (seed: the experiment seed). */
    public int bootstrapReplicates = BootstrapCi.DEFAULT_REPLICATES;
  }

  private TrainOutputs() {}

  public static ModelMetadata write(SparkSession spark, Dataset<Row> data, ModelSpec spec,
                                    NestedCrossValidation.Result res, NestedCrossValidation.Result other,
                                    DeLong.Comparison comparison, Options o, Path out) throws IOException {
    ModelRegistry reg = new ModelRegistry(spark, o.registry);
    Evaluation cv = Evaluation.of("nested_cv", res.probabilities(), res.labels(), Double.NaN,
        o.bootstrapReplicates, spec.seed);
    ModelMetadata md = new ModelMetadata();
    md.modelId = o.modelId;
    md.version = reg.nextVersion(o.modelId);
    md.modelType = spec.modelType.cliName();
    md.classifier = spec.classifier;
    md.patientCol = spec.patientCol;
    md.labelCol = spec.labelCol;
    md.siteCol = spec.siteCol;
    md.clinicalCols = new ArrayList<>(spec.usedClinical());
    md.radiomicsCols = new ArrayList<>(spec.usedRadiomics());
    md.threshold = cv.threshold;
    String uri = out.resolve("model").toAbsolutePath().toUri().toString();
    md.pipelinePath = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    md.radScoreSql = res.radScore == null ? null : res.radScore.sqlExpression();
    md.codeVersion = Prepared.codeVersion();
    md.write(out);

    Evaluation ext = null;
    if (o.externalFeatures != null) {
      Dataset<Row> scored = Scorer.score(res.finalModel, Scorer.inputs(o.externalFeatures, o.externalClinical, md),
          md, List.of());
      List<Row> pp = Scorer.perPatient(scored, md);
      double[] p = new double[pp.size()];
      int[] y = new int[pp.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = pp.get(i).getDouble(1);
        y[i] = (int) Math.round(pp.get(i).getDouble(2));
      }
      ext = Evaluation.of("external", p, y, cv.threshold, o.bootstrapReplicates, spec.seed);
    }

    Dataset<Row> prepared = Prepared.of(data, spec).cache();
    try {
      ObjectMapper om = new ObjectMapper();
      ObjectNode params = om.createObjectNode();
      params.set("spec", om.valueToTree(spec));
      String paramsHash = sha256(om.writeValueAsString(params));
      params.set("final_best_params", om.valueToTree(res.finalBestParams));
      params.set("fold_best_params", om.valueToTree(res.foldBestParams));
      List<String> selected = res.radScore != null ? res.radScore.selectedFeatures() : new ArrayList<>(md.clinicalCols);
      if (res.radScore == null) {
        selected.addAll(md.radiomicsCols);
      }
      String trainingHash = trainingHash(prepared);
      int patients = cv.p.length;
      int events = cv.auc.positives();
      reg.append(ModelTables.MODELS, List.of(ModelRegistry.modelRow(md, om.writeValueAsString(params), selected,
          o.trainingTable, trainingHash, paramsHash, patients, events, Timestamp.from(Instant.now()))));
      List<Row> metricRows = new ArrayList<>(ModelRegistry.metricRows(md.modelId, md.version, cv));
      if (ext != null) {
        metricRows.addAll(ModelRegistry.metricRows(md.modelId, md.version, ext));
      }
      reg.append(ModelTables.MODEL_METRICS, metricRows);

      if (o.report) {
        ModelReport.Inputs in = new ModelReport.Inputs();
        in.modelId = md.modelId;
        in.version = md.version;
        in.spec = spec;
        in.result = res;
        in.cv = cv;
        in.images = (int) prepared.count();
        if (spec.siteCol != null) {
          List<String> sites = new ArrayList<>();
          for (Row r : prepared.select(spec.siteCol).distinct().orderBy(spec.siteCol).collectAsList()) {
            sites.add(r.isNullAt(0) ? "(missing)" : r.getString(0));
          }
          in.sites = sites;
        }
        in.compare = other;
        in.comparison = comparison;
        in.external = ext;
        in.externalSource = o.externalSource;
        if ("logistic".equals(spec.classifier) && res.finalModel != null) {
          ModelInputs mi = ModelInputs.of(res.finalModel, spec.usedClinical(), spec.usedRadiomics());
          in.lassoPath = LassoPath.compute(res.finalModel, prepared, spec, mi.names);
          try {
            in.nomogram = NomogramData.build(res.finalModel, prepared, mi);
          } catch (IllegalArgumentException e) {
            System.err.println("train: no nomogram: " + e.getMessage());
          }
        }
        in.sparkVersion = spark.version();
        in.codeVersion = md.codeVersion;
        in.trainingTable = o.trainingTable;
        in.trainingHash = trainingHash;
        in.bootstrapReplicates = o.bootstrapReplicates;
        ModelReport.write(in, out, out.resolve("report"));
      }
      if (o.crossCheckDir != null) {
        CrossCheckExport.write(data, spec, res, o.crossCheckDir);
      }
    } finally {
      prepared.unpersist();
    }
    return md;
  }

  /**
   * SHA-256 of the column names, the row count and the order-free sum of per-row xxhash64 values (each reduced
   * modulo 2^31 - 1 so the sum cannot overflow): equal for the same rows in any order or partitioning.
   */
  static String trainingHash(Dataset<Row> prepared) {
    Column[] cols = new Column[prepared.columns().length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = col("`" + prepared.columns()[i] + "`");
    }
    Row r = prepared.agg(count(lit(1)), sum(pmod(xxhash64(cols), lit(2147483647L)))).first();
    String s = String.join(",", prepared.columns()) + "|" + r.getLong(0) + "|" + (r.isNullAt(1) ? 0 : r.get(1));
    return sha256(s);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(
          StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
