package org.sparkradiomics.io;

import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/** Label image to {@link Mask}, shared by the image readers ({@link NiftiIO}, {@link NrrdIO}). */
final class LabelMasks {
  private LabelMasks() {}

  /**
   * The mask of a label image on its grid: voxels whose value is exactly the integer {@code label} are inside, or
   * every non-zero voxel when {@code label} is null.
   *
   * @throws RadiomicsException ROI_NOT_FOUND when {@code label} is given and no voxel has it
   */
  static Mask of(Volume v, Integer label, Object source) {
    float[] d = v.data();
    boolean[] in = new boolean[d.length];
    boolean any = false;
    for (int i = 0; i < d.length; i++) {
      in[i] = label == null ? d[i] != 0f : Math.round(d[i]) == label && d[i] == Math.rint(d[i]);
      any |= in[i];
    }
    if (!any && label != null) {
      throw new RadiomicsException(ErrorKind.ROI_NOT_FOUND, "label " + label + " not present in " + source);
    }
    return Mask.onGridOf(v, in);
  }
}
