package org.sparkradiomics.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.io.NiftiIO;
import org.sparkradiomics.testing.RefData;

/** IBSI-1 CT phantom: the DICOM series must match the NIfTI version voxel for voxel and in geometry. */
class CtPhantomDicomTest {
  private static final DicomReader READER = new DicomReader(new Pseudonymizer(new byte[] {1, 2, 3}), false);

  static DicomSeries phantom() {
    Path dir = RefData.require("ibsi1/ct-phantom/dicom/image");
    Map<String, DicomSeries> all = READER.readFolder(dir);
    assertEquals(1, all.size(), "one series");
    return all.values().iterator().next();
  }

  @Test
  void dicomSeriesMatchesNiftiVoxelForVoxel() {
    DicomSeries s = phantom();
    Volume v = s.volume();
    System.out.println("CT phantom DICOM: " + v.nx() + "x" + v.ny() + "x" + v.nz() + " spacing "
        + Arrays.toString(v.spacing()) + " origin " + Arrays.toString(v.origin()) + " direction "
        + Arrays.toString(v.direction()));
    assertEquals(204, v.nx());
    assertEquals(201, v.ny());
    assertEquals(60, v.nz());
    assertEquals(0.977, v.spacing(0), 1e-6);
    assertEquals(0.977, v.spacing(1), 1e-6);
    assertEquals(3.0, v.spacing(2), 1e-4);
    assertEquals(60, s.metadata().size());

    Volume n = NiftiIO.readVolume(RefData.require("ibsi1/ct-phantom/nifti/image/phantom.nii.gz"));
    System.out.println("CT phantom NIfTI: " + n.nx() + "x" + n.ny() + "x" + n.nz() + " spacing "
        + Arrays.toString(n.spacing()) + " origin " + Arrays.toString(n.origin()) + " direction "
        + Arrays.toString(n.direction()));
    assertEquals(v.nx(), n.nx());
    assertEquals(v.ny(), n.ny());
    assertEquals(v.nz(), n.nz());
    int differ = 0;
    for (int i = 0; i < v.voxelCount(); i++) {
      if (v.data()[i] != n.data()[i]) {
        differ++;
      }
    }
    assertEquals(0, differ, "voxels differing between DICOM and NIfTI");
    assertArrayEquals(n.spacing(), v.spacing(), 1e-3);
    assertArrayEquals(n.origin(), v.origin(), 1e-3);
    assertArrayEquals(n.direction(), v.direction(), 1e-6);
  }

  @Test
  void rtstructGtvMatchesNiftiMask() {
    DicomSeries s = phantom();
    Path rs = RefData.require("ibsi1/ct-phantom/dicom/mask/DCM_RS_00060.dcm");
    assertEquals(java.util.List.of("GTV-1"), RtStructReader.roiNames(rs));
    Mask ours = RtStructReader.read(rs, s, "GTV-1");
    Mask ref = NiftiIO.readMask(RefData.require("ibsi1/ct-phantom/nifti/mask/mask.nii.gz"), null);
    assertTrue(ours.onGridOf(s.volume(), 1e-6));
    assertTrue(ref.onGridOf(s.volume(), 1e-3), "NIfTI mask on the DICOM grid");
    int a = ours.count();
    int b = ref.count();
    int both = 0;
    int disagree = 0;
    for (int i = 0; i < ours.inside().length; i++) {
      if (ours.inside()[i] && ref.inside()[i]) {
        both++;
      }
      if (ours.inside()[i] != ref.inside()[i]) {
        disagree++;
      }
    }
    double dice = ours.dice(ref);
    double agreeOfMask = 1.0 - (double) disagree / Math.max(a, b);
    System.out.printf("RTSTRUCT GTV-1: ours %d voxels, NIfTI %d voxels, both %d, disagree %d, Dice %.5f,"
        + " agreement on mask voxels %.5f%n", a, b, both, disagree, dice, agreeOfMask);
    assertTrue(agreeOfMask >= 0.995, "agreement " + agreeOfMask);
    assertTrue(dice >= 0.995, "dice " + dice);
    // the same ROI by number, and typed errors for a missing ROI
    assertEquals(a, RtStructReader.read(rs, s, "1").count());
    assertEquals(a, RtStructReader.read(rs, s, "gtv-1").count());
    assertEquals(ErrorKind.ROI_NOT_FOUND,
        assertThrows(RadiomicsException.class, () -> RtStructReader.read(rs, s, "PTV")).kind());
  }
}
