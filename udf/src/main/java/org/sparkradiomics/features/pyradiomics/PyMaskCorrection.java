package org.sparkradiomics.features.pyradiomics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics' {@code correctMask} (v3.1, {@code imageoperations.checkMask} / {@code _correctMask} /
 * {@code _checkROI}): a mask whose geometry differs from the image's is resampled onto the image grid with nearest
 * neighbour interpolation, provided the ROI's bounding box lies inside the image's physical extent.
 *
 * <p>Geometry (ITK): the centre of voxel index i of a grid is {@code o + D diag(s) i} (origin o, direction D, spacing
 * s); the inverse maps a physical point to a continuous index. {@link #checkRoi}: with the mask's ROI bounding box
 * [lo, hi] (its own indices), the corners {@code lo - 1/2} and {@code hi + 1/2} are mapped to physical points and then
 * to continuous image indices; per axis, their minimum must be {@code >= -1/2 - 1e-3} and their maximum
 * {@code <= n - 1/2 + 1e-3} (n the image size), else "Bounding box of ROI is larger than image space".
 * {@link #resampleNearest} (SimpleITK ResampleImageFilter, reference = image, sitkNearestNeighbor): every image voxel
 * centre is mapped to the mask's continuous index c; inside the mask buffer ({@code -1/2 <= c < m - 1/2} per axis,
 * ITK's half-open buffer test) it takes the label of voxel {@code floor(c + 1/2)} (ITK rounds half up), elsewhere 0.
 */
public final class PyMaskCorrection {
  /** Tolerance of {@code _checkROI} in (continuous) image index units. */
  static final double ROI_TOLERANCE = 1e-3;

  private PyMaskCorrection() {}

  /**
   * The mask resampled onto the grid of {@code image}, after {@link #checkRoi}. An empty mask is resampled as is (the
   * profile reports the empty ROI).
   *
   * @throws RadiomicsException MASK_GRID_MISMATCH when the ROI's bounding box is outside the image
   */
  public static Mask correct(Volume image, Mask mask) {
    checkRoi(image, mask);
    return resampleNearest(image, mask);
  }

  /**
   * PyRadiomics {@code _checkROI}'s physical-extent test (see the class comment); no-op for an empty mask.
   *
   * @throws RadiomicsException MASK_GRID_MISMATCH with PyRadiomics' message when the ROI exceeds the image space
   */
  public static void checkRoi(Volume image, Mask mask) {
    int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
    int[] hi = {-1, -1, -1};
    boolean[] in = mask.inside();
    int nx = mask.nx();
    int ny = mask.ny();
    for (int z = 0; z < mask.nz(); z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          if (in[x + nx * (y + ny * z)]) {
            int[] q = {x, y, z};
            for (int a = 0; a < 3; a++) {
              lo[a] = Math.min(lo[a], q[a]);
              hi[a] = Math.max(hi[a], q[a]);
            }
          }
        }
      }
    }
    if (hi[0] < 0) {
      return;
    }
    double[] m2p = matrix(mask.spacing(), mask.direction());
    double[] p2i = inverse(matrix(image.spacing(), image.direction()));
    double[] io = image.origin();
    double[] mo = mask.origin();
    double[] c0 = apply(p2i, io, toPhysical(m2p, mo, lo[0] - 0.5, lo[1] - 0.5, lo[2] - 0.5));
    double[] c1 = apply(p2i, io, toPhysical(m2p, mo, hi[0] + 0.5, hi[1] + 0.5, hi[2] + 0.5));
    int[] size = {image.nx(), image.ny(), image.nz()};
    for (int a = 0; a < 3; a++) {
      if (Math.min(c0[a], c1[a]) < -0.5 - ROI_TOLERANCE || Math.max(c0[a], c1[a]) > size[a] - 0.5 + ROI_TOLERANCE) {
        throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, String.format(
            "Bounding box of ROI is larger than image space: ROI bounds (x, y, z image coordinate space) "
                + "(%s, %s), image size (%d, %d, %d) (correctMask)", PyDiagnostics.tuple(c0),
            PyDiagnostics.tuple(c1), size[0], size[1], size[2]));
      }
    }
  }

  /** Nearest-neighbour resampling of {@code mask} onto the grid of {@code image} (see the class comment). */
  public static Mask resampleNearest(Volume image, Mask mask) {
    double[] i2p = matrix(image.spacing(), image.direction());
    double[] p2m = inverse(matrix(mask.spacing(), mask.direction()));
    // image index -> mask continuous index is affine: c = A i + b, with A = p2m i2p, b = p2m (o_img - o_mask)
    double[] a = multiply(p2m, i2p);
    double[] io = image.origin();
    double[] mo = mask.origin();
    double[] b = apply(p2m, mo, io[0], io[1], io[2]);
    int nx = image.nx();
    int ny = image.ny();
    int nz = image.nz();
    int[] msize = {mask.nx(), mask.ny(), mask.nz()};
    boolean[] src = mask.inside();
    boolean[] out = new boolean[nx * ny * nz];
    double[] c = new double[3];
    int[] q = new int[3];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          boolean inside = true;
          for (int r = 0; r < 3 && inside; r++) {
            c[r] = b[r] + a[3 * r] * x + a[3 * r + 1] * y + a[3 * r + 2] * z;
            inside = c[r] >= -0.5 && c[r] < msize[r] - 0.5;
            q[r] = (int) Math.floor(c[r] + 0.5);
          }
          if (inside) {
            out[x + nx * (y + ny * z)] = src[q[0] + msize[0] * (q[1] + msize[1] * q[2])];
          }
        }
      }
    }
    return Mask.onGridOf(image, out);
  }

  /**
   * {@code diagnostics_Mask-corrected_*} (Spacing, Size, BoundingBox, VoxelNum, VolumeNum, CenterOfMassIndex,
   * CenterOfMass): PyRadiomics' {@code addMaskElements(image, correctedMask, label, 'corrected')}.
   */
  public static LinkedHashMap<String, String> diagnostics(Volume image, Mask corrected) {
    LinkedHashMap<String, String> d = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : PyDiagnostics.interpolated(image, corrected).entrySet()) {
      if (e.getKey().startsWith("diagnostics_Mask-interpolated_")) {
        d.put(e.getKey().replace("-interpolated_", "-corrected_"), e.getValue());
      }
    }
    return d;
  }

  /** The 3x3 matrix (row-major) {@code D diag(s)} mapping an index offset to a physical offset. */
  static double[] matrix(double[] spacing, double[] direction) {
    double[] m = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        m[3 * r + c] = direction[3 * r + c] * spacing[c];
      }
    }
    return m;
  }

  /** {@code o + m i} for a (continuous) index i. */
  static double[] toPhysical(double[] m, double[] o, double i, double j, double k) {
    double[] out = new double[3];
    for (int r = 0; r < 3; r++) {
      out[r] = o[r] + m[3 * r] * i + m[3 * r + 1] * j + m[3 * r + 2] * k;
    }
    return out;
  }

  /** {@code m (p - o)} for a point p. */
  static double[] apply(double[] m, double[] o, double px, double py, double pz) {
    double[] d = {px - o[0], py - o[1], pz - o[2]};
    double[] out = new double[3];
    for (int r = 0; r < 3; r++) {
      out[r] = m[3 * r] * d[0] + m[3 * r + 1] * d[1] + m[3 * r + 2] * d[2];
    }
    return out;
  }

  private static double[] apply(double[] m, double[] o, double[] p) {
    return apply(m, o, p[0], p[1], p[2]);
  }

  static double[] multiply(double[] a, double[] b) {
    double[] out = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        out[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
      }
    }
    return out;
  }

  /** Inverse of a 3x3 matrix (row-major) by the adjugate. */
  static double[] inverse(double[] m) {
    double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
        + m[2] * (m[3] * m[7] - m[4] * m[6]);
    if (det == 0) {
      throw new IllegalArgumentException("singular grid direction/spacing matrix");
    }
    double[] inv = {
      m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
      m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
      m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]
    };
    for (int i = 0; i < 9; i++) {
      inv[i] /= det;
    }
    return inv;
  }
}
