package org.sparkradiomics.filters;

import java.nio.file.Path;
import java.util.List;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.io.NiftiIO;
import org.sparkradiomics.testing.RefData;

/**
 * The IBSI-2 phase-1 response-map cases this package reproduces: map id, phantom and filter. Parameters are those of
 * the IBSI-2 phase-1 test definitions (recalled, then confirmed by matching the published valid consensus response
 * maps, {@code <id>-ValidCRM.nii}).
 */
final class Ibsi2Phase1Cases {
  private Ibsi2Phase1Cases() {}

  /** One phase-1 configuration. */
  static final class Case {
    final String id;
    final String phantom;
    final String spec;

    Case(String id, String phantom, String spec) {
      this.id = id;
      this.phantom = phantom;
      this.spec = spec;
    }

    @Override
    public String toString() {
      return id;
    }
  }

  static final List<Case> CASES = List.of(
      new Case("1_a_1", "checkerboard", "mean:support=15,mode=zero,dim=3D"),
      new Case("1_a_2", "checkerboard", "mean:support=15,mode=nearest,dim=3D"),
      new Case("1_a_3", "checkerboard", "mean:support=15,mode=periodic,dim=3D"),
      new Case("1_a_4", "checkerboard", "mean:support=15,mode=mirror,dim=3D"),
      new Case("1_b_1", "impulse", "mean:support=15,mode=zero,dim=2D"),
      new Case("2_a", "impulse", "log:sigma=3,truncate=4,mode=zero,dim=3D"),
      new Case("2_b", "checkerboard", "log:sigma=5,truncate=4,mode=mirror,dim=3D"),
      new Case("2_c", "checkerboard", "log:sigma=5,truncate=4,mode=mirror,dim=2D"),
      new Case("3_a_1", "impulse", "laws:kernel=E5L5S5,mode=zero"),
      new Case("3_a_2", "impulse", "laws:kernel=E5L5S5,mode=zero,rotinv=max"),
      new Case("3_a_3", "impulse", "laws:kernel=E5L5S5,mode=zero,rotinv=max,energy=7"),
      new Case("3_b_1", "checkerboard", "laws:kernel=E3W5R5,mode=mirror"),
      new Case("3_b_2", "checkerboard", "laws:kernel=E3W5R5,mode=mirror,rotinv=max"),
      new Case("3_b_3", "checkerboard", "laws:kernel=E3W5R5,mode=mirror,rotinv=max,energy=7"),
      new Case("3_c_1", "checkerboard", "laws:kernel=L5S5,mode=mirror"),
      new Case("3_c_2", "checkerboard", "laws:kernel=L5S5,mode=mirror,rotinv=max"),
      new Case("3_c_3", "checkerboard", "laws:kernel=L5S5,mode=mirror,rotinv=max,energy=7"),
      new Case("4_a_1", "impulse", "gabor:sigma=10,lambda=4,gamma=0.5,theta=60,mode=zero,dim=2D"),
      new Case("4_a_2", "impulse", "gabor:sigma=10,lambda=4,gamma=0.5,theta=0,step=45,pooling=mean,mode=zero,dim=3D"),
      new Case("4_b_1", "sphere", "gabor:sigma=20,lambda=8,gamma=2.5,theta=225,mode=mirror,dim=2D"),
      new Case("4_b_2", "sphere",
          "gabor:sigma=20,lambda=8,gamma=2.5,theta=0,step=22.5,pooling=mean,mode=mirror,dim=3D"),
      new Case("5_a_1", "impulse", "wavelet:family=db2,band=LHL,level=1,mode=zero"),
      new Case("5_a_2", "impulse", "wavelet:family=db2,band=LHL,level=1,mode=zero,rotinv=mean"),
      new Case("6_a_1", "sphere", "wavelet:family=coif1,band=HHL,level=1,mode=periodic"),
      new Case("6_a_2", "sphere", "wavelet:family=coif1,band=HHL,level=1,mode=periodic,rotinv=mean"),
      new Case("7_a_1", "checkerboard", "wavelet:family=haar,band=LLL,level=2,mode=mirror,rotinv=mean"),
      new Case("7_a_2", "checkerboard", "wavelet:family=haar,band=HHH,level=2,mode=mirror,rotinv=mean"),
      new Case("8_a_1", "checkerboard", "simoncelli:level=1,dim=3D"),
      new Case("8_a_2", "checkerboard", "simoncelli:level=2,dim=3D"),
      new Case("8_a_3", "checkerboard", "simoncelli:level=3,dim=3D"),
      new Case("9_a", "impulse", "log:sigma=3,truncate=4,mode=zero,dim=3D,riesz=100"),
      new Case("9_b_1", "sphere", "log:sigma=3,truncate=4,mode=zero,dim=3D,riesz=020"),
      new Case("10_b_1", "pattern_1", "simoncelli:level=1,dim=3D,riesz=020"));

  static Volume phantom(String name) {
    Path p = RefData.require("ibsi2/phantoms/" + name + "/image/" + name + ".nii.gz");
    return NiftiIO.readVolume(p);
  }

  static Volume reference(String id) {
    return NiftiIO.readVolume(RefData.require("ibsi2/response-maps/" + id + "-ValidCRM.nii"));
  }

  /** {max |ours - ref|, max(ref) - min(ref)} over all voxels, compared by index. */
  static double[] error(Volume ours, Volume ref) {
    float[] a = ours.data();
    float[] r = ref.data();
    if (a.length != r.length) {
      throw new IllegalStateException("grid mismatch: " + a.length + " vs " + r.length);
    }
    double max = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - r[i]));
      lo = Math.min(lo, r[i]);
      hi = Math.max(hi, r[i]);
    }
    return new double[] {max, hi - lo};
  }
}
