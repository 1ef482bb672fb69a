package org.sparkradiomics.features.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.FeatureExtractor;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.features.pyradiomics.PyDiagnostics;
import org.sparkradiomics.features.pyradiomics.PyDiscretiser;
import org.sparkradiomics.features.pyradiomics.PyFeatureNames;
import org.sparkradiomics.features.pyradiomics.PyFirstOrder;
import org.sparkradiomics.features.pyradiomics.PyGlcmExtras;
import org.sparkradiomics.features.pyradiomics.PyBoxFilter;
import org.sparkradiomics.features.pyradiomics.PyImageTypeFilter;
import org.sparkradiomics.features.pyradiomics.PyImageTypes;
import org.sparkradiomics.features.pyradiomics.PyMaskCorrection;
import org.sparkradiomics.features.pyradiomics.PyRadiomicsParams;
import org.sparkradiomics.features.pyradiomics.PyResampler;
import org.sparkradiomics.features.pyradiomics.PyShape;
import org.sparkradiomics.features.pyradiomics.PyShape2D;
import org.sparkradiomics.features.pyradiomics.PyTextureMatrices;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * The PyRadiomics-compatible profile: a PyRadiomics (v3.1) params file applied with PyRadiomics' conventions over the
 * shared feature code. Pipeline, as PyRadiomics' {@code RadiomicsFeatureExtractor.execute}:
 *
 * <ol>
 *   <li>mask on the image grid (within {@code geometryTolerance}); {@code normalize}: whole image
 *       {@code x' = s (x - mean) / sd} (sd with N - 1 as SimpleITK's Normalize), then with {@code removeOutliers} n
 *       clipped to {@code [-n s, n s]};
 *   <li>ROI checks: {@code minimumROIDimensions} (number of axes where the bounding box is longer than 1 voxel),
 *       {@code minimumROISize} (voxels);
 *   <li>{@code resegmentRange} on the (normalised) original image: {@code absolute} thresholds as given,
 *       {@code relative} thresholds times the ROI maximum, {@code sigma} thresholds {@code mean + t sd} (population
 *       sd); one value = lower bound only; inclusive bounds. Shape uses the resegmented mask only with
 *       {@code resegmentShape};
 *   <li>shape (once, prefix {@code original});
 *   <li>per image type (filters see the ROI box padded by {@code padDistance}) and derived image: first order on the
 *       ROI intensities, PyRadiomics discretisation ({@link PyDiscretiser}), then the texture classes computed by the
 *       IBSI-1 families in 3D (GLCM/GLRLM: features per direction averaged, or merged matrices with
 *       {@code weightingNorm: no_weighting}; GLSZM 26-connected; GLDM = NGLDM with alpha = {@code gldm_a}, distance
 *       1; NGTDM distance 1) and renamed ({@link PyFeatureNames}). Where PyRadiomics defines a value for a case IBSI
 *       leaves undefined, PyRadiomics' value is used: GLCM Correlation 1 and Imc1 0 for a flat ROI; NGTDM Coarseness
 *       10^6, Contrast/Busyness/Complexity/Strength 0 when their denominator is 0.
 * </ol>
 * Output: one {@link FeatureVector} per image-type prefix ({@code original}, {@code log-sigma-1-0-mm-3D},
 * {@code wavelet-LLH}, ...), keys {@code <featureClass>_<Feature>}, so that the column is
 * {@code <prefix>_<featureClass>_<Feature>}.
 *
 * <p>{@code resampledPixelSpacing} resamples after normalisation with PyRadiomics' corner-aligned grid
 * ({@link PyResampler}); the ROI checks run on the resampled mask.
 *
 * <p>{@code force2D}: the texture classes use in-plane neighbours only (the plane normal to
 * {@code force2Ddimension}: 0 = z, 1 = y, 2 = x) with one matrix accumulated over all slices, i.e. the IBSI 2.5D
 * aggregation ({@code _2_5D_avg} for GLCM/GLRLM, {@code _2_5D} for GLSZM/GLDM/NGTDM).
 *
 * <p>{@code shape2D} ({@link PyShape2D}, prefix {@code original}, after shape) is enabled like every class when the
 * params have no {@code featureClass} section, and computed only with {@code force2D: true}: without it PyRadiomics'
 * extractor skips the class (a logged warning, no columns), and so does this profile. With {@code force2D} the ROI
 * must be one voxel thick along {@code force2Ddimension}: when the params name shape2D, a thicker ROI fails the case
 * INVALID_SETTINGS with {@code shape2D.py}'s message ("Size of the mask in dimension N is more than 1, cannot compute
 * 2D shape"); when shape2D is only enabled by default (no featureClass section), it is skipped for that ROI (no
 * columns), so that force2D texture on 3D ROIs, its common use, does not fail every case. A mask on another grid is
 * MASK_GRID_MISMATCH unless {@code correctMask: true}, which resamples it onto the image grid
 * ({@link PyMaskCorrection}: nearest neighbour, ROI bounding box inside the image space, else MASK_GRID_MISMATCH
 * "Bounding box of ROI is larger than image space"); a corrected mask together with {@code resampledPixelSpacing}
 * (PyRadiomics then resamples from the mask's own grid) stays MASK_GRID_MISMATCH.
 *
 * <p>{@code distances} other than [1], {@code symmetricalGLCM: False} and {@code weightingNorm}
 * manhattan/euclidean/infinity: the GLCM (any of the three), GLRLM (the weighting norms) and NGTDM/GLDM
 * ({@code distances}) matrices are built with PyRadiomics' angle sets and weights by {@link PyTextureMatrices} (see
 * there: Chebyshev shells, one angle per +/- pair for the GLCM, GLCM weights exp(-d^2), GLRLM weights d), the
 * features by the same shared family code.
 *
 * <p>Not emulated (a clear error when the params ask for them): {@code label_channel} > 0, interpolators other than
 * sitkNearestNeighbor/sitkLinear/sitkBSpline. Known difference: when GLCM Correlation is
 * undefined for some directions only (zero variance along them), IBSI's average skips those directions while
 * PyRadiomics counts them as 1.
 */
public final class PyRadiomicsProfile implements ExtractionProfile {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "pyradiomics";

  private final PyRadiomicsParams params;
  /** Image-type filters given explicitly (they win over the class path's {@link PyImageTypes}). */
  private final LinkedHashMap<String, PyImageTypeFilter> filters = new LinkedHashMap<>();

  public PyRadiomicsProfile(PyRadiomicsParams params) {
    this(params, List.of());
  }

  /** A profile whose image types come first from {@code explicitFilters}, then from the class path. */
  public PyRadiomicsProfile(PyRadiomicsParams params, List<PyImageTypeFilter> explicitFilters) {
    this.params = params;
    for (PyImageTypeFilter f : explicitFilters) {
      filters.put(f.imageType(), f);
    }
    checkSupported(params, "setting");
    for (String t : params.imageTypes().keySet()) {
      checkSupported(params.forImageType(t), "imageType." + t);
      PyImageTypeFilter f = filters.containsKey(t) ? filters.get(t) : PyImageTypes.find(t);
      if (f == null) {
        throw new IllegalArgumentException("image type " + t + " is not available in this build (no "
            + PyImageTypeFilter.class.getSimpleName() + " provides it)");
      }
      filters.put(t, f);
    }
    for (String c : params.featureClasses().keySet()) {
      if (!PyFeatureNames.CLASSES.contains(c)) {
        throw new IllegalArgumentException("unknown feature class " + c);
      }
    }
  }

  /** The profile for a PyRadiomics params YAML text (entry point used reflectively by the Spark extract job). */
  public static PyRadiomicsProfile fromYaml(String yamlText) {
    return new PyRadiomicsProfile(PyRadiomicsParams.parse(yamlText));
  }

  private static void checkSupported(PyRadiomicsParams p, String where) {
    if (p.resampledPixelSpacing() != null) {
      PyResampler.check(p.interpolator());
    }
    Object ch = p.settings().get("label_channel");
    if (ch != null && (Integer) ch != 0) {
      throw new IllegalArgumentException(where + ".label_channel: only 0 is supported");
    }
  }

  public PyRadiomicsParams params() {
    return params;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String canonicalParams() {
    return "profile=pyradiomics;" + params.canonicalString();
  }

  @Override
  public String paramsHash() {
    return FeatureSettings.sha256Hex(canonicalParams());
  }

  @Override
  public ProfileResult extract(Volume image, Mask mask) {
    return extractCase(image, mask).features();
  }

  /** Features plus the PyRadiomics {@code diagnostics_*} columns (strings, in PyRadiomics order). */
  public static final class CaseResult {
    private final LinkedHashMap<String, String> diagnostics;
    private final ProfileResult features;

    CaseResult(LinkedHashMap<String, String> diagnostics, ProfileResult features) {
      this.diagnostics = diagnostics;
      this.features = features;
    }

    public LinkedHashMap<String, String> diagnostics() {
      return diagnostics;
    }

    public ProfileResult features() {
      return features;
    }
  }

  /**
   * Extracts one case.
   *
   * @throws RadiomicsException MASK_GRID_MISMATCH when the mask is not on the image grid (and {@code correctMask}
   *     is off, or its ROI lies outside the image space, or {@code resampledPixelSpacing} is set)
   */
  public CaseResult extractCase(Volume image, Mask mask) {
    double tol = params.geometryTolerance() == null
        ? 1e-3 * Math.min(image.spacing(0), Math.min(image.spacing(1), image.spacing(2))) + 1e-4
        : params.geometryTolerance();
    Mask corrected = null;
    if (!mask.onGridOf(image, tol)) {
      String mismatch = "mask " + mask + " is not on the grid of image " + image + " (tolerance " + tol + " mm)";
      if (!params.correctMask()) {
        throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, mismatch + "; correctMask is off");
      }
      if (params.resampledPixelSpacing() != null) {
        throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, mismatch + "; correctMask with "
            + "resampledPixelSpacing is not emulated (PyRadiomics resamples from the mask's own grid)");
      }
      corrected = PyMaskCorrection.correct(image, mask);
    }
    LinkedHashMap<String, String> diag = new LinkedHashMap<>();
    if (params.additionalInfo()) {
      diag.putAll(PyDiagnostics.configuration(params));
      diag.putAll(PyDiagnostics.original(image, mask));
      if (corrected != null) {
        diag.putAll(PyMaskCorrection.diagnostics(image, corrected));
      }
    }
    if (corrected != null) {
      mask = corrected;
    }
    Map<String, FeatureVector> out = new LinkedHashMap<>();
    float[] data = image.data();
    if (params.normalize()) {
      data = normalise(data, params.normalizeScale(), params.removeOutliers());
    }
    int[] lo = new int[3];
    int[] hi = new int[3];
    int count = boundingBox(mask, lo, hi);
    if (count > 0 && params.resampledPixelSpacing() != null) {
      double[] t = params.resampledPixelSpacing().stream().mapToDouble(Double::doubleValue).toArray();
      PyResampler.Result rs = PyResampler.resample(image.withData(data), mask, lo, hi, t, params.padDistance(),
          params.interpolator());
      image = rs.image;
      mask = rs.mask;
      data = image.data();
      if (params.additionalInfo()) {
        diag.putAll(PyDiagnostics.interpolated(image, mask));
      }
      count = boundingBox(mask, lo, hi);
    }
    int nx = image.nx();
    int ny = image.ny();
    int nz = image.nz();
    if (count == 0) {
      return new CaseResult(diag, ProfileResult.failed(ErrorKind.EMPTY_ROI, "label " + params.label()
          + " not present in the mask", out));
    }
    int dims = 0;
    for (int a = 0; a < 3; a++) {
      dims += hi[a] > lo[a] ? 1 : 0;
    }
    if (dims < params.minimumROIDimensions()) {
      return new CaseResult(diag, ProfileResult.failed(ErrorKind.EMPTY_ROI, "mask has " + dims
          + " dimension(s) > 1 voxel, minimumROIDimensions is " + params.minimumROIDimensions(), out));
    }
    if (params.minimumROISize() != null && count < params.minimumROISize()) {
      return new CaseResult(diag, ProfileResult.failed(ErrorKind.EMPTY_ROI, "mask has " + count
          + " voxels, minimumROISize is " + params.minimumROISize(), out));
    }
    // padded box for the filters, exact box for the features
    int pad = params.padDistance();
    int[] plo = new int[3];
    int[] phi = new int[3];
    int[] size = {nx, ny, nz};
    for (int a = 0; a < 3; a++) {
      plo[a] = Math.max(0, lo[a] - pad);
      phi[a] = Math.min(size[a] - 1, hi[a] + pad);
    }
    Volume boxImage = crop(image.withData(data), plo, phi);
    Mask boxMask = cropMask(mask, image, plo, phi);
    boolean[] reseg = resegment(boxImage.data(), boxMask.inside(), params);
    int resegCount = 0;
    for (boolean b : reseg) {
      resegCount += b ? 1 : 0;
    }
    int[] rlo = new int[3];
    int[] rhi = new int[3];
    for (int a = 0; a < 3; a++) {
      rlo[a] = lo[a] - plo[a];
      rhi[a] = hi[a] - plo[a];
    }
    FeatureVector originalVector = new FeatureVector();
    List<String> shape = params.featureClasses().get("shape");
    if (shape != null) {
      boolean[] shapeMask = params.resegmentShape() ? reseg : boxMask.inside();
      boolean[] m = cropBool(shapeMask, boxImage.nx(), boxImage.ny(), rlo, rhi);
      PyShape.compute(m, rhi[0] - rlo[0] + 1, rhi[1] - rlo[1] + 1, rhi[2] - rlo[2] + 1, image.spacing(0),
          image.spacing(1), image.spacing(2), shape, originalVector);
      out.put("original", originalVector);
    }
    List<String> shape2D = params.featureClasses().get("shape2D");
    if (shape2D != null && params.force2D()) {
      boolean[] shapeMask = params.resegmentShape() ? reseg : boxMask.inside();
      boolean[] m = cropBool(shapeMask, boxImage.nx(), boxImage.ny(), rlo, rhi);
      out.put("original", originalVector);
      // force2Ddimension 0 = z (numpy axis 0), 1 = y, 2 = x: the ROI's extent along it
      int d = params.force2Ddimension();
      int thickness = rhi[2 - d] - rlo[2 - d] + 1;
      if (thickness > 1 && params.featureClassesImplicit()) {
        // enabled only by default (no featureClass section): not computable here, skipped (no columns) rather
        // than failing a case the user did not ask shape2D for
      } else {
        try {
          PyShape2D.compute(m, rhi[0] - rlo[0] + 1, rhi[1] - rlo[1] + 1, rhi[2] - rlo[2] + 1, image.spacing(0),
              image.spacing(1), image.spacing(2), params.force2D(), params.force2Ddimension(), shape2D,
              originalVector);
        } catch (IllegalArgumentException ex) {
          return new CaseResult(diag, ProfileResult.failed(ErrorKind.INVALID_SETTINGS,
              "shape2D: " + ex.getMessage(), out));
        }
      }
    }
    if (resegCount == 0) {
      return new CaseResult(diag, ProfileResult.failed(ErrorKind.EMPTY_ROI,
          "no voxel left after resegmentation", out));
    }
    Mask resegMask = new Mask(boxMask.nx(), boxMask.ny(), boxMask.nz(), reseg, boxMask.spacing(),
        boxMask.origin(), boxMask.direction());
    List<String> errors = new ArrayList<>();
    for (String type : params.imageTypes().keySet()) {
      PyRadiomicsParams tp = params.forImageType(type);
      PyImageTypeFilter f = filters.get(type);
      LinkedHashMap<String, Volume> derived;
      try {
        derived = f instanceof PyBoxFilter bf
            ? bf.applyOnBox(image.withData(data), fullMask(resegMask, plo, nx, ny, nz, image), plo, phi,
                tp.settingsFor(type))
            : f.apply(boxImage, resegMask, tp.settingsFor(type));
      } catch (RuntimeException ex) {
        errors.add(type + ": " + ex);
        continue;
      }
      for (Map.Entry<String, Volume> e : derived.entrySet()) {
        FeatureVector fv = e.getKey().equals("original") ? originalVector : new FeatureVector();
        out.put(e.getKey(), fv);
        try {
          features(e.getValue(), reseg, rlo, rhi, tp, fv);
        } catch (RuntimeException ex) {
          errors.add(e.getKey() + ": " + ex);
        }
      }
    }
    if (!errors.isEmpty()) {
      return new CaseResult(diag, ProfileResult.failed(ErrorKind.INVALID_SETTINGS, String.join("; ", errors), out));
    }
    return new CaseResult(diag, ProfileResult.ok(out));
  }

  /** The box mask {@code m} (box origin {@code lo}) placed on the full grid of {@code image}. */
  private static Mask fullMask(Mask m, int[] lo, int nx, int ny, int nz, Volume image) {
    boolean[] full = new boolean[nx * ny * nz];
    boolean[] in = m.inside();
    for (int z = 0; z < m.nz(); z++) {
      for (int y = 0; y < m.ny(); y++) {
        for (int x = 0; x < m.nx(); x++) {
          if (in[x + m.nx() * (y + m.ny() * z)]) {
            full[(lo[0] + x) + nx * ((lo[1] + y) + ny * (lo[2] + z))] = true;
          }
        }
      }
    }
    return Mask.onGridOf(image, full);
  }

  /** Bounding box of the mask into lo/hi (inclusive); returns the voxel count. */
  private static int boundingBox(Mask mask, int[] lo, int[] hi) {
    int nx = mask.nx();
    int ny = mask.ny();
    int nz = mask.nz();
    boolean[] in = mask.inside();
    lo[0] = nx;
    lo[1] = ny;
    lo[2] = nz;
    hi[0] = -1;
    hi[1] = -1;
    hi[2] = -1;
    int count = 0;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          if (in[x + nx * (y + ny * z)]) {
            count++;
            lo[0] = Math.min(lo[0], x);
            hi[0] = Math.max(hi[0], x);
            lo[1] = Math.min(lo[1], y);
            hi[1] = Math.max(hi[1], y);
            lo[2] = Math.min(lo[2], z);
            hi[2] = Math.max(hi[2], z);
          }
        }
      }
    }
    return count;
  }

  /** First order and texture classes of one derived image on the ROI box {@code [rlo, rhi]} of its grid. */
  private static void features(Volume img, boolean[] maskOnImg, int[] rlo, int[] rhi, PyRadiomicsParams p,
      FeatureVector fv) {
    int bx = rhi[0] - rlo[0] + 1;
    int by = rhi[1] - rlo[1] + 1;
    int bz = rhi[2] - rlo[2] + 1;
    boolean[] m = cropBool(maskOnImg, img.nx(), img.ny(), rlo, rhi);
    float[] v = cropFloat(img.data(), img.nx(), img.ny(), rlo, rhi);
    double[] sp = img.spacing();
    if (p.force2D() && p.force2Ddimension() != 0) {
      // make the slice axis z: force2Ddimension 1 = y (numpy axis 1), 2 = x (numpy axis 2)
      int[] axes = p.force2Ddimension() == 1 ? new int[] {0, 2, 1} : new int[] {1, 2, 0};
      int[] dims = {bx, by, bz};
      m = permute(m, dims, axes);
      v = permute(v, dims, axes);
      sp = new double[] {sp[axes[0]], sp[axes[1]], sp[axes[2]]};
      bx = dims[axes[0]];
      by = dims[axes[1]];
      bz = dims[axes[2]];
    }
    int[] bins = new int[v.length];
    int ng = PyDiscretiser.apply(v, m, p.binWidth(), p.binCount(), bins);
    Map<String, List<String>> classes = p.featureClasses();
    List<String> fo = classes.get("firstorder");
    if (fo != null) {
      int n = 0;
      for (boolean b : m) {
        n += b ? 1 : 0;
      }
      double[] x = new double[n];
      int[] xb = new int[n];
      int k = 0;
      for (int i = 0; i < m.length; i++) {
        if (m[i]) {
          x[k] = v[i];
          xb[k++] = bins[i];
        }
      }
      double vv = sp[0] * sp[1] * sp[2];
      PyFirstOrder.compute(x, xb, ng, p.voxelArrayShift(), vv, fo, fv);
    }
    // distances other than [1], symmetricalGLCM False and weightingNorm manhattan/euclidean/infinity: the matrices
    // of PyTextureMatrices (PyRadiomics' angle sets and weights), features by the same shared family code
    String wn = p.weightingNorm();
    boolean merged = wn != null;
    boolean unitDistance = p.distances().equals(List.of(1));
    boolean normWeights = merged && !wn.equals("no_weighting");
    boolean pyGlcm = !unitDistance || !p.symmetricalGLCM() || normWeights;
    boolean pyGlrlm = normWeights;
    boolean pyNeighbours = !unitDistance;
    List<String> families = new ArrayList<>();
    List<String> pyFamilies = new ArrayList<>();
    for (String c : classes.keySet()) {
      String f = ibsiFamily(c);
      if (f != null) {
        boolean py = f.equals("cm") ? pyGlcm : f.equals("rlm") ? pyGlrlm
            : (f.equals("ngt") || f.equals("ngl")) && pyNeighbours;
        (py ? pyFamilies : families).add(f);
      }
    }
    if (families.isEmpty() && pyFamilies.isEmpty()) {
      return;
    }
    RoiImage roi = new RoiImage(bx, by, bz, sp[0], sp[1], sp[2], v, m, m, bins, ng, bins, ng);
    SpatialMode mode = p.force2D() ? SpatialMode.D2_5 : SpatialMode.D3;
    FeatureVector ibsi = new FeatureVector();
    if (!families.isEmpty()) {
      FeatureSettings fs = FeatureSettings.builder().families(families.toArray(new String[0]))
          .textureModes(mode).textureDistance(1).ngldmAlpha((int) Math.floor(p.gldmA())).build();
      ibsi = FeatureExtractor.extract(roi, fs).features();
    }
    String matrixTag = "_" + mode.tag() + (merged ? "_comb" : "_avg");
    int[] distances = p.distances().stream().mapToInt(Integer::intValue).toArray();
    int alpha = (int) Math.floor(p.gldmA());
    for (String fam : pyFamilies) {
      switch (fam) {
        case "cm":
          List<String> glcm = classes.get("glcm");
          PyTextureMatrices.glcm(roi, distances, p.force2D(), p.symmetricalGLCM(), wn,
              glcm != null && glcm.contains("MCC"), matrixTag, ibsi);
          break;
        case "rlm":
          PyTextureMatrices.glrlm(roi, p.force2D(), wn, matrixTag, ibsi);
          break;
        case "ngt":
          PyTextureMatrices.ngtdm(roi, distances, p.force2D(), "_" + mode.tag(), ibsi);
          break;
        default:
          PyTextureMatrices.gldm(roi, distances, p.force2D(), alpha, "_" + mode.tag(), ibsi);
          break;
      }
    }
    for (String c : classes.keySet()) {
      String fam = ibsiFamily(c);
      if (fam == null) {
        continue;
      }
      for (String f : classes.get(c)) {
        String key = c + "_" + f;
        if (c.equals("glcm") && f.equals("MCC")) {
          if (pyGlcm) {
            Double mcc = ibsi.get("cm_mcc" + matrixTag);
            if (mcc == null) {
              fv.putUndefined(key, ibsi.undefinedReason("cm_mcc" + matrixTag));
            } else {
              fv.put(key, mcc);
            }
          } else {
            fv.put(key, PyGlcmExtras.mcc(roi, merged, p.force2D()));
          }
          continue;
        }
        String suffix = "_" + mode.tag()
            + (fam.equals("cm") || fam.equals("rlm") ? (merged ? "_comb" : "_avg") : "");
        String tag = fam + "_" + PyFeatureNames.ibsiName(c, f) + suffix;
        if (!ibsi.contains(tag)) {
          throw new IllegalStateException("IBSI feature " + tag + " missing for " + key);
        }
        Double val = ibsi.get(tag);
        if (val == null) {
          Double dflt = pyRadiomicsDefault(c, f);
          if (dflt != null) {
            fv.put(key, dflt);
          } else {
            fv.putUndefined(key, ibsi.undefinedReason(tag));
          }
        } else {
          fv.put(key, val);
        }
      }
    }
  }

  /** Reorders a box so that new axis k is old axis {@code axes[k]} (x fastest in both). */
  static boolean[] permute(boolean[] a, int[] dims, int[] axes) {
    boolean[] out = new boolean[a.length];
    int[] nd = {dims[axes[0]], dims[axes[1]], dims[axes[2]]};
    int[] q = new int[3];
    for (q[2] = 0; q[2] < dims[2]; q[2]++) {
      for (q[1] = 0; q[1] < dims[1]; q[1]++) {
        for (q[0] = 0; q[0] < dims[0]; q[0]++) {
          out[q[axes[0]] + nd[0] * (q[axes[1]] + nd[1] * q[axes[2]])] = a[q[0] + dims[0] * (q[1] + dims[1] * q[2])];
        }
      }
    }
    return out;
  }

  static float[] permute(float[] a, int[] dims, int[] axes) {
    float[] out = new float[a.length];
    int[] nd = {dims[axes[0]], dims[axes[1]], dims[axes[2]]};
    int[] q = new int[3];
    for (q[2] = 0; q[2] < dims[2]; q[2]++) {
      for (q[1] = 0; q[1] < dims[1]; q[1]++) {
        for (q[0] = 0; q[0] < dims[0]; q[0]++) {
          out[q[axes[0]] + nd[0] * (q[axes[1]] + nd[1] * q[axes[2]])] = a[q[0] + dims[0] * (q[1] + dims[1] * q[2])];
        }
      }
    }
    return out;
  }

  /** PyRadiomics' value where IBSI leaves a feature undefined (zero denominators; see the class comment). */
  private static Double pyRadiomicsDefault(String cls, String f) {
    if (cls.equals("glcm")) {
      return f.equals("Correlation") ? Double.valueOf(1) : f.equals("Imc1") ? Double.valueOf(0) : null;
    }
    if (cls.equals("ngtdm")) {
      return f.equals("Coarseness") ? Double.valueOf(1e6) : Double.valueOf(0);
    }
    return null;
  }

  private static String ibsiFamily(String cls) {
    switch (cls) {
      case "glcm":
        return "cm";
      case "glrlm":
        return "rlm";
      case "glszm":
        return "szm";
      case "gldm":
        return "ngl";
      case "ngtdm":
        return "ngt";
      default:
        return null;
    }
  }

  /**
   * Whole-image normalisation (SimpleITK Normalize): {@code x' = s (x - mean) / sd}, sd the sample standard deviation
   * (N - 1); with {@code removeOutliers} n, values are clipped to {@code [-n s, n s]}.
   */
  static float[] normalise(float[] x, double scale, Double outliers) {
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (float v : x) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (x.length - 1));
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      double v = sd == 0 ? 0 : scale * (x[i] - mean) / sd;
      if (outliers != null) {
        double lim = outliers * scale;
        v = Math.max(-lim, Math.min(lim, v));
      }
      out[i] = (float) v;
    }
    return out;
  }

  /**
   * PyRadiomics {@code resegmentMask}: thresholds from {@code resegmentRange} sorted, by {@code resegmentMode}
   * (absolute: as given; relative: t * max(ROI); sigma: mean(ROI) + t * sd(ROI), population sd); keeps ROI voxels
   * with {@code x >= t0} (and {@code x <= t1} when two values are given). Without a range the mask is unchanged.
   */
  static boolean[] resegment(float[] x, boolean[] mask, PyRadiomicsParams p) {
    List<Double> range = p.resegmentRange();
    if (range == null) {
      return mask.clone();
    }
    double[] t = range.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    String mode = p.resegmentMode();
    if (!mode.equals("absolute")) {
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      int n = 0;
      for (int i = 0; i < x.length; i++) {
        if (mask[i]) {
          max = Math.max(max, x[i]);
          sum += x[i];
          n++;
        }
      }
      double mean = sum / n;
      double ss = 0;
      for (int i = 0; i < x.length; i++) {
        if (mask[i]) {
          ss += (x[i] - mean) * (x[i] - mean);
        }
      }
      double sd = Math.sqrt(ss / n);
      for (int k = 0; k < t.length; k++) {
        t[k] = mode.equals("relative") ? max * t[k] : mean + sd * t[k];
      }
    }
    boolean[] out = new boolean[mask.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = mask[i] && x[i] >= t[0] && (t.length < 2 || x[i] <= t[1]);
    }
    return out;
  }

  private static Volume crop(Volume v, int[] lo, int[] hi) {
    float[] d = cropFloat(v.data(), v.nx(), v.ny(), lo, hi);
    double[] o = v.indexToPhysical(lo[0], lo[1], lo[2]);
    return new Volume(hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1, d, v.spacing(), o, v.direction());
  }

  private static Mask cropMask(Mask m, Volume grid, int[] lo, int[] hi) {
    boolean[] d = cropBool(m.inside(), m.nx(), m.ny(), lo, hi);
    double[] o = grid.indexToPhysical(lo[0], lo[1], lo[2]);
    return new Mask(hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1, d, m.spacing(), o, m.direction());
  }

  static float[] cropFloat(float[] a, int nx, int ny, int[] lo, int[] hi) {
    int bx = hi[0] - lo[0] + 1;
    int by = hi[1] - lo[1] + 1;
    int bz = hi[2] - lo[2] + 1;
    float[] out = new float[bx * by * bz];
    for (int z = 0; z < bz; z++) {
      for (int y = 0; y < by; y++) {
        System.arraycopy(a, lo[0] + nx * (lo[1] + y + ny * (lo[2] + z)), out, bx * (y + by * z), bx);
      }
    }
    return out;
  }

  static boolean[] cropBool(boolean[] a, int nx, int ny, int[] lo, int[] hi) {
    int bx = hi[0] - lo[0] + 1;
    int by = hi[1] - lo[1] + 1;
    int bz = hi[2] - lo[2] + 1;
    boolean[] out = new boolean[bx * by * bz];
    for (int z = 0; z < bz; z++) {
      for (int y = 0; y < by; y++) {
        System.arraycopy(a, lo[0] + nx * (lo[1] + y + ny * (lo[2] + z)), out, bx * (y + by * z), bx);
      }
    }
    return out;
  }
}
