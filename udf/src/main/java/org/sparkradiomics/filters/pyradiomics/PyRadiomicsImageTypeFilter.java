package org.sparkradiomics.filters.pyradiomics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkradiomics.features.pyradiomics.PyBoxFilter;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * The PyRadiomics image types of this package as profile plug-ins ({@link PyBoxFilter}, found by the PyRadiomics
 * profile through {@code META-INF/services}). One public nested class per {@code imageType} key (ServiceLoader needs
 * a no-argument constructor per provider). Settings are read from the PyRadiomics settings map with PyRadiomics'
 * defaults ({@link PyRadiomicsImages.Settings#defaults()}).
 */
public abstract class PyRadiomicsImageTypeFilter implements PyBoxFilter {
  private static final long serialVersionUID = 1L;

  private final PyRadiomicsImageType type;

  protected PyRadiomicsImageTypeFilter(PyRadiomicsImageType type) {
    this.type = type;
  }

  @Override
  public String imageType() {
    return type.settingsKey();
  }

  /** PyRadiomics' settings keys to {@link PyRadiomicsImages.Settings}. */
  static PyRadiomicsImages.Settings settings(Map<String, Object> m) {
    PyRadiomicsImages.Settings d = PyRadiomicsImages.Settings.defaults();
    List<Number> sigma = new ArrayList<>();
    Object s = m.get("sigma");
    if (s instanceof List<?> l) {
      for (Object o : l) {
        sigma.add((Number) o);
      }
    }
    return new PyRadiomicsImages.Settings(sigma, str(m, "wavelet", d.wavelet()), num(m, "start_level",
        d.startLevel()).intValue(), num(m, "level", d.level()).intValue(), bool(m, "force2D", d.force2D()),
        num(m, "force2Ddimension", d.force2DDimension()).intValue(), bool(m, "gradientUseSpacing",
        d.gradientUseSpacing()), num(m, "lbp2DRadius", d.lbp2DRadius()).doubleValue(), num(m, "lbp2DSamples",
        d.lbp2DSamples()).intValue(), str(m, "lbp2DMethod", d.lbp2DMethod()), num(m, "lbp3DLevels",
        d.lbp3DLevels()).intValue(), num(m, "lbp3DIcosphereRadius", d.lbp3DIcosphereRadius()).doubleValue(),
        num(m, "lbp3DIcosphereSubdivision", d.lbp3DIcosphereSubdivision()).intValue(), null);
  }

  private static Number num(Map<String, Object> m, String k, Number def) {
    Object v = m.get(k);
    return v instanceof Number n ? n : def;
  }

  private static boolean bool(Map<String, Object> m, String k, boolean def) {
    Object v = m.get(k);
    return v instanceof Boolean b ? b : def;
  }

  private static String str(Map<String, Object> m, String k, String def) {
    Object v = m.get(k);
    return v instanceof String x ? x : def;
  }

  /** Whole-image semantics on the given image (used when the caller already holds a box). */
  @Override
  public LinkedHashMap<String, Volume> apply(Volume image, Mask mask, Map<String, Object> settings) {
    return new LinkedHashMap<>(PyRadiomicsImages.derive(type, image, mask, settings(settings)));
  }

  @Override
  public LinkedHashMap<String, Volume> applyOnBox(Volume image, Mask roi, int[] lo, int[] hi,
      Map<String, Object> settings) {
    PyRadiomicsImages.RoiImages r = PyRadiomicsImages.deriveOnRoiBox(type, image, roi, settings(settings));
    CroppedRoi box = r.box();
    int bx = hi[0] - lo[0] + 1;
    int by = hi[1] - lo[1] + 1;
    int bz = hi[2] - lo[2] + 1;
    LinkedHashMap<String, Volume> out = new LinkedHashMap<>();
    for (Map.Entry<String, Volume> e : r.images().entrySet()) {
      Volume src = e.getValue();
      float[] d = new float[bx * by * bz];
      // Output voxel (x, y, z) of the box is image voxel lo + (x, y, z), i.e. src voxel lo + (x, y, z) - box offset;
      // voxels of the output box outside the filtered box lie outside the ROI bounds (the filtered box covers them)
      // and stay 0.
      for (int z = 0; z < bz; z++) {
        int sz = lo[2] + z - box.z0();
        if (sz < 0 || sz >= src.nz()) {
          continue;
        }
        for (int y = 0; y < by; y++) {
          int sy = lo[1] + y - box.y0();
          if (sy < 0 || sy >= src.ny()) {
            continue;
          }
          for (int x = 0; x < bx; x++) {
            int sx = lo[0] + x - box.x0();
            if (sx >= 0 && sx < src.nx()) {
              d[x + bx * (y + by * z)] = src.get(sx, sy, sz);
            }
          }
        }
      }
      out.put(e.getKey(), new Volume(bx, by, bz, d, image.spacing(), image.indexToPhysical(lo[0], lo[1], lo[2]),
          image.direction()));
    }
    return out;
  }

  /** {@code LoG}. */
  public static final class LoG extends PyRadiomicsImageTypeFilter {
    private static final long serialVersionUID = 1L;

    public LoG() {
      super(PyRadiomicsImageType.LOG);
    }
  }

  /** {@code Wavelet}. */
  public static final class Wavelet extends PyRadiomicsImageTypeFilter {
    private static final long serialVersionUID = 1L;

    public Wavelet() {
      super(PyRadiomicsImageType.WAVELET);
    }
  }

  /** {@code Square}. */
  public static final class Square extends PyRadiomicsImageTypeFilter {
    private static final long serialVersionUID = 1L;

    public Square() {
      super(PyRadiomicsImageType.SQUARE);
    }
  }

  /** {@code SquareRoot}. */
  public static final class SquareRoot extends PyRadiomicsImageTypeFilter {
    private static final long serialVersionUID = 1L;

    public SquareRoot() {
      super(PyRadiomicsImageType.SQUARE_ROOT);
    }
  }

  /** {@code Logarithm}. */
  public static final class Logarithm extends PyRadiomicsImageTypeFilter {
    private static final long serialVersionUID = 1L;

    public Logarithm() {
      super(PyRadiomicsImageType.LOGARITHM);
    }
  }

  /** {@code Exponential}. */
  public static final class Exponential extends PyRadiomicsImageTypeFilter {
    private static final long serialVersionUID = 1L;

    public Exponential() {
      super(PyRadiomicsImageType.EXPONENTIAL);
    }
  }

  /** {@code Gradient}. */
  public static final class Gradient extends PyRadiomicsImageTypeFilter {
    private static final long serialVersionUID = 1L;

    public Gradient() {
      super(PyRadiomicsImageType.GRADIENT);
    }
  }

  /** {@code LBP2D}. */
  public static final class Lbp2D extends PyRadiomicsImageTypeFilter {
    private static final long serialVersionUID = 1L;

    public Lbp2D() {
      super(PyRadiomicsImageType.LBP2D);
    }
  }

  /** {@code LBP3D}. */
  public static final class Lbp3D extends PyRadiomicsImageTypeFilter {
    private static final long serialVersionUID = 1L;

    public Lbp3D() {
      super(PyRadiomicsImageType.LBP3D);
    }
  }
}
