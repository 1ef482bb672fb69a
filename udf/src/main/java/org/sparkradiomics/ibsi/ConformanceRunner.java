package org.sparkradiomics.ibsi;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;

/**
 * Runs our extraction on an IBSI-1 reference data set and compares every row of its reference table.
 *
 * <p>Judgement of one row: a row without reference value is reported but not judged; a row whose value we do not
 * produce (or produce as undefined) fails; with tolerance t &gt; 0 it passes when {@code |ours - ref| <= t}; with
 * tolerance 0 the reference is printed at IBSI's precision (3 significant digits, trailing zeros dropped), so ours
 * is rounded half-up to {@code max(3, significant digits printed)} significant digits and must then equal the printed
 * value ({@code 1490} accepts [1485, 1495); {@code 60} accepts [59.95, 60.05); {@code 125256} accepts
 * [125255.5, 125256.5)). This is the rule the family tests use.
 */
public final class ConformanceRunner {
  private ConformanceRunner() {}

  /** One compared row. {@code pass} is null when the row has no reference value. */
  public static final class Result {
    public final String tag;
    public final String family;
    public final String reference;
    public final String tolerance;
    public final Double ours;
    public final String undefinedReason;
    public final Boolean pass;

    Result(String tag, String family, String reference, String tolerance, Double ours, String undefinedReason,
        Boolean pass) {
      this.tag = tag;
      this.family = family;
      this.reference = reference;
      this.tolerance = tolerance;
      this.ours = ours;
      this.undefinedReason = undefinedReason;
      this.pass = pass;
    }
  }

  /** Reference table of a data set: {@code digital-phantom} or {@code ct-phantom} with config A..E. */
  public static Path referenceTable(Path dataRoot, String dataset, String config) {
    if (dataset.equals("digital-phantom")) {
      return IbsiInputs.dataSet(dataRoot, dataset).resolve("reference_values.csv");
    }
    if (dataset.equals("ct-phantom")) {
      String c = config.trim().toUpperCase(Locale.ROOT);
      IbsiConfigs.ctPhantom(c); // validates the name
      return IbsiInputs.dataSet(dataRoot, dataset).resolve("reference_values_config_" + c + ".csv");
    }
    throw new IllegalArgumentException("unknown dataset '" + dataset + "'; use digital-phantom or ct-phantom");
  }

  /** Settings of a data set (config ignored for the digital phantom). */
  public static FeatureSettings settings(String dataset, String config) {
    if (dataset.equals("digital-phantom")) {
      return IbsiConfigs.digitalPhantom();
    }
    if (dataset.equals("ct-phantom")) {
      if (config == null) {
        throw new IllegalArgumentException("the ct-phantom needs --config A|B|C|D|E");
      }
      return IbsiConfigs.ctPhantom(config);
    }
    throw new IllegalArgumentException("unknown dataset '" + dataset + "'; use digital-phantom or ct-phantom");
  }

  /** Loads the inputs, extracts, and compares with the reference table. */
  public static List<Result> run(Path dataRoot, String dataset, String config) {
    FeatureSettings s = settings(dataset, config);
    IbsiInputs in = dataset.equals("digital-phantom") ? IbsiInputs.digitalPhantom(dataRoot)
        : IbsiInputs.ctPhantom(dataRoot);
    List<ReferenceValues.Row> refs = ReferenceValues.read(referenceTable(dataRoot, dataset, config));
    return run(in, s, refs);
  }

  /** Extracts features of {@code in} with {@code s} and compares them with {@code refs}. */
  public static List<Result> run(IbsiInputs in, FeatureSettings s, List<ReferenceValues.Row> refs) {
    FeatureExtractor.Result r = FeatureExtractor.extract(in.image(), in.mask(), s);
    return compare(r.features(), refs);
  }

  public static List<Result> compare(FeatureVector ours, List<ReferenceValues.Row> refs) {
    List<Result> out = new ArrayList<>();
    for (ReferenceValues.Row row : refs) {
      Double v = ours.get(row.tag);
      String why = ours.contains(row.tag) ? ours.undefinedReason(row.tag) : missingReason(ours, row.tag);
      Boolean pass = row.hasReference() ? judge(row.reference, row.tolerance, v) : null;
      out.add(new Result(row.tag, row.family, row.reference, row.tolerance, v, v == null ? why : null, pass));
    }
    return out;
  }

  /** Why a tag is absent: the family-level error recorded by the extractor, else "not computed". */
  private static String missingReason(FeatureVector ours, String tag) {
    int u = tag.indexOf('_');
    if (u > 0) {
      String famError = "diag_" + tag.substring(0, u) + "_error";
      if (ours.contains(famError)) {
        return ours.undefinedReason(famError);
      }
    }
    return "not computed";
  }

  /** True when {@code ours} matches the printed {@code reference} within the printed {@code tolerance}. */
  public static boolean judge(String reference, String tolerance, Double ours) {
    if (ours == null || Double.isNaN(ours) || Double.isInfinite(ours)) {
      return false;
    }
    String text = reference.trim();
    double r;
    try {
      r = new BigDecimal(text).doubleValue();
    } catch (NumberFormatException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "reference value is not a number: '" + reference + "'");
    }
    double tol = tolerance == null || tolerance.isBlank() ? 0 : Double.parseDouble(tolerance.trim());
    if (tol > 0) {
      return Math.abs(ours - r) <= tol * (1 + 1e-9);
    }
    int sig = Math.max(3, significantDigits(text));
    double rounded = new BigDecimal(ours).round(new MathContext(sig, RoundingMode.HALF_UP)).doubleValue();
    return Math.abs(rounded - r) <= 1e-12 * Math.max(1.0, Math.abs(r));
  }

  /**
   * Significant digits printed in a decimal string: leading zeros never count, trailing zeros of an integer
   * written without a decimal point do not count either ({@code 1490} has 3, {@code 0.0121} has 3, {@code 2.150}
   * has 4).
   */
  public static int significantDigits(String text) {
    String s = text.trim().replace("-", "").replace("+", "");
    int e = Math.max(s.indexOf('e'), s.indexOf('E'));
    if (e >= 0) {
      s = s.substring(0, e);
    }
    boolean hasPoint = s.contains(".");
    String digits = s.replace(".", "").replaceFirst("^0+", "");
    if (!hasPoint) {
      digits = digits.replaceFirst("0+$", "");
    }
    return Math.max(1, digits.length());
  }

  /** Writes {@code tag,reference,tolerance,ours,pass} (pass empty when not judged, ours empty when undefined). */
  public static void writeCsv(List<Result> results, Path out) {
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        w.write("tag,reference,tolerance,ours,pass\n");
        for (Result r : results) {
          w.write(r.tag + "," + r.reference + "," + r.tolerance + "," + (r.ours == null ? "" : format(r.ours)) + ","
              + (r.pass == null ? "" : r.pass.toString()) + "\n");
        }
      }
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  /** Shortest round-trip decimal text of a value ({@code 204}, not {@code 204.0}). */
  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** Counts of judged, passed and not-judged rows. */
  public static int[] counts(List<Result> results) {
    int judged = 0;
    int passed = 0;
    int notJudged = 0;
    for (Result r : results) {
      if (r.pass == null) {
        notJudged++;
      } else {
        judged++;
        if (r.pass) {
          passed++;
        }
      }
    }
    return new int[] {judged, passed, notJudged};
  }
}
