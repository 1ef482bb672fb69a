package org.sparkradiomics.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.dicom.DicomSeries;
import org.sparkradiomics.dicom.RtStructReader;
import org.sparkradiomics.dicom.SegReader;
import org.sparkradiomics.dicom.SegWriter;
import org.sparkradiomics.dicom.SegmentSelector;
import org.sparkradiomics.image.Mask;

/** Generated SEG and RTSTRUCT masks read back through our SegReader / RtStructReader equal the generated mask. */
class CohortMaskRoundTripTest {
  @TempDir Path tmp;

  @Test
  void everyModalityAndMaskKindReadsBackVoxelForVoxel() throws Exception {
    // MIXED, 8 studies: CT/DX/MR/US each once with SEG and once with RTSTRUCT.
    // the first seed from 31 on whose CT SEG (study 0) and MR SEG (study 2) differ in sparseness
    long seed = 31;
    while (CohortGenerator.sparseSeg(seed, 0) == CohortGenerator.sparseSeg(seed, 2)) {
      seed++;
    }
    CohortConfig c = CohortGeneratorTest.small(tmp, 8, null, seed).withShrink(2);
    DicomReader reader = new DicomReader(CohortGeneratorTest.KEY, false);
    Set<String> combos = new HashSet<>();
    Set<Boolean> sparse = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      CohortGenerator.Study s = CohortGenerator.buildStudy(c, i);
      CohortGenerator.writeStudy(tmp, s, c.seed());
      Path dir = tmp.resolve(s.studyId());
      DicomSeries series = reader.readSeries(CohortReaderRoundTripTest.imageFiles(dir));
      Mask m = s.maskKind() == CohortGenerator.MaskKind.SEG
          ? SegReader.read(dir.resolve("mask/seg.dcm"), series, SegmentSelector.byNumber(1))
          : RtStructReader.read(dir.resolve("mask/rtstruct.dcm"), series, "lesion");
      assertArrayEquals(s.mask(), m.inside(), s.studyId() + " " + s.modality() + " " + s.maskKind());
      assertEquals(s.roiVoxels(), m.count());
      assertTrue(m.onGridOf(series.volume(), 1e-9));
      combos.add(s.modality() + "/" + s.maskKind());
      if (s.maskKind() == CohortGenerator.MaskKind.SEG && s.modality().volumetric()) {
        sparse.add(CohortGenerator.sparseSeg(c.seed(), i));
      }
    }
    assertEquals(8, combos.size(), combos.toString());
    // one 3D SEG encodes every slice, the other only the slices with ROI voxels
    assertEquals(Set.of(true, false), sparse);
  }

  @Test
  void segWithoutEmptyFramesAlsoReadsBack() throws Exception {
    CohortConfig c = CohortGeneratorTest.small(tmp, 4, Modality.CT, 8);
    CohortGenerator.Study s = CohortGenerator.buildStudy(c, 0);
    CohortGenerator.writeStudy(tmp, s, c.seed());
    Path dir = tmp.resolve(s.studyId());
    DicomSeries series = new DicomReader(CohortGeneratorTest.KEY, false)
        .readSeries(CohortReaderRoundTripTest.imageFiles(dir));
    Path seg = SegWriter.write(dir.resolve("mask/seg-sparse.dcm"), s.header(), s.series(),
        new SegWriter.SegSpec("2.25.77", "2.25.78", "2.25.79", 101, "lesion", true), s.mask());
    int emptySlices = 0;
    int sliceLen = s.series().nx() * s.series().ny();
    for (int z = 0; z < s.series().nz(); z++) {
      boolean any = false;
      for (int k = z * sliceLen; k < (z + 1) * sliceLen && !any; k++) {
        any = s.mask()[k];
      }
      emptySlices += any ? 0 : 1;
    }
    assertTrue(emptySlices > 0, "the test needs slices without ROI voxels");
    Mask m = SegReader.read(seg, series, SegmentSelector.byLabel("lesion"));
    assertArrayEquals(s.mask(), m.inside());
    assertEquals(EnumSet.of(CohortGenerator.MaskKind.SEG), EnumSet.of(s.maskKind()));
  }
}
