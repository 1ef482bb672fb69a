package org.sparkradiomics.features.families;

import java.util.function.DoubleSupplier;
import org.sparkradiomics.features.FeatureFamily;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.features.families.morph.ConvexHull3D;
import org.sparkradiomics.features.families.morph.Ellipsoids;
import org.sparkradiomics.features.families.morph.MarchingCubes;
import org.sparkradiomics.features.families.morph.Mesh;
import org.sparkradiomics.features.families.morph.OrientedBoundingBox;
import org.sparkradiomics.features.families.morph.SpatialAutocorrelation;
import org.sparkradiomics.features.families.morph.SymmetricEigen3;

/**
 * IBSI-1 morphological features (section 3.1, tags {@code morph_*}).
 *
 * <p>{@link #compute} prepares the ROI once ({@link #prepare}, {@link Prepared}) and then calls one method per
 * feature; each method's Javadoc gives the IBSI-1 formula and code. The preparation holds: the surface mesh of the
 * morphological mask by marching cubes (mask padded with empty voxels, iso-level 0.5, vertices in mm from the voxel
 * spacing) with its volume V and area A; the convex hull of the mesh vertices; one pass over the voxels for the
 * centroid sums (geometric and intensity-weighted) and one for the covariance of the morphological-mask voxel
 * positions (PCA eigenvalues); the axis-aligned box of the mesh, the minimum oriented bounding box and the
 * minimum-volume enclosing ellipsoid of the hull; Moran's I and Geary's C. Voxel (x, y, z) has its centre at
 * (x sx, y sy, z sz) mm. Intensity-based features (centre of mass shift, integrated intensity, Moran's I, Geary's C)
 * use the intensity mask.
 */
public final class MorphologyFamily implements FeatureFamily {
  /** Khachiyan stopping tolerance on the optimality gap (the MVEE volume is then within about 0.02%). */
  static final double MVEE_TOLERANCE = 1e-4;
  static final int MVEE_MAX_ITERATIONS = 20000;

  public MorphologyFamily() {}

  @Override
  public String name() {
    return "morph";
  }

  /** Every tag this family writes, in output order. */
  static final String[] NAMES = {
    "morph_volume", "morph_vol_approx", "morph_area_mesh", "morph_av", "morph_comp_1", "morph_comp_2",
    "morph_sph_dispr", "morph_sphericity", "morph_asphericity", "morph_com", "morph_diam", "morph_pca_maj_axis",
    "morph_pca_min_axis", "morph_pca_least_axis", "morph_pca_elongation", "morph_pca_flatness",
    "morph_vol_dens_aabb", "morph_area_dens_aabb", "morph_vol_dens_ombb", "morph_area_dens_ombb",
    "morph_vol_dens_aee", "morph_area_dens_aee", "morph_vol_dens_mvee", "morph_area_dens_mvee",
    "morph_vol_dens_conv_hull", "morph_area_dens_conv_hull", "morph_integ_int", "morph_moran_i", "morph_geary_c"
  };

  private static final String HULL_DEGENERATE = "degenerate convex hull";

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    Prepared p = prepare(roi);
    if (p == null) {
      for (String f : NAMES) {
        out.putUndefined(f, "empty morphological mask");
      }
      return;
    }
    out.put("morph_volume", volume(p));
    out.put("morph_vol_approx", approximateVolume(p));
    out.put("morph_area_mesh", surfaceArea(p));
    String shape = p.v > 0 && p.a > 0 ? null : "mesh has zero volume or area";
    put(out, "morph_av", shape, () -> surfaceToVolumeRatio(p));
    put(out, "morph_comp_1", shape, () -> compactness1(p));
    put(out, "morph_comp_2", shape, () -> compactness2(p));
    put(out, "morph_sph_dispr", shape, () -> sphericalDisproportion(p));
    put(out, "morph_sphericity", shape, () -> sphericity(p));
    put(out, "morph_asphericity", shape, () -> asphericity(p));
    String com = p.in == 0 ? "empty intensity mask"
        : p.iw == 0 ? "intensities sum to zero: no intensity-weighted centre" : null;
    put(out, "morph_com", com, () -> centreOfMassShift(p));
    put(out, "morph_diam", p.hull.isDegenerate() ? "mesh vertices span no 3D hull" : null,
        () -> maximum3dDiameter(p));
    out.put("morph_pca_maj_axis", majorAxisLength(p));
    out.put("morph_pca_min_axis", minorAxisLength(p));
    out.put("morph_pca_least_axis", leastAxisLength(p));
    String axes = p.lambda[0] > 0 ? null : "single voxel: no principal axes";
    put(out, "morph_pca_elongation", axes, () -> elongation(p));
    put(out, "morph_pca_flatness", axes, () -> flatness(p));
    out.put("morph_vol_dens_aabb", volumeDensityAabb(p));
    out.put("morph_area_dens_aabb", areaDensityAabb(p));
    String ombb = p.ombb == null || !(p.ombb.volume() > 0) ? HULL_DEGENERATE : null;
    put(out, "morph_vol_dens_ombb", ombb, () -> volumeDensityOmbb(p));
    put(out, "morph_area_dens_ombb", ombb, () -> areaDensityOmbb(p));
    String aee = Ellipsoids.volume(p.aee[0], p.aee[1], p.aee[2]) > 0 ? null : "PCA ellipsoid has zero volume";
    put(out, "morph_vol_dens_aee", aee, () -> volumeDensityAee(p));
    put(out, "morph_area_dens_aee", aee, () -> areaDensityAee(p));
    String mvee = p.mvee == null ? HULL_DEGENERATE : null;
    put(out, "morph_vol_dens_mvee", mvee, () -> volumeDensityMvee(p));
    put(out, "morph_area_dens_mvee", mvee, () -> areaDensityMvee(p));
    String hull = p.hull.isDegenerate() ? HULL_DEGENERATE : null;
    put(out, "morph_vol_dens_conv_hull", hull, () -> volumeDensityConvexHull(p));
    put(out, "morph_area_dens_conv_hull", hull, () -> areaDensityConvexHull(p));
    if (p.in == 0) {
      out.putUndefined("morph_integ_int", "empty intensity mask");
      out.putUndefined("morph_moran_i", "empty intensity mask");
      out.putUndefined("morph_geary_c", "empty intensity mask");
      return;
    }
    out.put("morph_integ_int", integratedIntensity(p));
    String autocorrelation = !Double.isNaN(p.autocorrelation[0]) ? null
        : p.in < 2 ? "fewer than two voxels in the intensity mask" : "intensities are constant";
    put(out, "morph_moran_i", autocorrelation, () -> moransI(p));
    put(out, "morph_geary_c", autocorrelation, () -> gearysC(p));
  }

  /** Writes {@code f}'s value, or marks {@code name} undefined when {@code reason} is not null. */
  private static void put(FeatureVector out, String name, String reason, DoubleSupplier f) {
    if (reason != null) {
      out.putUndefined(name, reason);
    } else {
      out.put(name, f.getAsDouble());
    }
  }

  /** The per-ROI preparation shared by every morphological feature (see the class comment). */
  static final class Prepared {
    RoiImage roi;
    /** Marching-cubes mesh of the morphological mask, its volume V and area A (mm^3, mm^2). */
    Mesh mesh;
    double v;
    double a;
    /** Number of morphological-mask voxels. */
    long nMorph;
    /** Convex hull of the mesh vertices. */
    ConvexHull3D hull;
    /** Sums of the morphological-mask voxel indices (x, y, z). */
    double gx;
    double gy;
    double gz;
    /** Intensity-weighted sums of the intensity-mask voxel indices, the intensity sum and the voxel count. */
    double ix;
    double iy;
    double iz;
    double iw;
    long in;
    /** PCA eigenvalues of the morphological-mask voxel positions, largest first. */
    double[] lambda;
    /** Side lengths of the axis-aligned bounding box of the mesh vertices. */
    double[] aabb;
    /** Minimum-volume oriented bounding box of the hull, or null. */
    OrientedBoundingBox ombb;
    /** Semi-axes of the PCA (approximate enclosing) ellipsoid: {@code 2 sqrt(lambda_k)}. */
    double[] aee;
    /** Semi-axes of the minimum-volume enclosing ellipsoid of the hull, or null when the hull is degenerate. */
    double[] mvee;
    /** {Moran's I, Geary's C} (NaN when undefined), or null when the intensity mask is empty. */
    double[] autocorrelation;
  }

  /** Builds the {@link Prepared} ROI once; null when the morphological mask is empty. */
  static Prepared prepare(RoiImage roi) {
    int nMorph = roi.morphMaskCount();
    if (nMorph == 0) {
      return null;
    }
    Prepared p = new Prepared();
    p.roi = roi;
    p.nMorph = nMorph;
    p.mesh = MarchingCubes.mesh(roi.morphMask, roi.nx, roi.ny, roi.nz, roi.sx, roi.sy, roi.sz);
    p.v = p.mesh.volume();
    p.a = p.mesh.area();
    p.hull = ConvexHull3D.of(p.mesh.vertices());
    voxelPasses(roi, p);
    p.aabb = aabbSides(p.mesh);
    p.ombb = OrientedBoundingBox.of(p.hull);
    p.aee = new double[] {2 * Math.sqrt(p.lambda[0]), 2 * Math.sqrt(p.lambda[1]), 2 * Math.sqrt(p.lambda[2])};
    p.mvee = p.hull.isDegenerate() ? null
        : Ellipsoids.mveeSemiAxes(p.hull.vertices(), MVEE_TOLERANCE, MVEE_MAX_ITERATIONS);
    if (p.in > 0) {
      p.autocorrelation = SpatialAutocorrelation.compute(roi.intensity, roi.intensityMask, roi.nx, roi.ny, roi.nz,
          roi.sx, roi.sy, roi.sz);
    }
    return p;
  }

  /**
   * The voxel passes of the preparation: one pass for the geometric and intensity-weighted centroid sums and the
   * PCA mean, one for the covariance of the morphological-mask voxel centre positions (mm, unbiased N - 1
   * normalisation), whose eigenvalues (largest first, clamped at 0; all 0 for a single voxel) go to
   * {@code p.lambda}.
   */
  static void voxelPasses(RoiImage roi, Prepared p) {
    double mx = 0;
    double my = 0;
    double mz = 0;
    for (int z = 0, i = 0; z < roi.nz; z++) {
      for (int y = 0; y < roi.ny; y++) {
        for (int x = 0; x < roi.nx; x++, i++) {
          if (roi.morphMask[i]) {
            p.gx += x;
            p.gy += y;
            p.gz += z;
            mx += x * roi.sx;
            my += y * roi.sy;
            mz += z * roi.sz;
          }
          if (roi.intensityMask[i]) {
            double w = roi.intensity[i];
            p.ix += w * x;
            p.iy += w * y;
            p.iz += w * z;
            p.iw += w;
            p.in++;
          }
        }
      }
    }
    long n = p.nMorph;
    if (n < 2) {
      p.lambda = new double[] {0, 0, 0};
      return;
    }
    mx /= n;
    my /= n;
    mz /= n;
    double[][] c = new double[3][3];
    for (int z = 0, i = 0; z < roi.nz; z++) {
      for (int y = 0; y < roi.ny; y++) {
        for (int x = 0; x < roi.nx; x++, i++) {
          if (roi.morphMask[i]) {
            double dx = x * roi.sx - mx;
            double dy = y * roi.sy - my;
            double dz = z * roi.sz - mz;
            c[0][0] += dx * dx;
            c[0][1] += dx * dy;
            c[0][2] += dx * dz;
            c[1][1] += dy * dy;
            c[1][2] += dy * dz;
            c[2][2] += dz * dz;
          }
        }
      }
    }
    for (int r = 0; r < 3; r++) {
      for (int k = r; k < 3; k++) {
        c[r][k] /= (n - 1);
      }
    }
    double[] l = SymmetricEigen3.of(c).values();
    for (int k = 0; k < 3; k++) {
      l[k] = Math.max(0, l[k]);
    }
    p.lambda = l;
  }

  /** Side lengths {l1, l2, l3} of the axis-aligned bounding box of the mesh vertices. */
  static double[] aabbSides(Mesh mesh) {
    double[] v = mesh.vertices();
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int i = 0; i < v.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        lo[k] = Math.min(lo[k], v[i + k]);
        hi[k] = Math.max(hi[k], v[i + k]);
      }
    }
    return new double[] {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
  }

  /**
   * Volume (mesh), IBSI RNU0: {@code V = (1/6) |sum_f a_f . (b_f x c_f)|} over the mesh triangles. Tag
   * morph_volume.
   */
  static double volume(Prepared p) {
    return p.v;
  }

  /** Volume (voxel counting), IBSI YEKZ: {@code N_v sx sy sz}. Tag morph_vol_approx. */
  static double approximateVolume(Prepared p) {
    return p.nMorph * p.roi.sx * p.roi.sy * p.roi.sz;
  }

  /** Surface area (mesh), IBSI C0JK: {@code A = sum_f |(b_f - a_f) x (c_f - a_f)| / 2}. Tag morph_area_mesh. */
  static double surfaceArea(Prepared p) {
    return p.a;
  }

  /** Surface to volume ratio, IBSI 2PR5: {@code A / V}; needs V, A &gt; 0. Tag morph_av. */
  static double surfaceToVolumeRatio(Prepared p) {
    return p.a / p.v;
  }

  /** Compactness 1, IBSI SKGS: {@code V / (pi^(1/2) A^(3/2))}; needs V, A &gt; 0. Tag morph_comp_1. */
  static double compactness1(Prepared p) {
    return p.v / (Math.sqrt(Math.PI) * Math.pow(p.a, 1.5));
  }

  /** Compactness 2, IBSI BQWJ: {@code 36 pi V^2 / A^3}; needs V, A &gt; 0. Tag morph_comp_2. */
  static double compactness2(Prepared p) {
    return 36 * Math.PI * p.v * p.v / (p.a * p.a * p.a);
  }

  /** Spherical disproportion, IBSI KRCK: {@code A / (36 pi V^2)^(1/3)}; needs V, A &gt; 0. Tag morph_sph_dispr. */
  static double sphericalDisproportion(Prepared p) {
    return p.a / Math.cbrt(36 * Math.PI * p.v * p.v);
  }

  /** Sphericity, IBSI QCFX: {@code (36 pi V^2)^(1/3) / A}; needs V, A &gt; 0. Tag morph_sphericity. */
  static double sphericity(Prepared p) {
    return Math.cbrt(36 * Math.PI * p.v * p.v) / p.a;
  }

  /** Asphericity, IBSI 25C7: {@code (A^3 / (36 pi V^2))^(1/3) - 1}; needs V, A &gt; 0. Tag morph_asphericity. */
  static double asphericity(Prepared p) {
    return p.a / Math.cbrt(36 * Math.PI * p.v * p.v) - 1;
  }

  /**
   * Centre of mass shift, IBSI KLMA: distance between the geometric centre of the morphological-mask voxels and the
   * intensity-weighted centre of the intensity-mask voxels, {@code || sum_m r_m / N_m - sum_i X_i r_i / sum_i X_i
   * ||} (r in mm); needs a non-empty intensity mask with {@code sum_i X_i != 0}. Tag morph_com.
   */
  static double centreOfMassShift(Prepared p) {
    long gn = p.nMorph;
    double dx = (p.gx / gn - p.ix / p.iw) * p.roi.sx;
    double dy = (p.gy / gn - p.iy / p.iw) * p.roi.sy;
    double dz = (p.gz / gn - p.iz / p.iw) * p.roi.sz;
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }

  /**
   * Maximum 3D diameter, IBSI L0JK: the largest distance between two vertices of the convex hull of the mesh
   * (pairs of hull vertices only); needs a non-degenerate hull. Tag morph_diam.
   */
  static double maximum3dDiameter(Prepared p) {
    double[] v = p.hull.vertices();
    int n = v.length / 3;
    double best = 0;
    for (int i = 0; i < n; i++) {
      double xi = v[3 * i];
      double yi = v[3 * i + 1];
      double zi = v[3 * i + 2];
      for (int j = i + 1; j < n; j++) {
        double dx = v[3 * j] - xi;
        double dy = v[3 * j + 1] - yi;
        double dz = v[3 * j + 2] - zi;
        double d = dx * dx + dy * dy + dz * dz;
        if (d > best) {
          best = d;
        }
      }
    }
    return Math.sqrt(best);
  }

  /**
   * Major axis length, IBSI TDIC: {@code 4 sqrt(lambda_major)}, lambda the eigenvalues of the covariance matrix of
   * the morphological-mask voxel positions. Tag morph_pca_maj_axis.
   */
  static double majorAxisLength(Prepared p) {
    return 4 * Math.sqrt(p.lambda[0]);
  }

  /** Minor axis length, IBSI P9VJ: {@code 4 sqrt(lambda_minor)}. Tag morph_pca_min_axis. */
  static double minorAxisLength(Prepared p) {
    return 4 * Math.sqrt(p.lambda[1]);
  }

  /** Least axis length, IBSI 7J51: {@code 4 sqrt(lambda_least)}. Tag morph_pca_least_axis. */
  static double leastAxisLength(Prepared p) {
    return 4 * Math.sqrt(p.lambda[2]);
  }

  /**
   * Elongation, IBSI Q3CK: {@code sqrt(lambda_minor / lambda_major)}; needs lambda_major &gt; 0. Tag
   * morph_pca_elongation.
   */
  static double elongation(Prepared p) {
    return Math.sqrt(p.lambda[1] / p.lambda[0]);
  }

  /**
   * Flatness, IBSI N17B: {@code sqrt(lambda_least / lambda_major)}; needs lambda_major &gt; 0. Tag
   * morph_pca_flatness.
   */
  static double flatness(Prepared p) {
    return Math.sqrt(p.lambda[2] / p.lambda[0]);
  }

  /**
   * Volume density (axis-aligned bounding box), IBSI PBX1: {@code V / (l1 l2 l3)}, l the side lengths of the
   * axis-aligned box of the mesh vertices. Tag morph_vol_dens_aabb.
   */
  static double volumeDensityAabb(Prepared p) {
    return p.v / (p.aabb[0] * p.aabb[1] * p.aabb[2]);
  }

  /**
   * Area density (axis-aligned bounding box), IBSI R59B: {@code A / (2 (l1 l2 + l1 l3 + l2 l3))}. Tag
   * morph_area_dens_aabb.
   */
  static double areaDensityAabb(Prepared p) {
    double l1 = p.aabb[0];
    double l2 = p.aabb[1];
    double l3 = p.aabb[2];
    return p.a / (2 * (l1 * l2 + l1 * l3 + l2 * l3));
  }

  /**
   * Volume density (oriented minimum bounding box), IBSI ZH1A: {@code V / V_ombb}, the minimum-volume oriented
   * bounding box of the convex hull ({@link OrientedBoundingBox}); not standardised by IBSI. Tag
   * morph_vol_dens_ombb.
   */
  static double volumeDensityOmbb(Prepared p) {
    return p.v / p.ombb.volume();
  }

  /**
   * Area density (oriented minimum bounding box), IBSI IQYR: {@code A / A_ombb}; not standardised by IBSI. Tag
   * morph_area_dens_ombb.
   */
  static double areaDensityOmbb(Prepared p) {
    return p.a / p.ombb.area();
  }

  /**
   * Volume density (approximate enclosing ellipsoid), IBSI 6BDE: {@code 3 V / (4 pi a b c)} with the PCA semi-axes
   * {@code a = 2 sqrt(lambda_major)}, {@code b = 2 sqrt(lambda_minor)}, {@code c = 2 sqrt(lambda_least)}. Tag
   * morph_vol_dens_aee.
   */
  static double volumeDensityAee(Prepared p) {
    return p.v / Ellipsoids.volume(p.aee[0], p.aee[1], p.aee[2]);
  }

  /**
   * Area density (approximate enclosing ellipsoid), IBSI RDD2: {@code A / A_ell(a, b, c)}, the ellipsoid area by the
   * Legendre series of {@link Ellipsoids#area}. Tag morph_area_dens_aee.
   */
  static double areaDensityAee(Prepared p) {
    return p.a / Ellipsoids.area(p.aee[0], p.aee[1], p.aee[2]);
  }

  /**
   * Volume density (minimum volume enclosing ellipsoid), IBSI SWZ1: {@code V / V_mvee}, the MVEE of the convex hull
   * vertices by Khachiyan's algorithm ({@link Ellipsoids#mveeSemiAxes}); not standardised by IBSI. Tag
   * morph_vol_dens_mvee.
   */
  static double volumeDensityMvee(Prepared p) {
    return p.v / Ellipsoids.volume(p.mvee[0], p.mvee[1], p.mvee[2]);
  }

  /**
   * Area density (minimum volume enclosing ellipsoid), IBSI BRI8: {@code A / A_mvee}; not standardised by IBSI. Tag
   * morph_area_dens_mvee.
   */
  static double areaDensityMvee(Prepared p) {
    return p.a / Ellipsoids.area(p.mvee[0], p.mvee[1], p.mvee[2]);
  }

  /** Volume density (convex hull), IBSI R3ER: {@code V / V_hull} (solidity). Tag morph_vol_dens_conv_hull. */
  static double volumeDensityConvexHull(Prepared p) {
    return p.v / p.hull.volume();
  }

  /** Area density (convex hull), IBSI 7T7F: {@code A / A_hull}. Tag morph_area_dens_conv_hull. */
  static double areaDensityConvexHull(Prepared p) {
    return p.a / p.hull.area();
  }

  /**
   * Integrated intensity, IBSI 99N0: {@code V (1/N_v) sum_k X_k}, the mesh volume times the mean intensity of the
   * intensity mask. Tag morph_integ_int.
   */
  static double integratedIntensity(Prepared p) {
    return p.v * p.iw / p.in;
  }

  /**
   * Moran's I index, IBSI N365: {@code (N_v / sum_{k != l} w_kl) (sum_{k != l} w_kl (X_k - mu)(X_l - mu)) /
   * (sum_k (X_k - mu)^2)}, with inverse-distance weights {@code w_kl = 1 / ||r_k - r_l||} (see
   * {@link SpatialAutocorrelation}). Tag morph_moran_i.
   */
  static double moransI(Prepared p) {
    return p.autocorrelation[0];
  }

  /**
   * Geary's C measure, IBSI NPT7: {@code ((N_v - 1) / (2 sum_{k != l} w_kl)) (sum_{k != l} w_kl (X_k - X_l)^2) /
   * (sum_k (X_k - mu)^2)}, weights as for Moran's I (see {@link SpatialAutocorrelation}). Tag morph_geary_c.
   */
  static double gearysC(Prepared p) {
    return p.autocorrelation[1];
  }
}
