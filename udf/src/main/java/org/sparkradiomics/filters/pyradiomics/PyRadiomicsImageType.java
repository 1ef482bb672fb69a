package org.sparkradiomics.filters.pyradiomics;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * PyRadiomics (v3.x, {@code radiomics/imageoperations.py}) image types: the key of the parameter file's
 * {@code imageType} section ({@link #settingsKey()}) and the prefix PyRadiomics writes in front of every feature
 * column computed on the derived image ({@code <prefix>_<featureClass>_<featureName>}, e.g.
 * {@code wavelet-LLH_firstorder_Mean}).
 *
 * <p>Prefixes, exactly as the {@code get<Type>Image} generators yield them:
 * <ul>
 *   <li>{@code original};
 *   <li>{@code log-sigma-<s>-mm-3D} where {@code <s> = str(sigma).replace('.', '-')} with Python's {@code str}: a
 *       float sigma 1.0 gives {@code 1-0}, 2.5 gives {@code 2-5}; an integer sigma written {@code 3} in the YAML file
 *       stays a Python int and gives {@code 3} (see {@link #logPrefix(Number)});
 *   <li>{@code wavelet-<band>} for the first computed level and {@code wavelet<idx>-<band>} for the idx-th computed
 *       level (idx counted from 1 at {@code start_level}, so the prefix does not show the absolute level): the
 *       generator enumerates the levels with {@code enumerate(ret, start=1)} and writes {@code 'wavelet-%s'} when
 *       idx == 1 else {@code 'wavelet%s-%s' % (idx, name)}. The approximation is yielded once, after all details, as
 *       {@code wavelet-LLL} when one level is computed and {@code wavelet<n>-LLL} for n levels (2 letters with
 *       force2D). See {@link PyRadiomicsWavelet} for the meaning of the letters;
 *   <li>{@code square}, {@code squareroot}, {@code logarithm}, {@code exponential}, {@code gradient};
 *   <li>{@code lbp-2D}; {@code lbp-3D-m1}, {@code lbp-3D-m2}, ... (one per level) and {@code lbp-3D-k} (kurtosis).
 * </ul>
 */
public enum PyRadiomicsImageType {
  ORIGINAL("Original"),
  LOG("LoG"),
  WAVELET("Wavelet"),
  SQUARE("Square"),
  SQUARE_ROOT("SquareRoot"),
  LOGARITHM("Logarithm"),
  EXPONENTIAL("Exponential"),
  GRADIENT("Gradient"),
  LBP2D("LBP2D"),
  LBP3D("LBP3D");

  private final String settingsKey;

  PyRadiomicsImageType(String settingsKey) {
    this.settingsKey = settingsKey;
  }

  /** The key under {@code imageType:} in a PyRadiomics parameter file, e.g. {@code LoG}, {@code SquareRoot}. */
  public String settingsKey() {
    return settingsKey;
  }

  /**
   * The image type of a parameter-file key. Exact match: PyRadiomics resolves {@code imageType} keys to its
   * {@code get<Key>Image} functions, so the keys are case-sensitive ({@code LoG}, not {@code log}).
   */
  public static PyRadiomicsImageType fromSettingsKey(String key) {
    for (PyRadiomicsImageType t : values()) {
      if (t.settingsKey.equals(key)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown PyRadiomics image type '" + key + "'");
  }

  /**
   * The prefix of the single image this type yields: {@code original}, {@code square}, {@code squareroot},
   * {@code logarithm}, {@code exponential}, {@code gradient} or {@code lbp-2D}. LoG, wavelet and LBP3D yield several
   * images: use {@link #logPrefix}, {@link #waveletPrefix}, {@link #waveletApproximationPrefix} and
   * {@link #lbp3dPrefixes}.
   */
  public String prefix() {
    switch (this) {
      case ORIGINAL:
        return "original";
      case SQUARE:
        return "square";
      case SQUARE_ROOT:
        return "squareroot";
      case LOGARITHM:
        return "logarithm";
      case EXPONENTIAL:
        return "exponential";
      case GRADIENT:
        return "gradient";
      case LBP2D:
        return "lbp-2D";
      default:
        throw new IllegalStateException(this + " yields several images: use its own prefix method");
    }
  }

  /**
   * {@code 'log-sigma-%s-mm-3D' % str(sigma).replace('.', '-')}. Pass an {@link Integer}/{@link Long} for a sigma the
   * YAML file wrote without a decimal point (Python int: {@code 3} gives {@code log-sigma-3-mm-3D}) and a
   * {@link Double} otherwise ({@code 3.0} gives {@code log-sigma-3-0-mm-3D}).
   */
  public static String logPrefix(Number sigma) {
    return "log-sigma-" + pythonStr(sigma).replace('.', '-') + "-mm-3D";
  }

  /**
   * Prefix of a wavelet detail (or approximation) band of the {@code idx}-th computed level, idx = 1 for
   * {@code start_level}: {@code wavelet-<band>} for idx 1, {@code wavelet<idx>-<band>} otherwise.
   */
  public static String waveletPrefix(int idx, String band) {
    if (idx < 1) {
      throw new IllegalArgumentException("wavelet level index counts from 1: " + idx);
    }
    return idx == 1 ? "wavelet-" + band : "wavelet" + idx + "-" + band;
  }

  /** Prefix of the approximation after {@code levels} computed levels ({@code nAxes} = 3, or 2 with force2D). */
  public static String waveletApproximationPrefix(int levels, int nAxes) {
    return waveletPrefix(levels, "L".repeat(nAxes));
  }

  /** {@code lbp-3D-m1 .. lbp-3D-m<levels>} followed by {@code lbp-3D-k}, in PyRadiomics' yield order. */
  public static String[] lbp3dPrefixes(int levels) {
    String[] r = new String[levels + 1];
    for (int l = 0; l < levels; l++) {
      r[l] = "lbp-3D-m" + (l + 1);
    }
    r[levels] = "lbp-3D-k";
    return r;
  }

  /**
   * Python 3 {@code str()} of an int or a float: integers in decimal; floats as the shortest repr that round-trips,
   * in fixed notation with at least one decimal ({@code 1.0}, {@code 0.0001}) when the decimal exponent is in
   * [-4, 16), else scientific with at least two exponent digits ({@code 1e-05}, {@code 1.5e+16}).
   */
  public static String pythonStr(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return Long.toString(n.longValue());
    }
    double v = n.doubleValue();
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    // Double.toString gives a round-tripping digit string; strip it to its significant digits
    BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale(); // decimal exponent of the first digit
    String sign = v < 0 ? "-" : "";
    if (exp >= -4 && exp < 16) {
      String plain = d.toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mant + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
  }
}
