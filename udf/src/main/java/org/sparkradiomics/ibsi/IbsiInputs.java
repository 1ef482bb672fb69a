package org.sparkradiomics.ibsi;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.io.NiftiIO;

/**
 * Loads the image and ROI mask of an IBSI-1 reference data set from the reference-data directory
 * ({@code <root>/ibsi1/...} or the data-set directory itself). This is the single seam where the CT phantom's
 * source is chosen: it currently reads {@code ct-phantom/nifti/{image,mask}}; reading the DICOM series plus
 * RTSTRUCT (ROI GTV-1) replaces {@link #ctPhantom(Path)} once the DICOM reader is available.
 */
public final class IbsiInputs {
  private final Volume image;
  private final Mask mask;

  public IbsiInputs(Volume image, Mask mask) {
    this.image = image;
    this.mask = mask;
  }

  public Volume image() {
    return image;
  }

  public Mask mask() {
    return mask;
  }

  /** The digital phantom: {@code digital-phantom/nifti/image/phantom.nii.gz} and its mask. */
  public static IbsiInputs digitalPhantom(Path dataRoot) {
    Path dir = dataSet(dataRoot, "digital-phantom");
    return new IbsiInputs(NiftiIO.readVolume(dir.resolve("nifti/image/phantom.nii.gz")),
        NiftiIO.readMask(dir.resolve("nifti/mask/mask.nii.gz"), null));
  }

  /** The CT phantom with its GTV-1 mask. */
  public static IbsiInputs ctPhantom(Path dataRoot) {
    Path dir = dataSet(dataRoot, "ct-phantom");
    return new IbsiInputs(NiftiIO.readVolume(dir.resolve("nifti/image/phantom.nii.gz")),
        NiftiIO.readMask(dir.resolve("nifti/mask/mask.nii.gz"), null));
  }

  /**
   * The directory of data set {@code name}: {@code root/ibsi1/name}, {@code root/name}, or root itself when it is
   * that directory.
   */
  public static Path dataSet(Path root, String name) {
    if (root == null) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE,
          "no reference-data directory: pass --data or set -Dradiomics.referenceData / $RADIOMICS_REFERENCE_DATA");
    }
    for (Path p : new Path[] {root.resolve("ibsi1").resolve(name), root.resolve(name), root}) {
      if (Files.isDirectory(p.resolve("nifti")) || Files.isDirectory(p.resolve("dicom"))) {
        if (p.equals(root) && !root.getFileName().toString().equals(name)) {
          continue;
        }
        return p;
      }
    }
    throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, "IBSI data set '" + name + "' not found under " + root);
  }
}
