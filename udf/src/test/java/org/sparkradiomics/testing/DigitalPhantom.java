package org.sparkradiomics.testing;

import java.nio.file.Path;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.io.NiftiIO;

/**
 * The IBSI-1 digital phantom (5x4x4 voxels of 2x2x2 mm, grey levels 1..6) as a {@link RoiImage}: no interpolation,
 * no resegmentation, no discretisation (its intensities are the grey levels), as IBSI-1 chapter 5 prescribes for it.
 * Read from ../shared/reference-data (skipped or failed via {@link RefData} when absent).
 */
public final class DigitalPhantom {
  private DigitalPhantom() {}

  public static Volume image() {
    Path img = RefData.require("ibsi1/digital-phantom/nifti/image/phantom.nii.gz");
    return NiftiIO.readVolume(img);
  }

  public static Mask mask() {
    Path m = RefData.require("ibsi1/digital-phantom/nifti/mask/mask.nii.gz");
    return NiftiIO.readMask(m, null);
  }

  /** The whole phantom as the ROI box; morphological and intensity masks are the phantom mask. */
  public static RoiImage roi() {
    Volume v = image();
    Mask m = mask();
    int n = v.voxelCount();
    boolean[] morph = m.inside().clone();
    boolean[] intensity = m.inside().clone();
    int[] bins = new int[n];
    int ng = Discretisation.none().apply(v.data(), intensity, Double.NaN, bins);
    return new RoiImage(v.nx(), v.ny(), v.nz(), v.spacing(0), v.spacing(1), v.spacing(2), v.data().clone(), morph,
        intensity, bins, ng, bins.clone(), ng);
  }
}
