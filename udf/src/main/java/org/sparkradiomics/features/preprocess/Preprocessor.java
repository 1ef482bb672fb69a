package org.sparkradiomics.features.preprocess;

import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * IBSI-1 image processing (chapter 2) from an image and its ROI mask to a {@link RoiImage}:
 *
 * <ol>
 *   <li>interpolation to the aligned grid ({@link Resampler}); the mask is interpolated with the mask interpolator
 *       and voxels with a value {@code >=} the partial-volume threshold are kept (a 1e-6 guard makes exact ties
 *       such as 0.5 between two slices count as inside); interpolated intensities are optionally rounded to
 *       integers (round half to even);
 *   <li>the morphological mask is the interpolated mask; the intensity mask is it after resegmentation
 *       ({@link Resegmentation}: range, then outliers);
 *   <li>everything is cropped to the bounding box of the morphological mask plus a margin of
 *       {@code ceil(r / spacing) + 1} voxels per axis (r = local-intensity radius), clipped to the image;
 *   <li>discretisation of the intensity mask for texture and for the intensity histogram (FBS uses the
 *       resegmentation lower bound as X_min when one is set).
 * </ol>
 *
 * Interpolation touches only the voxels it must: the mask is resampled around its bounding box and the image only
 * over the ROI box; the whole interpolated image is computed (in slabs) only for the image diagnostics when
 * {@link FeatureSettings#imageDiagnostics()} is on. Diagnostics use the IBSI tags: {@code img_dim_x_init_img},
 * {@code vox_dim_x_interp_img}, {@code mean_int_init_img}, {@code int_mask_bb_dim_x_reseg_roi},
 * {@code morph_mask_vox_count_interp_roi}, {@code int_mask_max_int_reseg_roi}, ... (stages {@code init_img},
 * {@code interp_img}, {@code init_roi}, {@code interp_roi}, {@code reseg_roi}).
 */
public final class Preprocessor {
  /** Guard for partial-volume thresholding: interpolated values within this of the threshold count as inside. */
  static final double PV_EPS = 1e-6;
  /** Output voxels per slab when computing whole-image diagnostics. */
  private static final int SLAB_VOXELS = 4_000_000;
  private static final String[] AXES = {"x", "y", "z"};

  private Preprocessor() {}

  /**
   * Runs the preprocessing. Returns an empty {@link Preprocessed} (with the diagnostics computed so far) when the
   * ROI is or becomes empty.
   *
   * @throws RadiomicsException MASK_GRID_MISMATCH when the mask is not on the grid of the image
   */
  public static Preprocessed run(Volume image, Mask mask, FeatureSettings s) {
    if (!mask.onGridOf(image, 1e-3)) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, "mask " + mask + " is not on the grid of " + image);
    }
    FeatureVector d = new FeatureVector();
    int[] srcN = {image.nx(), image.ny(), image.nz()};
    float[] img = image.data();
    boolean[] m0 = mask.inside();

    // initial image and ROI
    imageDiagnostics(d, "init_img", srcN, image.spacing(), stats(img, null));
    int[] bb0 = boundingBox(m0, srcN[0], srcN[1], srcN[2]);
    Stats roi0 = stats(img, m0);
    roiDiagnostics(d, "init_roi", srcN, bb0, bb0, roi0.n, roi0.n, roi0);
    if (bb0 == null) {
      return new Preprocessed(null, d, "the initial mask is empty", null, null);
    }

    double[] target = s.resampledSpacing();
    boolean resample = false;
    if (target != null) {
      for (double t : target) {
        resample |= !Double.isNaN(t);
      }
    }
    int[] n;
    double[] spacing;
    int[] boxLo = new int[3];
    int[] boxHi = new int[3];
    float[] intensity;
    boolean[] morph;
    double[] boxOrigin;
    if (resample) {
      Resampler.Grid g = Resampler.alignedGrid(image, target);
      n = new int[] {g.nx(), g.ny(), g.nz()};
      spacing = g.spacing();
      if (s.imageDiagnostics()) {
        imageDiagnostics(d, "interp_img", n, spacing, interpolatedImageStats(img, g, s));
      } else {
        imageDiagnostics(d, "interp_img", n, spacing, null);
      }
      // mask: resample the target voxels whose centres lie within one source voxel of the mask's bounding box
      int[] mLo = new int[3];
      int[] mHi = new int[3];
      int[] cropOff = new int[3];
      int[] cropDims = new int[3];
      for (int a = 0; a < 3; a++) {
        mLo[a] = g.firstAtOrAbove(a, bb0[a] - 1.0);
        mHi[a] = g.endAtOrBelow(a, bb0[3 + a] + 1.0);
        cropOff[a] = Math.max(0, bb0[a] - 2);
        cropDims[a] = Math.min(srcN[a], bb0[3 + a] + 3) - cropOff[a];
      }
      boolean[] mBlock = null;
      int[] mDims = new int[3];
      if (mLo[0] < mHi[0] && mLo[1] < mHi[1] && mLo[2] < mHi[2]) {
        float[] crop = cropMask(m0, srcN, cropOff, cropDims);
        double[] mv = Resampler.resampleBlock(crop, cropOff, cropDims, g, s.maskInterpolator(), mLo, mHi);
        mBlock = new boolean[mv.length];
        double th = s.maskPartialVolume() - PV_EPS;
        for (int i = 0; i < mv.length; i++) {
          mBlock[i] = mv[i] >= th;
        }
        for (int a = 0; a < 3; a++) {
          mDims[a] = mHi[a] - mLo[a];
        }
      }
      int[] bbLocal = mBlock == null ? null : boundingBox(mBlock, mDims[0], mDims[1], mDims[2]);
      if (bbLocal == null) {
        roiDiagnostics(d, "interp_roi", n, null, null, 0, 0, stats(new float[0], new boolean[0]));
        return new Preprocessed(null, d, "the mask is empty after interpolation", null, null);
      }
      int[] bb = new int[6];
      for (int a = 0; a < 3; a++) {
        bb[a] = bbLocal[a] + mLo[a];
        bb[3 + a] = bbLocal[3 + a] + mLo[a];
      }
      box(bb, n, spacing, s.localIntensityRadiusMm(), boxLo, boxHi);
      double[] iv = Resampler.resampleBlock(img, g, s.imageInterpolator(), boxLo, boxHi);
      intensity = new float[iv.length];
      boolean round = s.roundIntensities();
      for (int i = 0; i < iv.length; i++) {
        intensity[i] = (float) (round ? Math.rint(iv[i]) : iv[i]);
      }
      morph = new boolean[iv.length];
      int bx = boxHi[0] - boxLo[0];
      int by = boxHi[1] - boxLo[1];
      for (int z = Math.max(boxLo[2], mLo[2]); z < Math.min(boxHi[2], mHi[2]); z++) {
        for (int y = Math.max(boxLo[1], mLo[1]); y < Math.min(boxHi[1], mHi[1]); y++) {
          for (int x = Math.max(boxLo[0], mLo[0]); x < Math.min(boxHi[0], mHi[0]); x++) {
            morph[(x - boxLo[0]) + bx * ((y - boxLo[1]) + by * (z - boxLo[2]))] =
                mBlock[(x - mLo[0]) + mDims[0] * ((y - mLo[1]) + mDims[1] * (z - mLo[2]))];
          }
        }
      }
      boxOrigin = new Volume(1, 1, 1, new float[1], spacing, g.origin(), g.direction())
          .indexToPhysical(boxLo[0], boxLo[1], boxLo[2]);
    } else {
      n = srcN;
      spacing = image.spacing();
      imageDiagnostics(d, "interp_img", n, spacing, stats(img, null));
      box(bb0, n, spacing, s.localIntensityRadiusMm(), boxLo, boxHi);
      intensity = crop(img, n, boxLo, boxHi);
      morph = crop(m0, n, boxLo, boxHi);
      boxOrigin = image.indexToPhysical(boxLo[0], boxLo[1], boxLo[2]);
    }
    int bx = boxHi[0] - boxLo[0];
    int by = boxHi[1] - boxLo[1];
    int bz = boxHi[2] - boxLo[2];

    Stats interp = stats(intensity, morph);
    int[] bbMorph = offset(boundingBox(morph, bx, by, bz), boxLo);
    roiDiagnostics(d, "interp_roi", n, bbMorph, bbMorph, interp.n, interp.n, interp);

    boolean[] intensityMask =
        Resegmentation.apply(intensity, morph, s.resegMin(), s.resegMax(), s.outlierSigma());
    if (intensityMask == morph) {
      intensityMask = morph.clone();
    }
    Stats reseg = stats(intensity, intensityMask);
    int[] bbInt = offset(boundingBox(intensityMask, bx, by, bz), boxLo);
    roiDiagnostics(d, "reseg_roi", n, bbInt, bbMorph, reseg.n, interp.n, reseg);
    if (reseg.n == 0) {
      return new Preprocessed(null, d, "the intensity mask is empty after resegmentation", null, null);
    }

    int[] bins = new int[intensity.length];
    int nBins = s.texture().apply(intensity, intensityMask, s.resegMin(), bins);
    int[] ihBins;
    int ihN;
    if (s.intensityHistogram().equals(s.texture())) {
      ihBins = bins.clone();
      ihN = nBins;
    } else {
      ihBins = new int[intensity.length];
      ihN = s.intensityHistogram().apply(intensity, intensityMask, s.resegMin(), ihBins);
    }
    RoiImage roi = new RoiImage(bx, by, bz, spacing[0], spacing[1], spacing[2], intensity, morph, intensityMask,
        bins, nBins, ihBins, ihN);
    return new Preprocessed(roi, d, null, boxLo.clone(), boxOrigin);
  }

  /**
   * Dimensions of the grid the image is interpolated to under {@code s} (the image's own dimensions when the
   * settings do not resample). {@link Preprocessed#boxOffset()} indexes this grid.
   */
  public static int[] gridDims(Volume image, FeatureSettings s) {
    if (!resamples(s)) {
      return new int[] {image.nx(), image.ny(), image.nz()};
    }
    Resampler.Grid g = Resampler.alignedGrid(image, s.resampledSpacing());
    return new int[] {g.nx(), g.ny(), g.nz()};
  }

  /**
   * The image interpolated as {@link #run} interpolates it (same grid, interpolator and rounding), over the block
   * {@code [lo, hi)} of the grid of {@link #gridDims} only, as doubles, x fastest. Memory is the block (plus, for
   * resampling, the source voxels its interpolation reads), never the whole image. Used to filter the ROI's box
   * padded by a filter's support (IBSI-2: filters run on the interpolated image).
   */
  public static double[] imageBlock(Volume image, FeatureSettings s, int[] lo, int[] hi) {
    if (!resamples(s)) {
      int[] n = {image.nx(), image.ny(), image.nz()};
      for (int a = 0; a < 3; a++) {
        if (lo[a] < 0 || hi[a] > n[a] || lo[a] >= hi[a]) {
          throw new IllegalArgumentException("block [" + lo[a] + "," + hi[a] + ") outside axis " + a + " of " + n[a]);
        }
      }
      float[] c = crop(image.data(), n, lo, hi);
      double[] out = new double[c.length];
      for (int i = 0; i < c.length; i++) {
        out[i] = c[i];
      }
      return out;
    }
    Resampler.Grid g = Resampler.alignedGrid(image, s.resampledSpacing());
    double[] v = Resampler.resampleBlock(image.data(), g, s.imageInterpolator(), lo, hi);
    boolean round = s.roundIntensities();
    for (int i = 0; i < v.length; i++) {
      // exactly the float values run() stores in the RoiImage
      v[i] = (float) (round ? Math.rint(v[i]) : v[i]);
    }
    return v;
  }

  private static boolean resamples(FeatureSettings s) {
    double[] target = s.resampledSpacing();
    boolean resample = false;
    if (target != null) {
      for (double t : target) {
        resample |= !Double.isNaN(t);
      }
    }
    return resample;
  }

  /** The ROI box: bounding box plus {@code ceil(r / spacing) + 1} voxels per axis, clipped to the image. */
  static void box(int[] bb, int[] n, double[] spacing, double radiusMm, int[] lo, int[] hi) {
    for (int a = 0; a < 3; a++) {
      int margin = (int) Math.ceil(radiusMm / spacing[a]) + 1;
      lo[a] = Math.max(0, bb[a] - margin);
      hi[a] = Math.min(n[a], bb[3 + a] + margin + 1);
    }
  }

  /** Mean, minimum and maximum of the whole interpolated (and rounded) image, computed slab by slab along z. */
  private static Stats interpolatedImageStats(float[] img, Resampler.Grid g, FeatureSettings s) {
    Stats st = new Stats();
    int slab = Math.max(1, SLAB_VOXELS / (g.nx() * g.ny()));
    boolean round = s.roundIntensities();
    for (int z0 = 0; z0 < g.nz(); z0 += slab) {
      int z1 = Math.min(g.nz(), z0 + slab);
      double[] v = Resampler.resampleBlock(img, g, s.imageInterpolator(), new int[] {0, 0, z0},
          new int[] {g.nx(), g.ny(), z1});
      for (double x : v) {
        st.add(round ? Math.rint(x) : (float) x);
      }
    }
    return st;
  }

  private static float[] cropMask(boolean[] m, int[] n, int[] off, int[] dims) {
    float[] out = new float[dims[0] * dims[1] * dims[2]];
    for (int z = 0; z < dims[2]; z++) {
      for (int y = 0; y < dims[1]; y++) {
        int src = off[0] + n[0] * (off[1] + y + n[1] * (off[2] + z));
        int dst = dims[0] * (y + dims[1] * z);
        for (int x = 0; x < dims[0]; x++) {
          out[dst + x] = m[src + x] ? 1f : 0f;
        }
      }
    }
    return out;
  }

  private static float[] crop(float[] v, int[] n, int[] lo, int[] hi) {
    int bx = hi[0] - lo[0];
    int by = hi[1] - lo[1];
    float[] out = new float[bx * by * (hi[2] - lo[2])];
    for (int z = lo[2]; z < hi[2]; z++) {
      for (int y = lo[1]; y < hi[1]; y++) {
        System.arraycopy(v, lo[0] + n[0] * (y + n[1] * z), out, bx * ((y - lo[1]) + by * (z - lo[2])), bx);
      }
    }
    return out;
  }

  private static boolean[] crop(boolean[] v, int[] n, int[] lo, int[] hi) {
    int bx = hi[0] - lo[0];
    int by = hi[1] - lo[1];
    boolean[] out = new boolean[bx * by * (hi[2] - lo[2])];
    for (int z = lo[2]; z < hi[2]; z++) {
      for (int y = lo[1]; y < hi[1]; y++) {
        System.arraycopy(v, lo[0] + n[0] * (y + n[1] * z), out, bx * ((y - lo[1]) + by * (z - lo[2])), bx);
      }
    }
    return out;
  }

  /** {xmin, ymin, zmin, xmax, ymax, zmax} (inclusive) of the true voxels, or null when there are none. */
  static int[] boundingBox(boolean[] m, int nx, int ny, int nz) {
    int[] bb = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
    int i = 0;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++, i++) {
          if (m[i]) {
            bb[0] = Math.min(bb[0], x);
            bb[1] = Math.min(bb[1], y);
            bb[2] = Math.min(bb[2], z);
            bb[3] = Math.max(bb[3], x);
            bb[4] = Math.max(bb[4], y);
            bb[5] = Math.max(bb[5], z);
          }
        }
      }
    }
    return bb[3] < 0 ? null : bb;
  }

  private static int[] offset(int[] bb, int[] lo) {
    if (bb == null) {
      return null;
    }
    int[] out = bb.clone();
    for (int a = 0; a < 3; a++) {
      out[a] += lo[a];
      out[3 + a] += lo[a];
    }
    return out;
  }

  private static Stats stats(float[] v, boolean[] mask) {
    Stats s = new Stats();
    for (int i = 0; i < v.length; i++) {
      if (mask == null || mask[i]) {
        s.add(v[i]);
      }
    }
    return s;
  }

  private static void imageDiagnostics(FeatureVector d, String stage, int[] n, double[] spacing, Stats st) {
    for (int a = 0; a < 3; a++) {
      d.put("img_dim_" + AXES[a] + "_" + stage, n[a]);
    }
    for (int a = 0; a < 3; a++) {
      d.put("vox_dim_" + AXES[a] + "_" + stage, spacing[a]);
    }
    if (st == null) {
      String why = "whole-image diagnostics disabled in the settings";
      d.putUndefined("mean_int_" + stage, why);
      d.putUndefined("min_int_" + stage, why);
      d.putUndefined("max_int_" + stage, why);
    } else {
      d.put("mean_int_" + stage, st.mean());
      d.put("min_int_" + stage, st.min);
      d.put("max_int_" + stage, st.max);
    }
  }

  private static void roiDiagnostics(FeatureVector d, String stage, int[] n, int[] bbInt, int[] bbMorph,
      long intCount, long morphCount, Stats st) {
    for (int a = 0; a < 3; a++) {
      d.put("int_mask_dim_" + AXES[a] + "_" + stage, n[a]);
    }
    for (int a = 0; a < 3; a++) {
      bbDiag(d, "int_mask_bb_dim_" + AXES[a] + "_" + stage, bbInt, a);
    }
    for (int a = 0; a < 3; a++) {
      bbDiag(d, "morph_mask_bb_dim_" + AXES[a] + "_" + stage, bbMorph, a);
    }
    d.put("int_mask_vox_count_" + stage, intCount);
    d.put("morph_mask_vox_count_" + stage, morphCount);
    if (st.n == 0) {
      d.putUndefined("int_mask_mean_int_" + stage, "empty intensity mask");
      d.putUndefined("int_mask_min_int_" + stage, "empty intensity mask");
      d.putUndefined("int_mask_max_int_" + stage, "empty intensity mask");
    } else {
      d.put("int_mask_mean_int_" + stage, st.mean());
      d.put("int_mask_min_int_" + stage, st.min);
      d.put("int_mask_max_int_" + stage, st.max);
    }
  }

  private static void bbDiag(FeatureVector d, String name, int[] bb, int a) {
    if (bb == null) {
      d.putUndefined(name, "empty mask");
    } else {
      d.put(name, bb[3 + a] - bb[a] + 1);
    }
  }

  /** Running count, sum, minimum and maximum. */
  private static final class Stats {
    long n;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double v) {
      n++;
      sum += v;
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
    }

    double mean() {
      return sum / n;
    }
  }
}
