package org.sparkradiomics.ibsi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureSettings.Interpolator;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.profile.IbsiProfile;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.preprocess.Preprocessor;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.filters.FilterSpec;
import org.sparkradiomics.filters.FilterSupport;

/**
 * IBSI-2 phase 2: intensity-statistics features of filtered images of the IBSI CT phantom, compared with the
 * consensus values of {@code ibsi2/reference_values.csv} ({@code filter_id;feature;feature_tag;consensus_value;
 * tolerance}, filter ids {@code 1.A .. 9.B}).
 *
 * <p>Configurations, recalled from the IBSI-2 reference manual (not available offline; every choice below is
 * confirmed or refuted only by the reference values, see docs/ibsi2-phase2.md):
 * <ul>
 *   <li>A = 2D: no interpolation (the native 0.977 x 0.977 x 3 mm grid; the reference values decided this: the
 *       1 x 1 mm in-plane candidate misses 1.A's P90 and range), filters applied slice by slice in-plane;
 *       B = 3D: interpolation to 1 x 1 x 1 mm, tricubic B-spline ({@link #IMAGE_INTERPOLATOR}), intensities rounded
 *       to integers ({@link #ROUND}; without rounding 1.B's P90 fails), IBSI-1 aligned grid centres, mask
 *       interpolated trilinearly with partial-volume threshold 0.5, 3D filters.
 *   <li>Both: resegmentation range [-1000, 400] HU on the original intensities; boundary condition mirror.
 *   <li>1 no filter; 2 mean, support 5 voxels; 3 LoG, sigma 1.5 mm, truncation 4 sigma; 4 Laws L5E5E5 (2D: L5E5),
 *       rotation invariance by max pooling, energy map delta 7 voxels; 5 Gabor sigma 5 mm, lambda 2 mm,
 *       gamma 1.5, orientations every 22.5 degrees over a half turn, average pooling (3D: averaged over the three
 *       orthogonal planes); 6 Daubechies-3 LLH (2D: LH), level 1, rotation invariance by averaging; 7 Daubechies-3
 *       HHH (2D: HH), level 2, rotation invariance by averaging; 8 Simoncelli level 1; 9 Simoncelli level 2.
 * </ul>
 */
public final class Ibsi2Phase2 {
  private Ibsi2Phase2() {}

  /** Interpolator of the image in both configurations. */
  public static final Interpolator IMAGE_INTERPOLATOR = Interpolator.CUBIC_SPLINE;
  /** Whether interpolated intensities are rounded to integers. */
  public static final boolean ROUND = true;

  /** The 18 filter ids 1.A .. 9.B in order. */
  public static final List<String> IDS = ids();

  private static List<String> ids() {
    List<String> l = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      l.add(i + ".A");
      l.add(i + ".B");
    }
    return List.copyOf(l);
  }

  /** Preprocessing settings of configuration A (2D, native grid) or B (3D, 1 mm): intensity statistics only. */
  public static FeatureSettings settings(boolean threeD) {
    FeatureSettings s = settings(threeD, IMAGE_INTERPOLATOR, ROUND);
    return threeD ? s : s.toBuilder().noResampling().build();
  }

  /**
   * Candidate settings with an explicit image interpolator and rounding, always interpolating (A: 1 x 1 mm in-plane;
   * B: 1 mm isotropic): the candidates compared in docs/ibsi2-phase2.md.
   */
  public static FeatureSettings settings(boolean threeD, Interpolator image, boolean round) {
    FeatureSettings.Builder b = FeatureSettings.builder()
        .families("stat")
        .imageInterpolator(image)
        .roundIntensities(round)
        .maskInterpolator(Interpolator.LINEAR)
        .maskPartialVolume(0.5)
        .resegmentRange(-1000, 400)
        .texture(Discretisation.fixedBinNumber(32))
        .textureModes(threeD ? SpatialMode.D3 : SpatialMode.D2);
    return threeD ? b.resample(1, 1, 1).build() : b.resample(1, 1, Double.NaN).build();
  }

  /** The filter of an id such as {@code 3.B}; null for {@code 1.A}/{@code 1.B} (no filter). */
  public static FilterSpec filter(String id) {
    String[] p = id.trim().toUpperCase(Locale.ROOT).split("\\.");
    if (p.length != 2 || !(p[1].equals("A") || p[1].equals("B"))) {
      throw new IllegalArgumentException("IBSI-2 phase-2 id must be like 3.B: " + id);
    }
    boolean d3 = p[1].equals("B");
    String dim = d3 ? "3D" : "2D";
    switch (p[0]) {
      case "1":
        return null;
      case "2":
        return FilterSpec.parse("mean:support=5,mode=mirror,dim=" + dim);
      case "3":
        return FilterSpec.parse("log:sigma=1.5,truncate=4,mode=mirror,dim=" + dim);
      case "4":
        return FilterSpec.parse("laws:kernel=" + (d3 ? "L5E5E5" : "L5E5") + ",rotinv=max,energy=7,mode=mirror");
      case "5":
        return FilterSpec.parse("gabor:sigma=5,lambda=2,gamma=1.5,theta=0,step=22.5,pooling=mean,mode=mirror,dim="
            + dim);
      case "6":
        return FilterSpec.parse("wavelet:family=db3,band=" + (d3 ? "LLH" : "LH") + ",level=1,rotinv=mean,mode=mirror");
      case "7":
        return FilterSpec.parse("wavelet:family=db3,band=" + (d3 ? "HHH" : "HH") + ",level=2,rotinv=mean,mode=mirror");
      case "8":
        return FilterSpec.parse("simoncelli:level=1,dim=" + dim);
      case "9":
        return FilterSpec.parse("simoncelli:level=2,dim=" + dim);
      default:
        throw new IllegalArgumentException("IBSI-2 phase-2 filter ids are 1..9: " + id);
    }
  }

  /** One reference row of {@code ibsi2/reference_values.csv}. */
  public static final class Reference {
    public final String id;
    public final String feature;
    public final String tag;
    public final String value;
    public final String tolerance;

    Reference(String id, String feature, String tag, String value, String tolerance) {
      this.id = id;
      this.feature = feature;
      this.tag = tag;
      this.value = value;
      this.tolerance = tolerance;
    }
  }

  /** Reads the semicolon-separated phase-2 reference table. */
  public static List<Reference> readReference(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "cannot read " + csv + ": " + e.getMessage(), e);
    }
    List<Reference> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).replace("\uFEFF", "").trim();
      if (l.isEmpty() || (i == 0 && l.startsWith("filter_id"))) {
        continue;
      }
      String[] c = l.split(";", -1);
      if (c.length != 5) {
        throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, csv + " line " + (i + 1) + ": expected 5 fields");
      }
      out.add(new Reference(c[0].trim(), c[1].trim(), c[2].trim(), c[3].trim(), c[4].trim()));
    }
    return out;
  }

  /** One compared value; {@code pass} is null when the reference has no consensus value (not judged). */
  public static final class Row {
    public final Reference ref;
    public final Double ours;
    public final Boolean pass;

    Row(Reference ref, Double ours, Boolean pass) {
      this.ref = ref;
      this.ours = ours;
      this.pass = pass;
    }
  }

  /** Per configuration: the filter's image type and the compared rows. */
  public static final class ConfigResult {
    public final String id;
    public final String imageType;
    public final List<Row> rows;
    public final long millis;

    ConfigResult(String id, String imageType, List<Row> rows, long millis) {
      this.id = id;
      this.imageType = imageType;
      this.rows = rows;
      this.millis = millis;
    }

    public int passed() {
      int n = 0;
      for (Row r : rows) {
        n += Boolean.TRUE.equals(r.pass) ? 1 : 0;
      }
      return n;
    }

    /** Rows with a consensus value. */
    public int judged() {
      int n = 0;
      for (Row r : rows) {
        n += r.pass != null ? 1 : 0;
      }
      return n;
    }

    /** A configuration passes when every one of its reference values is matched within tolerance. */
    public boolean pass() {
      return judged() > 0 && passed() == judged();
    }
  }

  /**
   * Runs the given ids on the CT phantom, each through an {@link IbsiProfile} (original image type for 1.x, the
   * filter's image type otherwise), and compares every reference row of those ids.
   *
   * @param wholeImageForGlobal filter the whole image for the filters without finite support (Simoncelli), instead
   *     of the profile's padded ROI box (see {@link FilterSupport#exact})
   */
  public static List<ConfigResult> run(IbsiInputs in, List<Reference> refs, List<String> ids,
      FeatureSettings settings2d, FeatureSettings settings3d, boolean wholeImageForGlobal) {
    Map<String, ConfigResult> byId = new LinkedHashMap<>();
    for (String dim : new String[] {"A", "B"}) {
      FeatureSettings s = dim.equals("A") ? settings2d : settings3d;
      for (String id : ids) {
        if (!id.endsWith("." + dim)) {
          continue;
        }
        FilterSpec f = filter(id);
        IbsiProfile profile = f == null ? new IbsiProfile(s) : new IbsiProfile(s, List.of(f), false);
        String type = profile.imageTypes().get(0);
        long t0 = System.nanoTime();
        FeatureVector v;
        if (f != null && wholeImageForGlobal && !FilterSupport.exact(f)) {
          int[] all = Preprocessor.gridDims(in.image(), s);
          v = FeatureExtractor.extractFiltered(in.image(), Preprocessor.run(in.image(), in.mask(), s), s, f.build(),
              all).features();
          type = type + " (whole image)";
        } else {
          v = profile.extract(in.image(), in.mask()).byImageType().get(type);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<Row> rows = new ArrayList<>();
        for (Reference ref : refs) {
          if (ref.id.equals(id)) {
            Double ours = v == null ? null : v.get(ref.tag);
            rows.add(new Row(ref, ours, ref.value.isEmpty() ? null
                : ConformanceRunner.judge(ref.value, ref.tolerance, ours)));
          }
        }
        byId.put(id, new ConfigResult(id, type, rows, ms));
      }
    }
    List<ConfigResult> out = new ArrayList<>();
    for (String id : ids) {
      if (byId.containsKey(id)) {
        out.add(byId.get(id));
      }
    }
    return out;
  }

  /** Writes {@code id,image_type,tag,reference,tolerance,ours,pass} (pass empty when not judged). */
  public static void writeCsv(List<ConfigResult> results, Path out) {
    StringBuilder b = new StringBuilder("id,image_type,tag,reference,tolerance,ours,pass\n");
    for (ConfigResult c : results) {
      for (Row r : c.rows) {
        b.append(c.id).append(",\"").append(c.imageType).append("\",").append(r.ref.tag).append(',')
            .append(r.ref.value).append(',').append(r.ref.tolerance).append(',')
            .append(r.ours == null ? "" : ConformanceRunner.format(r.ours)).append(',')
            .append(r.pass == null ? "" : r.pass.toString()).append('\n');
      }
    }
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, b.toString());
    } catch (IOException e) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
