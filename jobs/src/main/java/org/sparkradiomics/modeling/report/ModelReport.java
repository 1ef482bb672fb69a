package org.sparkradiomics.modeling.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkradiomics.modeling.ModelSpec;
import org.sparkradiomics.modeling.NestedCrossValidation;
import org.sparkradiomics.stats.DeLong;

/**
 * Model card (JSON + Markdown) and HTML report of one {@code train} run.
 *
 * <p>The card follows the items of radiomics reporting checklists (METRICS, CLEAR, TRIPOD-AI) that a training run
 * can document from what it saw: data counts, the partitioning, the steps fitted inside the folds, the tuning, the
 * software, the metrics with 95% intervals, calibration, clinical utility, comparisons and external testing. Every
 * other item (imaging protocol, segmentation, feature extraction settings, eligibility, reference standard, sample
 * size, feature robustness, data and code availability) is listed with status "not documented by this run": the run
 * never fills them with guesses.
 */
public final class ModelReport {
  public static final String NOT_DOCUMENTED = "not documented by this run";

  /** Everything the card and the report are made from. Null fields are "not available". */
  public static final class Inputs {
    public String modelId;
    public int version;
    public ModelSpec spec;
    public NestedCrossValidation.Result result;
    public Evaluation cv;
    public int images;
    /** Distinct sites, or null when no site column was given. */
    public List<String> sites;
    public NestedCrossValidation.Result compare;
    public DeLong.Comparison comparison;
    public Evaluation external;
    public String externalSource;
    public LassoPath lassoPath;
    public Nomogram nomogram;
    public String sparkVersion;
    public String codeVersion;
    public String trainingTable;
    public String trainingHash;
    public int bootstrapReplicates = BootstrapCi.DEFAULT_REPLICATES;
  }

  /** One checklist item of the card. */
  public record Item(String section, String item, String status, Object value) {}

  private ModelReport() {}

  private static Item doc(String section, String item, Object value) {
    return new Item(section, item, "documented", value);
  }

  private static Item none(String section, String item) {
    return new Item(section, item, NOT_DOCUMENTED, null);
  }

  static Map<String, Object> metricMap(Evaluation e) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Evaluation.Metric x : e.metrics) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("value", x.value());
      if (x.ciLow() != null) {
        v.put("ci95_low", x.ciLow());
        v.put("ci95_high", x.ciHigh());
        v.put("ci_method", x.ciMethod());
      }
      m.put(x.name(), v);
    }
    return m;
  }

  /** The checklist items of the card, in order. */
  public static List<Item> items(Inputs in) {
    ModelSpec s = in.spec;
    List<Item> it = new ArrayList<>();
    String d = "data";
    it.add(doc(d, "patients (with a label)", in.cv.p.length));
    it.add(doc(d, "events (label 1)", in.cv.auc.positives()));
    it.add(doc(d, "images / feature rows", in.images));
    it.add(in.sites == null ? none(d, "sites / centres") : doc(d, "sites / centres (" + s.siteCol + ")",
        in.sites));
    it.add(doc(d, "candidate features", Map.of("clinical", s.usedClinical().size(), "radiomics",
        s.usedRadiomics().size())));
    it.add(none(d, "eligibility criteria and recruitment period"));
    it.add(none(d, "reference standard of the label"));
    it.add(none(d, "sample size justification"));
    String im = "imaging and features";
    it.add(none(im, "imaging protocol (scanner, acquisition, reconstruction)"));
    it.add(none(im, "segmentation method and inter-reader agreement"));
    it.add(none(im, "image preprocessing and feature extraction settings (IBSI)"));
    it.add(none(im, "feature robustness / test-retest (ICC)"));
    String pa = "partitioning";
    it.add(doc(pa, "design", String.format(Locale.ROOT, "nested cross-validation, %d outer x %d inner folds, "
        + "patient-level (all images of a patient in one fold), stratified by label", s.outerFolds, s.innerFolds)));
    it.add(doc(pa, "seed", s.seed));
    it.add(doc(pa, "patient-level aggregation", "mean of the image-level probabilities per patient"));
    String fs = "preprocessing and selection (fitted inside each training fold)";
    List<String> steps = new ArrayList<>();
    if (s.impute) {
      steps.add("median imputation");
    }
    if (s.siteCol != null) {
      steps.add("ComBat harmonisation of the radiomics features by " + s.siteCol);
    }
    if (s.varianceFilter) {
      steps.add("variance / near-zero filter (min variance " + s.minVariance + ", max mode fraction "
          + s.maxModeFraction + ")");
    }
    if (s.correlationFilter) {
      steps.add(s.correlationMethod + " correlation filter |r| > " + s.correlationThreshold);
    }
    if (s.univariateFilter) {
      steps.add("Mann-Whitney filter with Benjamini-Hochberg FDR " + s.fdrAlpha
          + (s.maxFeatures > 0 ? ", at most " + s.maxFeatures + " features" : ""));
    }
    steps.add("standardisation (mean, sd)");
    it.add(doc(fs, "steps", steps));
    it.add(doc(fs, "class imbalance handling", "none (no resampling or class weights)"));
    String mo = "model and tuning";
    it.add(doc(mo, "classifier", s.classifier + ("logistic".equals(s.classifier) ? " (elastic net "
        + Arrays.toString(s.elasticNetParams) + ", 1 = LASSO)" : "")));
    it.add(doc(mo, "tuning grid", "logistic".equals(s.classifier) || "svm".equals(s.classifier)
        ? "regParam " + Arrays.toString(s.regParams) : "maxDepth " + Arrays.toString(s.maxDepths)));
    it.add(doc(mo, "tuning criterion", "inner-fold AUC"));
    it.add(doc(mo, "best parameters per outer fold", in.result.foldBestParams));
    it.add(doc(mo, "final model parameters (tuned on all data)", in.result.finalBestParams));
    if (in.result.radScore != null) {
      it.add(doc(mo, "selected features (non-zero coefficients)", in.result.radScore.selectedFeatures()));
    }
    String me = "performance (out-of-fold, nested CV)";
    it.add(doc(me, "metrics", metricMap(in.cv)));
    it.add(doc(me, "interval methods", "AUC: DeLong 95% CI; sensitivity/specificity/accuracy: Wilson 95% at the "
        + "Youden threshold chosen on the same predictions; Brier score, calibration intercept and slope: "
        + bootstrapText(in) + "; ROC band: stratified bootstrap (" + in.bootstrapReplicates
        + " replicates), pointwise percentile"));
    it.add(doc(me, "fold AUC", in.result.foldAuc));
    String co = "comparison";
    if (in.compare != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("model_type", in.compare.spec.modelType.cliName());
      c.put("auc", in.comparison.auc2());
      c.put("difference (this - other)", in.comparison.difference());
      c.put("delong_p", in.comparison.p());
      it.add(doc(co, in.compare.spec.modelType.clinical && !in.compare.spec.modelType.radiomics
          ? "clinical-only model (same folds)" : "other model (same folds)", c));
    } else {
      it.add(none(co, "clinical-only model"));
    }
    it.add(none(co, "simple (e.g. volume-only) model"));
    String te = "testing";
    if (in.external != null) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("source", in.externalSource);
      e.put("threshold", "nested-CV Youden threshold, fixed in advance");
      e.put("metrics", metricMap(in.external));
      it.add(doc(te, "external test", e));
    } else {
      it.add(none(te, "external test"));
    }
    it.add(none(te, "prospective validation"));
    String sw = "software";
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("spark", in.sparkVersion);
    v.put("java", System.getProperty("java.version"));
    v.put("spark-radiomics", in.codeVersion);
    it.add(doc(sw, "versions", v));
    it.add(in.trainingHash == null ? none(sw, "training data fingerprint")
        : doc(sw, "training data fingerprint", Map.of("table", in.trainingTable, "sha256", in.trainingHash)));
    it.add(none(sw, "data and code availability"));
    return it;
  }

  /** Writes model_card.json and model_card.md into {@code cardDir}, report.html and its PNG plots into {@code dir}. */
  public static List<Path> write(Inputs in, Path cardDir, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.createDirectories(cardDir);
    List<Item> items = items(in);
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("model_id", in.modelId);
    card.put("version", in.version);
    card.put("model_type", in.spec.modelType.cliName());
    card.put("items", items);
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    List<Path> written = new ArrayList<>();
    Path json = cardDir.resolve("model_card.json");
    Files.writeString(json, om.writeValueAsString(card), StandardCharsets.UTF_8);
    written.add(json);
    Path md = cardDir.resolve("model_card.md");
    Files.writeString(md, markdown(in, items, om), StandardCharsets.UTF_8);
    written.add(md);

    List<String[]> plots = new ArrayList<>();
    Curves.Roc roc = Curves.roc(in.cv.p, in.cv.y);
    Curves.RocBand band = Curves.rocBand(in.cv.p, in.cv.y, in.bootstrapReplicates, in.spec.seed);
    Charts.roc(roc, band, String.format(Locale.ROOT, "AUC %.3f", in.cv.auc.auc()), dir.resolve("roc.png"));
    plots.add(new String[] {"roc.png", "ROC curve of the out-of-fold predictions; shaded: pointwise 95% band of "
        + "sensitivity at each false-positive rate (stratified bootstrap, " + in.bootstrapReplicates
        + " replicates, percentile). AUC " + ci(in.cv.get("auc")) + " (DeLong)."});
    Charts.calibration(Curves.calibration(in.cv.p, in.cv.y, 10), dir.resolve("calibration.png"));
    plots.add(new String[] {"calibration.png", "Calibration: observed event rate against mean predicted "
        + "probability in deciles of predicted risk. Intercept " + ci(in.cv.get("calibration_intercept"))
        + ", slope " + ci(in.cv.get("calibration_slope")) + ", Brier score " + ci(in.cv.get("brier"))
        + "; intervals: " + bootstrapText(in) + "."});
    Charts.decision(Curves.decision(in.cv.p, in.cv.y), dir.resolve("decision_curve.png"));
    plots.add(new String[] {"decision_curve.png", "Decision curve: net benefit of the model, of treating all and "
        + "of treating none, threshold probability 0.01-0.99."});
    if (in.lassoPath != null) {
      Charts.lassoPath(in.lassoPath, dir.resolve("lasso_path.png"));
      plots.add(new String[] {"lasso_path.png", "Coefficient path: logistic regression refitted on the final "
          + "training data (preprocessing of the final model) for each regParam of the grid; dashed: the "
          + "selected regParam " + f(in.lassoPath.selectedLambda) + "."});
    }
    if (in.nomogram != null) {
      Charts.nomogram(in.nomogram, dir.resolve("nomogram.png"));
      plots.add(new String[] {"nomogram.png", "Nomogram of the final logistic model: points per variable, "
          + "total points, predicted probability. Variables are on the scale entering the model (after "
          + "imputation and harmonisation); Rad-score = the radiomics part of the linear predictor."});
    }
    for (String[] p : plots) {
      written.add(dir.resolve(p[0]));
    }
    Path html = dir.resolve("report.html");
    String rel = dir.toAbsolutePath().relativize(cardDir.toAbsolutePath()).toString().replace('\\', '/');
    Files.writeString(html, html(in, plots, rel.isEmpty() ? "" : rel + "/"), StandardCharsets.UTF_8);
    written.add(html);
    return written;
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** How the Brier / calibration intervals were computed, for the card and the report. */
  static String bootstrapText(Inputs in) {
    return BootstrapCi.METHOD + " (" + in.bootstrapReplicates + " replicates drawing all patients with replacement, "
        + "seed " + in.spec.seed + ", 2.5th-97.5th percentile; replicates where a metric is undefined are skipped, "
        + "their number of valid replicates is the row bootstrap_valid@metric)";
  }

  static String ci(Evaluation.Metric m) {
    return m.ciLow() == null ? f(m.value()) : f(m.value()) + " (95% CI " + f(m.ciLow()) + " to " + f(m.ciHigh())
        + ")";
  }

  static String markdown(Inputs in, List<Item> items, ObjectMapper om) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# Model card: ").append(in.modelId).append(" v").append(in.version).append("\n\n");
    sb.append("Model type ").append(in.spec.modelType.cliName()).append(", classifier ").append(in.spec.classifier)
        .append(". Out-of-fold AUC ").append(ci(in.cv.get("auc"))).append(" on ").append(in.cv.p.length)
        .append(" patients.\n\n");
    String section = null;
    for (Item i : items) {
      if (!i.section().equals(section)) {
        section = i.section();
        sb.append("\n## ").append(section).append("\n\n| item | status | value |\n|---|---|---|\n");
      }
      String v = i.value() == null ? "" : i.value() instanceof String str ? str : om.writeValueAsString(i.value())
          .replace("\n", " ").replaceAll(" +", " ");
      sb.append("| ").append(i.item()).append(" | ").append(i.status()).append(" | ")
          .append(v.replace("|", "\\|")).append(" |\n");
    }
    sb.append("\n## Metrics\n\n").append(metricTableMd(in.cv));
    if (in.external != null) {
      sb.append("\n### External test (").append(in.externalSource).append(")\n\n").append(metricTableMd(in.external));
    }
    return sb.toString();
  }

  /** The 95% CI cell of the metric tables: "low to high (method)" (bounds may be negative), empty without interval. */
  static String ciCell(Evaluation.Metric m) {
    return m.ciLow() == null ? "" : f(m.ciLow()) + " to " + f(m.ciHigh()) + " (" + m.ciMethod() + ")";
  }

  static String metricTableMd(Evaluation e) {
    StringBuilder sb = new StringBuilder("| metric | value | 95% CI |\n|---|---|---|\n");
    for (Evaluation.Metric m : e.metrics) {
      sb.append("| ").append(m.name()).append(" | ").append(String.format(Locale.ROOT, "%.4g", m.value()))
          .append(" | ").append(ciCell(m)).append(" |\n");
    }
    return sb.toString();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String html(Inputs in, List<String[]> plots, String cardPrefix) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(esc(in.modelId)).append(" v").append(in.version).append("</title>\n<style>body{font-family:"
            + "sans-serif;max-width:960px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid "
            + "#ccc;padding:3px 8px;text-align:left}figure{margin:1.5em 0}</style></head><body>\n");
    sb.append("<h1>").append(esc(in.modelId)).append(" v").append(in.version).append("</h1>\n<p>")
        .append(esc(in.spec.modelType.cliName())).append(" model, ").append(esc(in.spec.classifier))
        .append(" classifier, nested cross-validation ").append(in.spec.outerFolds).append(" x ")
        .append(in.spec.innerFolds).append(" on ").append(in.cv.p.length).append(" patients (")
        .append(in.cv.auc.positives()).append(" events). Model card: <a href=\"")
        .append(cardPrefix).append("model_card.md\">model_card.md</a>, <a href=\"").append(cardPrefix)
        .append("model_card.json\">model_card.json</a>.</p>\n");
    sb.append("<h2>Out-of-fold performance</h2>\n").append(metricTableHtml(in.cv));
    if (in.compare != null) {
      sb.append("<h2>Comparison</h2>\n<p>").append(esc(in.compare.spec.modelType.cliName()))
          .append(" model on the same folds: AUC ").append(f(in.comparison.auc2())).append("; difference ")
          .append(f(in.comparison.difference())).append(", paired DeLong p = ")
          .append(String.format(Locale.ROOT, "%.3g", in.comparison.p())).append(".</p>\n");
    }
    if (in.external != null) {
      sb.append("<h2>External test: ").append(esc(in.externalSource)).append("</h2>\n")
          .append(metricTableHtml(in.external));
    }
    sb.append("<h2>Plots</h2>\n");
    for (String[] p : plots) {
      sb.append("<figure><img src=\"").append(p[0]).append("\" alt=\"").append(esc(p[0]))
          .append("\"><figcaption>").append(esc(p[1])).append("</figcaption></figure>\n");
    }
    sb.append("</body></html>\n");
    return sb.toString();
  }

  static String metricTableHtml(Evaluation e) {
    StringBuilder sb = new StringBuilder("<table><tr><th>metric</th><th>value</th><th>95% CI</th></tr>\n");
    for (Evaluation.Metric m : e.metrics) {
      sb.append("<tr><td>").append(esc(m.name())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.4g", m.value())).append("</td><td>")
          .append(esc(ciCell(m))).append("</td></tr>\n");
    }
    return sb.append("</table>\n").toString();
  }
}
