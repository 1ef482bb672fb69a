package org.sparkradiomics.features.families;

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
 * <p>Shared preparation: the surface mesh of the morphological mask by marching cubes (mask padded with empty
 * voxels, iso-level 0.5, vertices in mm from the voxel spacing), giving the mesh volume V and area A; the convex hull
 * of the mesh vertices; the principal components of the morphological-mask voxel positions. Voxel (x, y, z) has its
 * centre at (x sx, y sy, z sz) mm. Intensity-based features (centre of mass shift, integrated intensity, Moran's I,
 * Geary's C) use the intensity mask.
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

  @Override
  public void compute(RoiImage roi, FeatureSettings settings, FeatureVector out) {
    int nMorph = roi.morphMaskCount();
    if (nMorph == 0) {
      for (String f : NAMES) {
        out.putUndefined(f, "empty morphological mask");
      }
      return;
    }
    Mesh mesh = MarchingCubes.mesh(roi.morphMask, roi.nx, roi.ny, roi.nz, roi.sx, roi.sy, roi.sz);
    double v = mesh.volume();
    double a = mesh.area();
    putShape(out, v, a, nMorph * roi.sx * roi.sy * roi.sz);
    putCentreOfMassShift(roi, out);
    ConvexHull3D hull = ConvexHull3D.of(mesh.vertices());
    putDiameter(hull, out);
    double[] lambda = pcaEigenvalues(roi);
    putPca(lambda, out);
    putAabb(mesh, v, a, out);
    putOmbb(hull, v, a, out);
    putAee(lambda, v, a, out);
    putMvee(hull, v, a, out);
    putConvexHull(hull, v, a, out);
    putIntensityFeatures(roi, v, out);
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

  /**
   * Volume and area based shape features.
   *
   * <ul>
   *   <li>morph_volume (RNU0): mesh volume {@code V = 1/6 |sum_f a.(b x c)|};
   *   <li>morph_vol_approx (YEKZ): voxel count times voxel volume;
   *   <li>morph_area_mesh (C0JK): {@code A = sum_f |(b - a) x (c - a)|/2};
   *   <li>morph_av (2PR5): {@code A/V};
   *   <li>morph_comp_1 (SKGS): {@code V / (pi^(1/2) A^(3/2))};
   *   <li>morph_comp_2 (BQWJ): {@code 36 pi V^2 / A^3};
   *   <li>morph_sph_dispr (KRCK): {@code A / (36 pi V^2)^(1/3)};
   *   <li>morph_sphericity (QCFX): {@code (36 pi V^2)^(1/3) / A};
   *   <li>morph_asphericity (25C7): {@code (A^3 / (36 pi V^2))^(1/3) - 1}.
   * </ul>
   */
  static void putShape(FeatureVector out, double v, double a, double volApprox) {
    out.put("morph_volume", v);
    out.put("morph_vol_approx", volApprox);
    out.put("morph_area_mesh", a);
    if (!(v > 0) || !(a > 0)) {
      for (String f : new String[] {"morph_av", "morph_comp_1", "morph_comp_2", "morph_sph_dispr",
          "morph_sphericity", "morph_asphericity"}) {
        out.putUndefined(f, "mesh has zero volume or area");
      }
      return;
    }
    double k = Math.cbrt(36 * Math.PI * v * v);
    out.put("morph_av", a / v);
    out.put("morph_comp_1", v / (Math.sqrt(Math.PI) * Math.pow(a, 1.5)));
    out.put("morph_comp_2", 36 * Math.PI * v * v / (a * a * a));
    out.put("morph_sph_dispr", a / k);
    out.put("morph_sphericity", k / a);
    out.put("morph_asphericity", a / k - 1);
  }

  /**
   * morph_com (KLMA): distance between the geometric centre of the morphological-mask voxels and the
   * intensity-weighted centre of the intensity-mask voxels, {@code || sum_m r_m / N_m - sum_i X_i r_i / sum_i X_i ||}.
   */
  static void putCentreOfMassShift(RoiImage roi, FeatureVector out) {
    double gx = 0;
    double gy = 0;
    double gz = 0;
    long gn = 0;
    double ix = 0;
    double iy = 0;
    double iz = 0;
    double iw = 0;
    long in = 0;
    for (int z = 0; z < roi.nz; z++) {
      for (int y = 0; y < roi.ny; y++) {
        for (int x = 0; x < roi.nx; x++) {
          int i = roi.index(x, y, z);
          if (roi.morphMask[i]) {
            gx += x;
            gy += y;
            gz += z;
            gn++;
          }
          if (roi.intensityMask[i]) {
            double w = roi.intensity[i];
            ix += w * x;
            iy += w * y;
            iz += w * z;
            iw += w;
            in++;
          }
        }
      }
    }
    if (in == 0) {
      out.putUndefined("morph_com", "empty intensity mask");
      return;
    }
    if (iw == 0) {
      out.putUndefined("morph_com", "intensities sum to zero: no intensity-weighted centre");
      return;
    }
    double dx = (gx / gn - ix / iw) * roi.sx;
    double dy = (gy / gn - iy / iw) * roi.sy;
    double dz = (gz / gn - iz / iw) * roi.sz;
    out.put("morph_com", Math.sqrt(dx * dx + dy * dy + dz * dz));
  }

  /** morph_diam (L0JK): the largest distance between two convex hull vertices (of the mesh). */
  static void putDiameter(ConvexHull3D hull, FeatureVector out) {
    if (hull.isDegenerate()) {
      out.putUndefined("morph_diam", "mesh vertices span no 3D hull");
      return;
    }
    double[] p = hull.vertices();
    int n = p.length / 3;
    double best = 0;
    for (int i = 0; i < n; i++) {
      double xi = p[3 * i];
      double yi = p[3 * i + 1];
      double zi = p[3 * i + 2];
      for (int j = i + 1; j < n; j++) {
        double dx = p[3 * j] - xi;
        double dy = p[3 * j + 1] - yi;
        double dz = p[3 * j + 2] - zi;
        double d = dx * dx + dy * dy + dz * dz;
        if (d > best) {
          best = d;
        }
      }
    }
    out.put("morph_diam", Math.sqrt(best));
  }

  /**
   * Eigenvalues (largest first) of the covariance matrix of the morphological-mask voxel centre positions (mm),
   * with the unbiased (N - 1) normalisation.
   */
  static double[] pcaEigenvalues(RoiImage roi) {
    double mx = 0;
    double my = 0;
    double mz = 0;
    long n = 0;
    for (int z = 0; z < roi.nz; z++) {
      for (int y = 0; y < roi.ny; y++) {
        for (int x = 0; x < roi.nx; x++) {
          if (roi.morphMask[roi.index(x, y, z)]) {
            mx += x * roi.sx;
            my += y * roi.sy;
            mz += z * roi.sz;
            n++;
          }
        }
      }
    }
    mx /= n;
    my /= n;
    mz /= n;
    double[][] c = new double[3][3];
    for (int z = 0; z < roi.nz; z++) {
      for (int y = 0; y < roi.ny; y++) {
        for (int x = 0; x < roi.nx; x++) {
          if (roi.morphMask[roi.index(x, y, z)]) {
            double[] d = {x * roi.sx - mx, y * roi.sy - my, z * roi.sz - mz};
            for (int r = 0; r < 3; r++) {
              for (int k = r; k < 3; k++) {
                c[r][k] += d[r] * d[k];
              }
            }
          }
        }
      }
    }
    if (n < 2) {
      return new double[] {0, 0, 0};
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
    return l;
  }

  /**
   * PCA axes of the morphological mask: morph_pca_maj_axis (TDIC) {@code 4 sqrt(lambda_major)}, morph_pca_min_axis
   * (P9VJ) {@code 4 sqrt(lambda_minor)}, morph_pca_least_axis (7J51) {@code 4 sqrt(lambda_least)},
   * morph_pca_elongation (Q3CK) {@code sqrt(lambda_minor / lambda_major)}, morph_pca_flatness (N17B)
   * {@code sqrt(lambda_least / lambda_major)}.
   */
  static void putPca(double[] l, FeatureVector out) {
    out.put("morph_pca_maj_axis", 4 * Math.sqrt(l[0]));
    out.put("morph_pca_min_axis", 4 * Math.sqrt(l[1]));
    out.put("morph_pca_least_axis", 4 * Math.sqrt(l[2]));
    if (l[0] > 0) {
      out.put("morph_pca_elongation", Math.sqrt(l[1] / l[0]));
      out.put("morph_pca_flatness", Math.sqrt(l[2] / l[0]));
    } else {
      out.putUndefined("morph_pca_elongation", "single voxel: no principal axes");
      out.putUndefined("morph_pca_flatness", "single voxel: no principal axes");
    }
  }

  /**
   * Axis-aligned bounding box of the mesh vertices with sides l1, l2, l3: morph_vol_dens_aabb (PBX1)
   * {@code V / (l1 l2 l3)}, morph_area_dens_aabb (R59B) {@code A / (2 (l1 l2 + l1 l3 + l2 l3))}.
   */
  static void putAabb(Mesh mesh, double v, double a, FeatureVector out) {
    double[] p = mesh.vertices();
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int i = 0; i < p.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        lo[k] = Math.min(lo[k], p[i + k]);
        hi[k] = Math.max(hi[k], p[i + k]);
      }
    }
    double l1 = hi[0] - lo[0];
    double l2 = hi[1] - lo[1];
    double l3 = hi[2] - lo[2];
    out.put("morph_vol_dens_aabb", v / (l1 * l2 * l3));
    out.put("morph_area_dens_aabb", a / (2 * (l1 * l2 + l1 * l3 + l2 * l3)));
  }

  /**
   * Minimum-volume oriented bounding box of the convex hull (see {@link OrientedBoundingBox}): morph_vol_dens_ombb
   * (ZH1A) {@code V / V_ombb}, morph_area_dens_ombb (IQYR) {@code A / A_ombb}. Not standardised by IBSI.
   */
  static void putOmbb(ConvexHull3D hull, double v, double a, FeatureVector out) {
    OrientedBoundingBox box = OrientedBoundingBox.of(hull);
    if (box == null || !(box.volume() > 0)) {
      out.putUndefined("morph_vol_dens_ombb", "degenerate convex hull");
      out.putUndefined("morph_area_dens_ombb", "degenerate convex hull");
      return;
    }
    out.put("morph_vol_dens_ombb", v / box.volume());
    out.put("morph_area_dens_ombb", a / box.area());
  }

  /**
   * Approximate enclosing ellipsoid from the PCA semi-axes {@code a = 2 sqrt(lambda_major)}, {@code b = 2
   * sqrt(lambda_minor)}, {@code c = 2 sqrt(lambda_least)}: morph_vol_dens_aee (6BDE) {@code 3 V / (4 pi a b c)},
   * morph_area_dens_aee (RDD2) {@code A / A_ell(a, b, c)} with the Legendre series of {@link Ellipsoids#area}.
   */
  static void putAee(double[] l, double v, double a, FeatureVector out) {
    double sa = 2 * Math.sqrt(l[0]);
    double sb = 2 * Math.sqrt(l[1]);
    double sc = 2 * Math.sqrt(l[2]);
    double ve = Ellipsoids.volume(sa, sb, sc);
    if (!(ve > 0)) {
      out.putUndefined("morph_vol_dens_aee", "PCA ellipsoid has zero volume");
      out.putUndefined("morph_area_dens_aee", "PCA ellipsoid has zero volume");
      return;
    }
    out.put("morph_vol_dens_aee", v / ve);
    out.put("morph_area_dens_aee", a / Ellipsoids.area(sa, sb, sc));
  }

  /**
   * Minimum-volume enclosing ellipsoid of the convex hull vertices (Khachiyan, see {@link Ellipsoids#mveeSemiAxes}):
   * morph_vol_dens_mvee (SWZ1) {@code V / V_mvee}, morph_area_dens_mvee (BRI8) {@code A / A_mvee}. Not standardised
   * by IBSI.
   */
  static void putMvee(ConvexHull3D hull, double v, double a, FeatureVector out) {
    double[] ax = hull.isDegenerate() ? null
        : Ellipsoids.mveeSemiAxes(hull.vertices(), MVEE_TOLERANCE, MVEE_MAX_ITERATIONS);
    if (ax == null) {
      out.putUndefined("morph_vol_dens_mvee", "degenerate convex hull");
      out.putUndefined("morph_area_dens_mvee", "degenerate convex hull");
      return;
    }
    out.put("morph_vol_dens_mvee", v / Ellipsoids.volume(ax[0], ax[1], ax[2]));
    out.put("morph_area_dens_mvee", a / Ellipsoids.area(ax[0], ax[1], ax[2]));
  }

  /**
   * Convex hull of the mesh vertices: morph_vol_dens_conv_hull (R3ER) {@code V / V_hull} (solidity),
   * morph_area_dens_conv_hull (7T7F) {@code A / A_hull}.
   */
  static void putConvexHull(ConvexHull3D hull, double v, double a, FeatureVector out) {
    if (hull.isDegenerate()) {
      out.putUndefined("morph_vol_dens_conv_hull", "degenerate convex hull");
      out.putUndefined("morph_area_dens_conv_hull", "degenerate convex hull");
      return;
    }
    out.put("morph_vol_dens_conv_hull", v / hull.volume());
    out.put("morph_area_dens_conv_hull", a / hull.area());
  }

  /**
   * morph_integ_int (99N0): {@code V * mean(X)} over the intensity mask; morph_moran_i (N365) and morph_geary_c
   * (NPT7): see {@link SpatialAutocorrelation}.
   */
  static void putIntensityFeatures(RoiImage roi, double v, FeatureVector out) {
    double s = 0;
    long n = 0;
    for (int i = 0; i < roi.voxelCount(); i++) {
      if (roi.intensityMask[i]) {
        s += roi.intensity[i];
        n++;
      }
    }
    if (n == 0) {
      out.putUndefined("morph_integ_int", "empty intensity mask");
      out.putUndefined("morph_moran_i", "empty intensity mask");
      out.putUndefined("morph_geary_c", "empty intensity mask");
      return;
    }
    out.put("morph_integ_int", v * s / n);
    double[] mc = SpatialAutocorrelation.compute(roi.intensity, roi.intensityMask, roi.nx, roi.ny, roi.nz, roi.sx,
        roi.sy, roi.sz);
    if (Double.isNaN(mc[0])) {
      String why = n < 2 ? "fewer than two voxels in the intensity mask" : "intensities are constant";
      out.putUndefined("morph_moran_i", why);
      out.putUndefined("morph_geary_c", why);
    } else {
      out.put("morph_moran_i", mc[0]);
      out.put("morph_geary_c", mc[1]);
    }
  }
}
