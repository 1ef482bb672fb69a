package org.sparkradiomics.modeling;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.sparkradiomics.stats.Icc;

/**
 * Stability filter: keeps the radiomics slots whose ICC(3,1) over repeated or perturbed extractions (test-retest
 * scans, re-segmentations, image perturbations) is at least {@code threshold} (default 0.75, "good" reliability in
 * Koo and Li 2016). It is not fitted on the modelling data (the label plays no role, so no fold leakage): the kept
 * names come from a separate long table (subject = ROI/patient, repetition, feature, value) through
 * {@link #fromRepeats}, and {@link #forFeatures} maps them to the slots of the assembled radiomics vector. As a
 * {@link VectorSelectionModel} it is a plain Transformer stage of the Pipeline and persists with it.
 *
 * <p>ICC per feature ({@link Icc#icc31}, distributed: one groupBy(feature) collecting that feature's
 * subject x repetition table, the ICC computed on the executors): subjects missing a repetition or with a
 * non-finite value are left out (complete cases); a feature with fewer than 2 complete subjects or 2 repetitions,
 * or with zero variance (ICC 0/0), has no ICC and is not kept. Duplicate (subject, repetition) rows are an error.
 * Radiomics columns that do not appear in the repeat table are an error too (their stability is unknown).
 */
public final class IccFilter extends VectorSelectionModel<IccFilter> {
  /** ICC of one feature; {@code icc} is NaN when undefined (see the class comment), then {@code reason} says why. */
  public record Stability(String feature, double icc, int subjects, int repetitions, String reason) {}

  private final StringArrayParam stableFeatures =
      new StringArrayParam(this, "stableFeatures", "feature names with ICC(3,1) >= threshold");
  private final StringArrayParam assessedFeatures =
      new StringArrayParam(this, "assessedFeatures", "feature names present in the repeat table");
  private final StringArrayParam featureNames =
      new StringArrayParam(this, "featureNames", "names of the input vector slots, in order");
  private final DoubleParam threshold = new DoubleParam(this, "threshold", "minimum ICC(3,1)");

  public IccFilter() {
    this(Identifiable$.MODULE$.randomUID("iccFilter"));
  }

  public IccFilter(String uid) {
    super(uid);
    setDefault(threshold, 0.75);
    setDefault(inputCol(), "features");
    setDefault(outputCol(), uid + "__output");
    setDefault(labelCol(), "label");
  }

  public StringArrayParam stableFeatures() {
    return stableFeatures;
  }

  public StringArrayParam assessedFeatures() {
    return assessedFeatures;
  }

  public StringArrayParam featureNames() {
    return featureNames;
  }

  public DoubleParam threshold() {
    return threshold;
  }

  public String[] getStableFeatures() {
    return getOrDefault(stableFeatures);
  }

  public IccFilter setInputCol(String v) {
    set(inputCol(), v);
    return this;
  }

  public IccFilter setOutputCol(String v) {
    set(outputCol(), v);
    return this;
  }

  /**
   * Configures the filter for an input vector whose slots are {@code names} (in order): selectedIndices = the slots
   * whose name is stable. Every name must have been assessed in the repeat table.
   */
  public IccFilter forFeatures(List<String> names) {
    Set<String> assessed = new HashSet<>(Arrays.asList(getOrDefault(assessedFeatures)));
    Set<String> stable = new HashSet<>(Arrays.asList(getOrDefault(stableFeatures)));
    List<String> missing = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!assessed.contains(names.get(i))) {
        missing.add(names.get(i));
      } else if (stable.contains(names.get(i))) {
        kept.add(i);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(missing.size() + " radiomics feature(s) are not in the ICC repeat table, e.g. "
          + missing.subList(0, Math.min(5, missing.size())));
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("no radiomics feature has ICC(3,1) >= " + getOrDefault(threshold));
    }
    set(featureNames, names.toArray(new String[0]));
    setSelected(kept.stream().mapToInt(Integer::intValue).toArray());
    return this;
  }

  /** Reads a repeat table: CSV (by extension, header + inferred types), Delta (a _delta_log directory) or Parquet. */
  public static Dataset<Row> readTable(SparkSession spark, String path) {
    if (path.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return spark.read().option("header", "true").option("inferSchema", "true").csv(path);
    }
    if (Files.isDirectory(Paths.get(path).resolve("_delta_log"))) {
      return spark.read().format("delta").load(path);
    }
    return spark.read().parquet(path);
  }

  /** ICC(3,1) of every feature of a long repeat table, sorted by feature name. */
  public static List<Stability> iccByFeature(Dataset<Row> repeats, String subjectCol, String repetitionCol,
                                             String featureCol, String valueCol) {
    UDF1<scala.collection.Seq<Row>, double[]> f = IccFilter::iccOfTable;
    UserDefinedFunction u = udf(f, DataTypes.createArrayType(DataTypes.DoubleType, false));
    List<Row> rows = repeats
        .select(col(featureCol).cast("string").as("f"), col(subjectCol).cast("string").as("s"),
            col(repetitionCol).cast("string").as("r"), col(valueCol).cast("double").as("v"))
        .groupBy("f").agg(collect_list(struct(col("s"), col("r"), col("v"))).as("t"))
        .select(col("f"), u.apply(col("t")).as("icc"))
        .orderBy("f").collectAsList();
    List<Stability> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      List<Double> a = r.getList(1);
      if (a.get(3) > 0) {
        throw new IllegalArgumentException("ICC repeat table: feature " + r.getString(0) + " has "
            + a.get(3).longValue() + " duplicate (subject, repetition) rows");
      }
      double icc = a.get(0);
      int n = a.get(1).intValue();
      int k = a.get(2).intValue();
      String reason = !Double.isNaN(icc) ? "" : n < 2 || k < 2 ? "fewer than 2 complete subjects or repetitions"
          : "zero variance";
      out.add(new Stability(r.getString(0), icc, n, k, reason));
    }
    return out;
  }

  /** [icc (NaN if undefined), complete subjects, repetitions, duplicate rows] of one feature's (s, r, v) rows. */
  static double[] iccOfTable(scala.collection.Seq<Row> t) {
    Map<String, Integer> subj = new HashMap<>();
    Map<String, Integer> rep = new HashMap<>();
    int m = t.length();
    int[] si = new int[m];
    int[] ri = new int[m];
    for (int i = 0; i < m; i++) {
      Row row = t.apply(i);
      si[i] = subj.computeIfAbsent(row.isNullAt(0) ? "" : row.getString(0), key -> subj.size());
      ri[i] = rep.computeIfAbsent(row.isNullAt(1) ? "" : row.getString(1), key -> rep.size());
    }
    int n = subj.size();
    int k = rep.size();
    double[] x = new double[n * k];
    Arrays.fill(x, Double.NaN);
    boolean[] seen = new boolean[n * k];
    int dup = 0;
    for (int i = 0; i < m; i++) {
      Row row = t.apply(i);
      int c = si[i] * k + ri[i];
      if (seen[c]) {
        dup++;
      }
      seen[c] = true;
      x[c] = row.isNullAt(2) ? Double.NaN : row.getDouble(2);
    }
    List<double[]> complete = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      boolean ok = true;
      for (int j = 0; j < k; j++) {
        ok &= Double.isFinite(x[s * k + j]);
      }
      if (ok) {
        complete.add(Arrays.copyOfRange(x, s * k, (s + 1) * k));
      }
    }
    double icc = Double.NaN;
    if (complete.size() >= 2 && k >= 2) {
      icc = Icc.icc31(complete.toArray(new double[0][]));
    }
    return new double[] {icc, complete.size(), k, dup};
  }

  /** A filter keeping the features with ICC(3,1) &gt;= threshold in {@code repeats}; then call {@link #forFeatures}. */
  public static IccFilter fromRepeats(Dataset<Row> repeats, String subjectCol, String repetitionCol,
                                      String featureCol, String valueCol, double threshold) {
    List<Stability> s = iccByFeature(repeats, subjectCol, repetitionCol, featureCol, valueCol);
    IccFilter f = new IccFilter();
    f.set(f.threshold, threshold);
    f.set(f.assessedFeatures, s.stream().map(Stability::feature).toArray(String[]::new));
    f.set(f.stableFeatures, s.stream().filter(x -> x.icc() >= threshold).map(Stability::feature)
        .toArray(String[]::new));
    return f;
  }

  @Override
  public IccFilter copy(ParamMap extra) {
    return copyValues(new IccFilter(uid()), extra).setParent(parent());
  }

  public static MLReader<IccFilter> read() {
    return new DefaultParamsReader<>();
  }

  public static IccFilter load(String path) {
    return read().load(path);
  }
}
