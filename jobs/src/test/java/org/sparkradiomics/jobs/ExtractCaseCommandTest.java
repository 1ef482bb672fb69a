package org.sparkradiomics.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.features.pyradiomics.PyDiagnostics;
import org.sparkradiomics.image.Volume;
import org.sparkradiomics.io.NiftiIO;
import org.sparkradiomics.io.NrrdIO;

/** The PyRadiomics-style extract command, single case and batch, on generated NIfTI / NRRD files. */
class ExtractCaseCommandTest {
  /**
   * Image 4x4x2, spacing (1, 1, 2), value x + 4y + 16z; label image: 1 on x, y in {1, 2} at z = 0 (values 5, 6, 9,
   * 10: Mean 7.5, Maximum 10), 2 on the same square at z = 1 (values 21, 22, 25, 26: Mean 23.5, Maximum 26).
   * VoxelVolume = 4 voxels * 2 mm^3 = 8.
   */
  private static void writeCase(Path dir) {
    float[] v = new float[32];
    float[] lab = new float[32];
    for (int z = 0; z < 2; z++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 4; x++) {
          int i = x + 4 * (y + 4 * z);
          v[i] = i;
          lab[i] = (x == 1 || x == 2) && (y == 1 || y == 2) ? z + 1 : 0;
        }
      }
    }
    double[] sp = {1, 1, 2};
    double[] o = {0, 0, 0};
    NiftiIO.write(dir.resolve("img.nii.gz"), new Volume(4, 4, 2, v, sp, o, Volume.identity()));
    NrrdIO.write(dir.resolve("mask.nrrd"), new Volume(4, 4, 2, lab, sp, o, Volume.identity()));
  }

  private static final String PARAMS = "setting:\n  binWidth: 25\n  minimumROIDimensions: 2\n"
      + "imageType:\n  Original: {}\nfeatureClass:\n  shape: [VoxelVolume]\n  firstorder: [Mean, Maximum]\n";

  @Test
  void singleCase(@TempDir Path dir) throws Exception {
    writeCase(dir);
    Files.writeString(dir.resolve("params.yaml"), PARAMS);
    Path out = dir.resolve("out.csv");
    int rc = new ExtractCaseCommand().run(new String[] {"--image", dir.resolve("img.nii.gz").toString(), "--mask",
        dir.resolve("mask.nrrd").toString(), "--label", "2", "--params", dir.resolve("params.yaml").toString(),
        "--out", out.toString()});
    assertEquals(0, rc);
    List<String> lines = Files.readAllLines(out);
    assertEquals(2, lines.size());
    List<String> h = ExtractCaseCommand.parseCsvLine(lines.get(0));
    List<String> r = ExtractCaseCommand.parseCsvLine(lines.get(1));
    assertEquals(List.of("Image", "Mask", "Label", "diagnostics_Versions_PyRadiomics"), h.subList(0, 4));
    assertEquals(List.of("original_shape_VoxelVolume", "original_firstorder_Mean", "original_firstorder_Maximum"),
        h.subList(h.size() - 3, h.size()));
    assertEquals(PyDiagnostics.VERSION, r.get(3));
    assertEquals("8.0", r.get(h.indexOf("original_shape_VoxelVolume")));
    assertEquals("23.5", r.get(h.indexOf("original_firstorder_Mean")));
    assertEquals("26.0", r.get(h.indexOf("original_firstorder_Maximum")));
    assertEquals("(1.0, 1.0, 2.0)", r.get(h.indexOf("diagnostics_Image-original_Spacing")));
    assertEquals("(4, 4, 2)", r.get(h.indexOf("diagnostics_Image-original_Size")));
    // bounding box (x, y, z, size x, size y, size z) of label 2; 4 voxels, one component; centre index (1.5, 1.5, 1)
    assertEquals("(1, 1, 1, 2, 2, 1)", r.get(h.indexOf("diagnostics_Mask-original_BoundingBox")));
    assertEquals("4", r.get(h.indexOf("diagnostics_Mask-original_VoxelNum")));
    assertEquals("1", r.get(h.indexOf("diagnostics_Mask-original_VolumeNum")));
    assertEquals("(1.5, 1.5, 1.0)", r.get(h.indexOf("diagnostics_Mask-original_CenterOfMassIndex")));
    // image mean of 0..31 = 15.5
    assertEquals("15.5", r.get(h.indexOf("diagnostics_Image-original_Mean")));
  }

  @Test
  void batchKeepsInputOrderAndReportsFailingCases(@TempDir Path dir) throws Exception {
    writeCase(dir);
    Files.writeString(dir.resolve("params.yaml"), PARAMS);
    Files.writeString(dir.resolve("cases.csv"), "Image,Mask,Label,Site\n"
        + "img.nii.gz,mask.nrrd,1,A\n"
        + "missing.nii.gz,mask.nrrd,1,B\n"
        + "img.nii.gz,mask.nrrd,2,C\n");
    Path out = dir.resolve("batch.csv");
    int rc = new ExtractCaseCommand().run(new String[] {"--batch", dir.resolve("cases.csv").toString(), "--params",
        dir.resolve("params.yaml").toString(), "--out", out.toString()});
    assertEquals(0, rc);
    List<String> lines = Files.readAllLines(out);
    assertEquals(4, lines.size());
    List<String> h = ExtractCaseCommand.parseCsvLine(lines.get(0));
    assertEquals(List.of("Image", "Mask", "Label", "Site", "diagnostics_Versions_PyRadiomics"), h.subList(0, 5));
    assertEquals("error", h.get(h.size() - 1));
    List<String> r1 = ExtractCaseCommand.parseCsvLine(lines.get(1));
    List<String> r2 = ExtractCaseCommand.parseCsvLine(lines.get(2));
    List<String> r3 = ExtractCaseCommand.parseCsvLine(lines.get(3));
    assertEquals(h.size(), r1.size());
    assertEquals(h.size(), r2.size());
    assertEquals("A", r1.get(3));
    assertEquals("7.5", r1.get(h.indexOf("original_firstorder_Mean")));
    assertEquals("10.0", r1.get(h.indexOf("original_firstorder_Maximum")));
    assertEquals("", r1.get(h.size() - 1));
    assertEquals("B", r2.get(3));
    assertTrue(r2.get(h.size() - 1).startsWith("UNREADABLE_FILE"), r2.get(h.size() - 1));
    assertEquals("", r2.get(h.indexOf("original_firstorder_Mean")));
    assertEquals("C", r3.get(3));
    assertEquals("23.5", r3.get(h.indexOf("original_firstorder_Mean")));
  }
}
