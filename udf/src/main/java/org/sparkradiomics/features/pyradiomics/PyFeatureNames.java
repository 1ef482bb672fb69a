package org.sparkradiomics.features.pyradiomics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PyRadiomics (v3.1) feature classes and feature names, which ones are deprecated (computed only when named
 * explicitly in {@code featureClass}), their output order, and the IBSI-1 family tag each one reuses. The default
 * (non-deprecated) set is PyRadiomics' 107 features: shape 14, firstorder 18, glcm 24 (SumAverage included, as in
 * v3.1; Dissimilarity, Homogeneity1, Homogeneity2 deprecated), glrlm 16, glszm 16, gldm 14, ngtdm 5.
 *
 * <p>Order: PyRadiomics enumerates a class's features from its {@code get<Name>FeatureValue} methods sorted by name,
 * so features are ordered by {@code Name + "FeatureValue"} (hence {@code MeanAbsoluteDeviation} before {@code Mean},
 * {@code MCC} before {@code MaximumProbability}).
 */
public final class PyFeatureNames {
  /** Feature classes in PyRadiomics' default order (module names sorted). */
  public static final List<String> CLASSES =
      List.of("firstorder", "glcm", "gldm", "glrlm", "glszm", "ngtdm", "shape", "shape2D");

  /** PyRadiomics' order: by {@code Name + "FeatureValue"} (its sorted getter method names). */
  public static final Comparator<String> ORDER = Comparator.comparing(n -> n + "FeatureValue");

  private static final Map<String, List<String>> ALL = new LinkedHashMap<>();
  private static final Map<String, Set<String>> DEPRECATED = new LinkedHashMap<>();
  /** PyRadiomics name to the IBSI-1 feature name (without family prefix and aggregation suffix). */
  private static final Map<String, Map<String, String>> IBSI = new LinkedHashMap<>();

  static {
    def("firstorder", new String[] {"10Percentile", "90Percentile", "Energy", "Entropy", "InterquartileRange",
        "Kurtosis", "Maximum", "MeanAbsoluteDeviation", "Mean", "Median", "Minimum", "Range",
        "RobustMeanAbsoluteDeviation", "RootMeanSquared", "Skewness", "TotalEnergy", "Uniformity", "Variance"},
        new String[] {"StandardDeviation"}, new String[0]);
    def("shape", new String[] {"Elongation", "Flatness", "LeastAxisLength", "MajorAxisLength",
        "Maximum2DDiameterColumn", "Maximum2DDiameterRow", "Maximum2DDiameterSlice", "Maximum3DDiameter",
        "MeshVolume", "MinorAxisLength", "Sphericity", "SurfaceArea", "SurfaceVolumeRatio", "VoxelVolume"},
        new String[] {"Compactness1", "Compactness2", "SphericalDisproportion"}, new String[0]);
    def("shape2D", new String[] {"Elongation", "MajorAxisLength", "MaximumDiameter", "MeshSurface",
        "MinorAxisLength", "Perimeter", "PerimeterSurfaceRatio", "PixelSurface", "Sphericity"},
        new String[] {"SphericalDisproportion"}, new String[0]);
    def("glcm", new String[] {"Autocorrelation", "ClusterProminence", "ClusterShade", "ClusterTendency",
        "Contrast", "Correlation", "DifferenceAverage", "DifferenceEntropy", "DifferenceVariance", "Id", "Idm",
        "Idmn", "Idn", "Imc1", "Imc2", "InverseVariance", "JointAverage", "JointEnergy", "JointEntropy", "MCC",
        "MaximumProbability", "SumAverage", "SumEntropy", "SumSquares"},
        new String[] {"Dissimilarity", "Homogeneity1", "Homogeneity2"},
        new String[] {"Autocorrelation", "auto_corr", "ClusterProminence", "clust_prom", "ClusterShade",
            "clust_shade", "ClusterTendency", "clust_tend", "Contrast", "contrast", "Correlation", "corr",
            "DifferenceAverage", "diff_avg", "DifferenceEntropy", "diff_entr", "DifferenceVariance", "diff_var",
            "Id", "inv_diff", "Idm", "inv_diff_mom", "Idmn", "inv_diff_mom_norm", "Idn", "inv_diff_norm", "Imc1",
            "info_corr1", "Imc2", "info_corr2", "InverseVariance", "inv_var", "JointAverage", "joint_avg",
            "JointEnergy", "energy", "JointEntropy", "joint_entr", "MaximumProbability", "joint_max", "SumEntropy",
            "sum_entr", "SumSquares", "joint_var", "Dissimilarity", "dissimilarity", "Homogeneity1", "inv_diff",
            "Homogeneity2", "inv_diff_mom", "SumAverage", "sum_avg"});
    def("glrlm", new String[] {"GrayLevelNonUniformity", "GrayLevelNonUniformityNormalized", "GrayLevelVariance",
        "HighGrayLevelRunEmphasis", "LongRunEmphasis", "LongRunHighGrayLevelEmphasis",
        "LongRunLowGrayLevelEmphasis", "LowGrayLevelRunEmphasis", "RunEntropy", "RunLengthNonUniformity",
        "RunLengthNonUniformityNormalized", "RunPercentage", "RunVariance", "ShortRunEmphasis",
        "ShortRunHighGrayLevelEmphasis", "ShortRunLowGrayLevelEmphasis"}, new String[0],
        new String[] {"GrayLevelNonUniformity", "glnu", "GrayLevelNonUniformityNormalized", "glnu_norm",
            "GrayLevelVariance", "gl_var", "HighGrayLevelRunEmphasis", "hgre", "LongRunEmphasis", "lre",
            "LongRunHighGrayLevelEmphasis", "lrhge", "LongRunLowGrayLevelEmphasis", "lrlge",
            "LowGrayLevelRunEmphasis", "lgre", "RunEntropy", "rl_entr", "RunLengthNonUniformity", "rlnu",
            "RunLengthNonUniformityNormalized", "rlnu_norm", "RunPercentage", "r_perc", "RunVariance", "rl_var",
            "ShortRunEmphasis", "sre", "ShortRunHighGrayLevelEmphasis", "srhge", "ShortRunLowGrayLevelEmphasis",
            "srlge"});
    def("glszm", new String[] {"GrayLevelNonUniformity", "GrayLevelNonUniformityNormalized", "GrayLevelVariance",
        "HighGrayLevelZoneEmphasis", "LargeAreaEmphasis", "LargeAreaHighGrayLevelEmphasis",
        "LargeAreaLowGrayLevelEmphasis", "LowGrayLevelZoneEmphasis", "SizeZoneNonUniformity",
        "SizeZoneNonUniformityNormalized", "SmallAreaEmphasis", "SmallAreaHighGrayLevelEmphasis",
        "SmallAreaLowGrayLevelEmphasis", "ZoneEntropy", "ZonePercentage", "ZoneVariance"}, new String[0],
        new String[] {"GrayLevelNonUniformity", "glnu", "GrayLevelNonUniformityNormalized", "glnu_norm",
            "GrayLevelVariance", "gl_var", "HighGrayLevelZoneEmphasis", "hgze", "LargeAreaEmphasis", "lze",
            "LargeAreaHighGrayLevelEmphasis", "lzhge", "LargeAreaLowGrayLevelEmphasis", "lzlge",
            "LowGrayLevelZoneEmphasis", "lgze", "SizeZoneNonUniformity", "zsnu", "SizeZoneNonUniformityNormalized",
            "zsnu_norm", "SmallAreaEmphasis", "sze", "SmallAreaHighGrayLevelEmphasis", "szhge",
            "SmallAreaLowGrayLevelEmphasis", "szlge", "ZoneEntropy", "zs_entr", "ZonePercentage", "z_perc",
            "ZoneVariance", "zs_var"});
    def("gldm", new String[] {"DependenceEntropy", "DependenceNonUniformity", "DependenceNonUniformityNormalized",
        "DependenceVariance", "GrayLevelNonUniformity", "GrayLevelVariance", "HighGrayLevelEmphasis",
        "LargeDependenceEmphasis", "LargeDependenceHighGrayLevelEmphasis", "LargeDependenceLowGrayLevelEmphasis",
        "LowGrayLevelEmphasis", "SmallDependenceEmphasis", "SmallDependenceHighGrayLevelEmphasis",
        "SmallDependenceLowGrayLevelEmphasis"},
        new String[] {"DependencePercentage", "GrayLevelNonUniformityNormalized"},
        new String[] {"DependenceEntropy", "dc_entr", "DependenceNonUniformity", "dcnu",
            "DependenceNonUniformityNormalized", "dcnu_norm", "DependenceVariance", "dc_var",
            "GrayLevelNonUniformity", "glnu", "GrayLevelVariance", "gl_var", "HighGrayLevelEmphasis", "hgce",
            "LargeDependenceEmphasis", "hde", "LargeDependenceHighGrayLevelEmphasis", "hdhge",
            "LargeDependenceLowGrayLevelEmphasis", "hdlge", "LowGrayLevelEmphasis", "lgce",
            "SmallDependenceEmphasis", "lde", "SmallDependenceHighGrayLevelEmphasis", "ldhge",
            "SmallDependenceLowGrayLevelEmphasis", "ldlge", "DependencePercentage", "dc_perc",
            "GrayLevelNonUniformityNormalized", "glnu_norm"});
    def("ngtdm", new String[] {"Busyness", "Coarseness", "Complexity", "Contrast", "Strength"}, new String[0],
        new String[] {"Busyness", "busyness", "Coarseness", "coarseness", "Complexity", "complexity", "Contrast",
            "contrast", "Strength", "strength"});
  }

  private static void def(String cls, String[] current, String[] deprecated, String[] ibsiPairs) {
    List<String> all = new ArrayList<>(List.of(current));
    all.addAll(List.of(deprecated));
    all.sort(ORDER);
    ALL.put(cls, Collections.unmodifiableList(all));
    DEPRECATED.put(cls, Set.of(deprecated));
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < ibsiPairs.length; i += 2) {
      m.put(ibsiPairs[i], ibsiPairs[i + 1]);
    }
    IBSI.put(cls, m);
  }

  private PyFeatureNames() {}

  /** Every feature of a class (deprecated included) in PyRadiomics order. */
  public static List<String> all(String cls) {
    List<String> l = ALL.get(cls);
    if (l == null) {
      throw new IllegalArgumentException("unknown feature class '" + cls + "'; supported: " + CLASSES);
    }
    return l;
  }

  public static boolean deprecated(String cls, String feature) {
    return DEPRECATED.get(cls).contains(feature);
  }

  /** The IBSI-1 feature name (e.g. {@code joint_max}) a PyRadiomics texture feature maps to, or null. */
  public static String ibsiName(String cls, String feature) {
    Map<String, String> m = IBSI.get(cls);
    return m == null ? null : m.get(feature);
  }

  /**
   * The enabled features of a {@code featureClass} entry: null or an empty list enables the non-deprecated features;
   * a list enables exactly the named ones (deprecated included) in the list's order (PyRadiomics fills its
   * enabled-features dict in that order).
   *
   * @throws IllegalArgumentException for an unknown class or feature name (listing the valid ones)
   */
  static List<String> enabled(String cls, Object spec) {
    List<String> all = all(cls);
    if (spec == null || (spec instanceof List && ((List<?>) spec).isEmpty())
        || (spec instanceof String && spec.equals("None"))) {
      List<String> out = new ArrayList<>();
      for (String f : all) {
        if (!deprecated(cls, f)) {
          out.add(f);
        }
      }
      return Collections.unmodifiableList(out);
    }
    List<?> in = spec instanceof List ? (List<?>) spec : List.of(spec);
    Set<String> chosen = new LinkedHashSet<>();
    for (Object o : in) {
      String f = String.valueOf(o);
      if (!all.contains(f)) {
        throw new IllegalArgumentException("unknown feature '" + f + "' in featureClass." + cls + "; supported: "
            + all);
      }
      chosen.add(f);
    }
    return List.copyOf(chosen);
  }
}
