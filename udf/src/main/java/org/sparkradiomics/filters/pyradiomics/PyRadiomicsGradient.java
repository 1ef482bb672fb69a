package org.sparkradiomics.filters.pyradiomics;

import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics {@code getGradientImage}: SimpleITK {@code GradientMagnitudeImageFilter} with
 * {@code UseImageSpacing = gradientUseSpacing} (default true).
 *
 * <p>ITK computes, per axis a, the central difference of its first-order {@code DerivativeOperator}
 * {@code d_a(i) = (f(i+1) - f(i-1)) / 2}, divided by the spacing {@code s_a} in mm when UseImageSpacing is on, and
 * returns {@code sqrt(sum_a d_a^2)}. Its neighbourhood iterator uses the default
 * {@code ZeroFluxNeumannBoundaryCondition}: a sample beyond the border repeats the border sample, so at the first
 * voxel {@code d = (f(1) - f(0)) / 2} (half the one-sided difference, not the one-sided difference) and along an
 * axis of one voxel {@code d = 0}. The direction cosines do not enter (the magnitude is rotation invariant). The
 * support is one voxel per axis ({@link #margin()}).
 */
public final class PyRadiomicsGradient {
  private PyRadiomicsGradient() {}

  /** Padding (voxels per axis) that makes the response inside an ROI box exact, see {@link RoiCrop}. */
  public static int[] margin() {
    return new int[] {1, 1, 1};
  }

  /** The gradient magnitude image on the same grid. */
  public static Volume apply(Volume image, boolean useSpacing) {
    int nx = image.nx();
    int ny = image.ny();
    int nz = image.nz();
    int[] dims = {nx, ny, nz};
    float[] in = image.data();
    double[] sum = new double[in.length];
    for (int a = 0; a < 3; a++) {
      int n = dims[a];
      if (n == 1) {
        continue; // zero flux: f(1) = f(-1) = f(0)
      }
      int stride = Lines.stride(dims, a);
      double scale = 0.5 / (useSpacing ? image.spacing(a) : 1.0);
      int lines = in.length / n;
      for (int line = 0; line < lines; line++) {
        int base = Lines.lineBase(dims, a, line);
        for (int i = 0; i < n; i++) {
          double next = in[base + Math.min(i + 1, n - 1) * stride];
          double prev = in[base + Math.max(i - 1, 0) * stride];
          double d = (next - prev) * scale;
          sum[base + i * stride] += d * d;
        }
      }
    }
    float[] out = new float[in.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.sqrt(sum[i]);
    }
    return image.withData(out);
  }
}
