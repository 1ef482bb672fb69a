package org.sparkradiomics.filters.pyradiomics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.filters.BoundaryMode;
import org.sparkradiomics.image.Volume;

/**
 * PyRadiomics {@code getWaveletImage} / {@code _swt3}: the stationary (undecimated) wavelet transform as PyRadiomics
 * runs it through PyWavelets.
 *
 * <p><b>PyRadiomics' procedure</b> (settings {@code wavelet}, default coif1; {@code level}, default 1;
 * {@code start_level}, default 0):
 * <ol>
 *   <li>the numpy array (axes z, y, x) is padded by one voxel at the end of every odd-sized axis with
 *       {@code numpy.pad(..., 'wrap')}, i.e. the appended voxel repeats the first one; nothing more (not to a
 *       multiple of 2^level);
 *   <li>{@code start_level} times, then {@code level} more times, it calls
 *       {@code pywt.swtn(data, wavelet, level=1, start_level=0, axes=axes)[0]} and continues with its approximation
 *       {@code 'aaa'}. Every call is a level-1 transform, so the filters are NEVER dilated: PyRadiomics' level 2 is
 *       the level-1 transform of the level-1 approximation, not the a-trous level 2 of IBSI-2 /
 *       {@link org.sparkradiomics.filters.WaveletFilter};
 *   <li>every detail band of the {@code level} retained calls is cropped back to the original size and yielded; the
 *       last approximation is yielded once at the end.
 * </ol>
 * <b>One level-1 swt step along an axis</b> (PyWavelets {@code downsampling_convolution_periodization} with step
 * 1): for a line {@code x[0..N-1]} and a filter {@code f} of length F ({@code dec_lo} or {@code dec_hi},
 * {@link Wavelets}), {@code out[o] = sum_j f[j] x[(o + F/2 - j) mod N]} (circular, also when F &gt; N).
 *
 * <p><b>Band names.</b> {@code axes = list(range(Nd - 1, -1, -1))} = numpy axes (2, 1, 0) = (x, y, z), and swtn
 * appends one letter per axis in that order, 'a' (dec_lo, written L) or 'd' (dec_hi, written H). So the FIRST letter
 * is x, the second y, the third z: {@code LLH} is low-pass along x and y, high-pass along z. The bands come in the
 * order LLH, LHL, LHH, HLL, HLH, HHL, HHH, then the approximation LLL. With {@code force2D}, PyRadiomics removes
 * numpy axis {@code force2Ddimension} (0 = z, 1 = y, 2 = x) from {@code axes}: the two letters are then the two
 * remaining axes in the order x, y, z (e.g. (x, y) for the default 0) and the removed axis is not filtered.
 *
 * <p><b>On a cropped box</b> ({@link RoiCrop}): each level reaches {@code F/2} voxels along a filtered axis, so a box
 * padded by {@link #margin} gives the whole-image values at every ROI voxel when it is interior; where it touches
 * the image border the circular wrap differs unless the box spans the whole axis (crop with
 * {@code wholeAxisWhenClipped = true}), which also reproduces the odd-size padding of the whole image.
 */
public final class PyRadiomicsWavelet {
  private PyRadiomicsWavelet() {}

  /** Volume axes (0 = x, 1 = y, 2 = z) filtered, in PyRadiomics' letter order. */
  static int[] axes(boolean force2D, int force2DDimension) {
    if (!force2D) {
      return new int[] {0, 1, 2};
    }
    if (force2DDimension < 0 || force2DDimension > 2) {
      throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "force2Ddimension must be 0, 1 or 2: "
          + force2DDimension);
    }
    int dropped = 2 - force2DDimension; // numpy axis -> volume axis
    int[] r = new int[2];
    int k = 0;
    for (int a = 0; a < 3; a++) {
      if (a != dropped) {
        r[k++] = a;
      }
    }
    return r;
  }

  /** Padding (voxels per axis, x y z) that makes the response inside an ROI box exact (see class comment). */
  public static int[] margin(String wavelet, int startLevel, int level, boolean force2D, int force2DDimension) {
    int reach = Wavelets.decLo(wavelet).length / 2;
    int[] m = new int[3];
    for (int a : axes(force2D, force2DDimension)) {
      m[a] = (startLevel + level) * reach;
    }
    return m;
  }

  /**
   * All images PyRadiomics' wavelet generator yields, keyed by their prefix ({@code wavelet-LLH}, ...,
   * {@code wavelet2-HHH}, ..., {@code wavelet<level>-LLL} last), in yield order, on the grid of {@code image}.
   */
  public static Map<String, Volume> apply(Volume image, String wavelet, int startLevel, int level, boolean force2D,
      int force2DDimension) {
    if (startLevel < 0 || level < 1) {
      throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, "wavelet start_level must be >= 0 and level >= 1: "
          + startLevel + ", " + level);
    }
    double[] lo;
    double[] hi;
    try {
      lo = Wavelets.decLo(wavelet);
      hi = Wavelets.decHi(wavelet);
    } catch (IllegalArgumentException e) {
      throw new RadiomicsException(ErrorKind.INVALID_SETTINGS, e.getMessage(), e);
    }
    int[] axes = axes(force2D, force2DDimension);
    int[] orig = {image.nx(), image.ny(), image.nz()};
    int[] dims = new int[3];
    for (int a = 0; a < 3; a++) {
      dims[a] = orig[a] + (orig[a] % 2); // numpy.pad(..., 'wrap') by one at the end of odd axes
    }
    double[] data = padWrap(image.data(), orig, dims);
    for (int i = 0; i < startLevel; i++) {
      data = swtLevel1(data, dims, axes, lo, hi).get(0).data;
    }
    Map<String, Volume> out = new LinkedHashMap<>();
    for (int idx = 1; idx <= level; idx++) {
      List<Band> bands = swtLevel1(data, dims, axes, lo, hi);
      data = bands.get(0).data;
      for (int b = 1; b < bands.size(); b++) {
        out.put(PyRadiomicsImageType.waveletPrefix(idx, bands.get(b).name), crop(image, bands.get(b).data, dims));
      }
    }
    out.put(PyRadiomicsImageType.waveletApproximationPrefix(level, axes.length), crop(image, data, dims));
    return out;
  }

  private record Band(String name, double[] data) {}

  /** One {@code pywt.swtn(level=1)} call: bands in swtn order, the approximation (all L) first. */
  private static List<Band> swtLevel1(double[] data, int[] dims, int[] axes, double[] lo, double[] hi) {
    List<Band> cur = new ArrayList<>();
    cur.add(new Band("", data));
    for (int axis : axes) {
      List<Band> next = new ArrayList<>(cur.size() * 2);
      for (Band b : cur) {
        next.add(new Band(b.name + "L", Lines.convolve(b.data, dims, axis, lo, lo.length / 2, BoundaryMode.PERIODIC)));
        next.add(new Band(b.name + "H", Lines.convolve(b.data, dims, axis, hi, hi.length / 2, BoundaryMode.PERIODIC)));
      }
      cur = next;
    }
    return cur;
  }

  private static double[] padWrap(float[] in, int[] orig, int[] dims) {
    double[] d = new double[dims[0] * dims[1] * dims[2]];
    for (int z = 0; z < dims[2]; z++) {
      int sz = z % orig[2];
      for (int y = 0; y < dims[1]; y++) {
        int sy = y % orig[1];
        for (int x = 0; x < dims[0]; x++) {
          d[x + dims[0] * (y + dims[1] * z)] = in[(x % orig[0]) + orig[0] * (sy + orig[1] * sz)];
        }
      }
    }
    return d;
  }

  private static Volume crop(Volume image, double[] d, int[] dims) {
    int nx = image.nx();
    int ny = image.ny();
    float[] out = new float[image.voxelCount()];
    for (int z = 0; z < image.nz(); z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          out[x + nx * (y + ny * z)] = (float) d[x + dims[0] * (y + dims[1] * z)];
        }
      }
    }
    return image.withData(out);
  }
}
