package org.sparkradiomics.filters.pyradiomics;

import java.util.Locale;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics {@code getLBP2DImage}: scikit-image {@code local_binary_pattern(slice, P=lbp2DSamples (8),
 * R=lbp2DRadius (1), method=lbp2DMethod)} applied to every slice (prefix {@code lbp-2D}). PyRadiomics' default
 * method is {@code 'uniform'} (not skimage's 'default').
 *
 * <p><b>Slices.</b> PyRadiomics swaps numpy axis {@code force2Ddimension} (default 0) to the front and filters each
 * 2D slice (rows, cols): dimension 0 gives slices of constant z with rows = y, cols = x; 1 gives constant y, rows = z,
 * cols = x; 2 gives constant x, rows = y, cols = z.
 *
 * <p><b>scikit-image's {@code _local_binary_pattern}</b>, reproduced operation by operation so that ties compare
 * exactly as in double precision there: sample i (0..P-1) sits at {@code (r + rp[i], c + cp[i])} with
 * {@code rp[i] = round(-R sin(2 pi i / P), 5)}, {@code cp[i] = round(R cos(2 pi i / P), 5)} (numpy rounding:
 * {@code rint(v * 1e5) / 1e5}); its value is bilinear: with {@code r0 = floor(r'), r1 = ceil(r'), dr = r' - r0}
 * (same for c), {@code top = (1-dc) I[r0,c0] + dc I[r0,c1]}, {@code bottom = (1-dc) I[r1,c0] + dc I[r1,c1]},
 * {@code t = (1-dr) top + dr bottom}, where a pixel outside the slice is 0 (mode 'C', cval 0). Bit
 * {@code s_i = (t_i - I[r,c] >= 0)}. Codes:
 * <ul>
 *   <li>default: {@code sum_i s_i 2^i};
 *   <li>ror: the minimum of the default code over the P circular right bit rotations;
 *   <li>uniform: with {@code U = #{i < P-1 : s_i != s_{i+1}}} (no wrap-around term; it gives the same decision
 *       U &lt;= 2 as the circular count), {@code sum_i s_i} when U &lt;= 2, else P + 1;
 *   <li>nri_uniform: 0 for no ones, {@code P(P-1) + 1} for all ones, {@code P(P-1) + 2} when U &gt; 2, else
 *       {@code 1 + (n_ones - 1) P + rot}, rot = {@code n_ones - first_zero} when s_0 = 1, else
 *       {@code P - first_one}.
 * </ul>
 * ('var' is not supported.) The codes are integers, so writing them back into the input array's dtype, as
 * PyRadiomics does, does not change them.
 */
public final class PyRadiomicsLbp2D {
  private PyRadiomicsLbp2D() {}

  /** Padding (voxels per axis, x y z) that makes the response inside an ROI box exact: ceil(R) in-plane. */
  public static int[] margin(double radius, int force2DDimension) {
    int[] ax = planeAxes(force2DDimension);
    int[] m = new int[3];
    m[ax[0]] = (int) Math.ceil(radius);
    m[ax[1]] = (int) Math.ceil(radius);
    return m;
  }

  /** Volume axes (0 = x, 1 = y, 2 = z) of the slice rows and columns for a force2Ddimension. */
  static int[] planeAxes(int force2DDimension) {
    switch (force2DDimension) {
      case 0:
        return new int[] {1, 0};
      case 1:
        return new int[] {2, 0};
      case 2:
        return new int[] {1, 2};
      default:
        throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "force2Ddimension must be 0, 1 or 2: "
            + force2DDimension);
    }
  }

  /** The LBP image with PyRadiomics' defaults: P = 8, R = 1, method 'uniform', axial slices. */
  public static Volume apply(Volume image) {
    return apply(image, 8, 1.0, "uniform", 0);
  }

  /** The LBP image; {@code method} is default, ror, uniform or nri_uniform. */
  public static Volume apply(Volume image, int samples, double radius, String method, int force2DDimension) {
    if (samples < 1 || samples > 30 || !(radius > 0) || Double.isInfinite(radius)) {
      throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "LBP 2D needs 1 <= samples <= 30 and radius > 0: "
          + samples + ", " + radius);
    }
    char m = methodCode(method);
    int[] pa = planeAxes(force2DDimension);
    int[] dims = {image.nx(), image.ny(), image.nz()};
    int rows = dims[pa[0]];
    int cols = dims[pa[1]];
    int sliceAxis = 3 - pa[0] - pa[1];
    int rowStride = Lines.stride(dims, pa[0]);
    int colStride = Lines.stride(dims, pa[1]);
    int sliceStride = Lines.stride(dims, sliceAxis);
    double[] rp = new double[samples];
    double[] cp = new double[samples];
    for (int i = 0; i < samples; i++) {
      double angle = 2 * Math.PI * i / samples;
      rp[i] = Math.rint(-radius * Math.sin(angle) * 100000.0) / 100000.0;
      cp[i] = Math.rint(radius * Math.cos(angle) * 100000.0) / 100000.0;
    }
    float[] in = image.data();
    float[] out = new float[in.length];
    double[] slice = new double[rows * cols];
    int[] s = new int[samples];
    for (int k = 0; k < dims[sliceAxis]; k++) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          slice[r * cols + c] = in[k * sliceStride + r * rowStride + c * colStride];
        }
      }
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          double centre = slice[r * cols + c];
          for (int i = 0; i < samples; i++) {
            double t = bilinear(slice, rows, cols, r + rp[i], c + cp[i]);
            s[i] = t - centre >= 0 ? 1 : 0;
          }
          out[k * sliceStride + r * rowStride + c * colStride] = code(s, samples, m);
        }
      }
    }
    return image.withData(out);
  }

  private static char methodCode(String method) {
    switch (method.trim().toLowerCase(Locale.ROOT)) {
      case "default":
        return 'D';
      case "ror":
        return 'R';
      case "uniform":
        return 'U';
      case "nri_uniform":
        return 'N';
      default:
        throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "unsupported lbp2DMethod '" + method
            + "' (default, ror, uniform, nri_uniform)");
    }
  }

  /** skimage {@code bilinear_interpolation} with mode 'C', cval 0, in its order of operations. */
  static double bilinear(double[] img, int rows, int cols, double r, double c) {
    long minr = (long) Math.floor(r);
    long minc = (long) Math.floor(c);
    long maxr = (long) Math.ceil(r);
    long maxc = (long) Math.ceil(c);
    double dr = r - minr;
    double dc = c - minc;
    double tl = pixel(img, rows, cols, minr, minc);
    double tr = pixel(img, rows, cols, minr, maxc);
    double bl = pixel(img, rows, cols, maxr, minc);
    double br = pixel(img, rows, cols, maxr, maxc);
    double top = (1 - dc) * tl + dc * tr;
    double bottom = (1 - dc) * bl + dc * br;
    return (1 - dr) * top + dr * bottom;
  }

  private static double pixel(double[] img, int rows, int cols, long r, long c) {
    return r < 0 || r >= rows || c < 0 || c >= cols ? 0.0 : img[(int) r * cols + (int) c];
  }

  static float code(int[] s, int p, char method) {
    if (method == 'U' || method == 'N') {
      int changes = 0;
      for (int i = 0; i < p - 1; i++) {
        changes += s[i] != s[i + 1] ? 1 : 0;
      }
      if (method == 'U') {
        if (changes > 2) {
          return p + 1;
        }
        int ones = 0;
        for (int i = 0; i < p; i++) {
          ones += s[i];
        }
        return ones;
      }
      if (changes > 2) {
        return p * (p - 1) + 2;
      }
      int ones = 0;
      int firstOne = -1;
      int firstZero = -1;
      for (int i = 0; i < p; i++) {
        if (s[i] == 1) {
          ones++;
          if (firstOne == -1) {
            firstOne = i;
          }
        } else if (firstZero == -1) {
          firstZero = i;
        }
      }
      if (ones == 0) {
        return 0;
      }
      if (ones == p) {
        return p * (p - 1) + 1;
      }
      int rot = firstOne == 0 ? ones - firstZero : p - firstOne;
      return 1 + (ones - 1) * p + rot;
    }
    int lbp = 0;
    for (int i = 0; i < p; i++) {
      lbp += s[i] << i;
    }
    if (method == 'R') {
      int min = lbp;
      int cur = lbp;
      for (int i = 1; i < p; i++) {
        cur = (cur >> 1) | ((cur & 1) << (p - 1));
        min = Math.min(min, cur);
      }
      lbp = min;
    }
    return lbp;
  }
}
