package org.sparkradiomics.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.testing.RefData;

/**
 * DICOM SEG from highdicom's test files, placed on a synthetic reference series with the geometry and UIDs of the
 * CT series they were derived from (three 16x16 slices, 0.488281 mm pixels, 1.25 mm apart).
 */
class SegReaderTest {
  private static final DicomReader READER = new DicomReader(new Pseudonymizer(new byte[] {9}), false);
  private static final String PREFIX = "1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.";

  @TempDir Path tmp;

  private DicomSeries reference(String series, String frameOfReference) {
    List<Path> files = new ArrayList<>();
    double[] z = {103.019997, 104.269997, 105.519997};
    for (int k = 0; k < 3; k++) {
      SyntheticDicom d = new SyntheticDicom();
      d.rows = 16;
      d.columns = 16;
      d.pixelSpacing = new double[] {0.488281, 0.488281};
      d.position = new double[] {-125.0, -128.100006, z[k]};
      d.seriesUid = series;
      d.frameOfReferenceUid = frameOfReference;
      d.sopInstanceUid = PREFIX + (94 + k);
      d.words = new short[256];
      Path p = tmp.resolve("ct" + k + ".dcm");
      d.write(p);
      files.add(p);
    }
    return READER.readSeries(files);
  }

  private DicomSeries reference() {
    return reference(PREFIX + "2", PREFIX + "4");
  }

  static Path seg(String name) {
    return RefData.require("dicom-corpus/highdicom/" + name);
  }

  /** Number of frame values of segment 1 that pass the rule, counted straight from the decoded frames. */
  private static int countDecoded(Path seg, java.util.function.IntPredicate in) {
    DecodedFrames d = READER.decode(seg);
    int n = 0;
    for (int v : d.intValues()) {
      if (in.test(v)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void binarySegmentLandsOnReferenceSlices() {
    DicomSeries ref = reference();
    Path p = seg("seg_image_ct_binary.dcm");
    assertEquals(List.of("first segment"), SegReader.segmentLabels(p));
    Mask m = SegReader.read(p, ref, SegmentSelector.byNumber(1));
    assertTrue(m.onGridOf(ref.volume(), 1e-9));
    int expected = countDecoded(p, v -> v != 0);
    System.out.println("seg_image_ct_binary: " + m.count() + " voxels (set bits in frames: " + expected + ")");
    assertEquals(expected, m.count());
    assertTrue(expected > 0);
    // frames reference SOP .94/.95/.96 in order: frame f lands on slice f
    DecodedFrames d = READER.decode(p);
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < 256; i++) {
        assertEquals(d.intValues()[k * 256 + i] != 0, m.inside()[k * 256 + i]);
      }
    }
    assertArrayEquals(m.inside(), SegReader.read(p, ref, SegmentSelector.byLabel("first segment")).inside());
    assertArrayEquals(m.inside(), SegReader.read(p, ref, SegmentSelector.parse("First Segment")).inside());
    // the binary mask stored as FRACTIONAL 0/255 gives the same voxels
    assertArrayEquals(m.inside(),
        SegReader.read(seg("seg_image_ct_binary_fractional.dcm"), ref, SegmentSelector.byNumber(1)).inside());
  }

  @Test
  void fractionalUsesTheThreshold() {
    DicomSeries ref = reference();
    Path p = seg("seg_image_ct_true_fractional.dcm");
    for (double t : new double[] {0.1, 0.5, 0.9}) {
      Mask m = SegReader.read(p, ref, SegmentSelector.byNumber(1).withThreshold(t));
      // MaximumFractionalValue 255: inside when value / 255 >= t
      int expected = countDecoded(p, v -> v / 255.0 >= t);
      System.out.println("true fractional, threshold " + t + ": " + m.count() + " voxels");
      assertEquals(expected, m.count());
    }
    assertTrue(SegReader.read(p, ref, SegmentSelector.byNumber(1).withThreshold(0.1)).count()
        > SegReader.read(p, ref, SegmentSelector.byNumber(1).withThreshold(0.9)).count());
  }

  @Test
  void typedErrors() {
    DicomSeries ref = reference();
    Path p = seg("seg_image_ct_binary.dcm");
    assertEquals(ErrorKind.ROI_NOT_FOUND, assertThrows(RadiomicsException.class,
        () -> SegReader.read(p, ref, SegmentSelector.byNumber(7))).kind());
    assertEquals(ErrorKind.ROI_NOT_FOUND, assertThrows(RadiomicsException.class,
        () -> SegReader.read(p, ref, SegmentSelector.byLabel("liver"))).kind());
    // frames on a slice (.93 at z = -99.48) that the reference does not have
    assertEquals(ErrorKind.MASK_GRID_MISMATCH, assertThrows(RadiomicsException.class,
        () -> SegReader.read(seg("seg_image_ct_binary_overlap.dcm"), ref, SegmentSelector.byNumber(2))).kind());
    // another series / another frame of reference
    DicomSeries other = reference(SyntheticDicom.newUid(), PREFIX + "4");
    assertEquals(ErrorKind.MASK_GRID_MISMATCH, assertThrows(RadiomicsException.class,
        () -> SegReader.read(p, other, SegmentSelector.byNumber(1))).kind());
    DicomSeries otherFor = reference(PREFIX + "2", SyntheticDicom.newUid());
    assertEquals(ErrorKind.MASK_GRID_MISMATCH, assertThrows(RadiomicsException.class,
        () -> SegReader.read(p, otherFor, SegmentSelector.byNumber(1))).kind());
  }

  @Test
  void labelmapSelectsBySegmentValue() throws Exception {
    // turn the 8-bit fractional SEG into a LABELMAP with labels 0, 1, 2 cycling over the pixels
    AttributeList l = new AttributeList();
    l.read(seg("seg_image_ct_binary_fractional.dcm").toFile());
    l.get(TagFromName.SOPClassUID).removeValues();
    l.get(TagFromName.SOPClassUID).addValue("1.2.840.10008.5.1.4.1.1.66.7");
    l.get(TagFromName.SegmentationType).removeValues();
    l.get(TagFromName.SegmentationType).addValue("LABELMAP");
    SequenceAttribute segs = (SequenceAttribute) l.get(TagFromName.SegmentSequence);
    AttributeList second = new AttributeList();
    Attribute num = second.putNewAttribute(TagFromName.SegmentNumber);
    num.addValue(2);
    second.putNewAttribute(TagFromName.SegmentLabel).addValue("second");
    segs.addItem(second);
    byte[] px = new byte[3 * 256];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i % 3);
    }
    OtherByteAttribute a = new OtherByteAttribute(TagFromName.PixelData);
    a.setValues(px);
    l.put(a);
    Path out = tmp.resolve("labelmap.dcm");
    l.write(out.toFile(), Attrs.str(l, TagFromName.TransferSyntaxUID), true, true);
    Mask two = SegReader.read(out, reference(), SegmentSelector.byLabel("second"));
    // 768 pixels, value i % 3 == 2 for 256 of them
    assertEquals(256, two.count());
    assertTrue(two.inside()[2] && !two.inside()[1]);
    assertEquals(256, SegReader.read(out, reference(), SegmentSelector.byNumber(1)).count());
  }

  @Test
  void framesArePlacedByPositionWhenNoSourceImageIsNamed() throws Exception {
    DicomSeries ref = reference();
    Path p = seg("seg_image_ct_binary.dcm");
    AttributeList l = new AttributeList();
    l.read(p.toFile());
    SequenceAttribute per = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
    for (int f = 0; f < per.getNumberOfItems(); f++) {
      per.getItem(f).getAttributeList().remove(TagFromName.DerivationImageSequence);
    }
    Path out = tmp.resolve("bypos.dcm");
    l.write(out.toFile(), Attrs.str(l, TagFromName.TransferSyntaxUID), true, true);
    assertArrayEquals(SegReader.read(p, ref, SegmentSelector.byNumber(1)).inside(),
        SegReader.read(out, ref, SegmentSelector.byNumber(1)).inside());
  }
}
