package org.sparkradiomics.dicom;

import static org.sparkradiomics.dicom.DicomWriter.code;
import static org.sparkradiomics.dicom.DicomWriter.ds;
import static org.sparkradiomics.dicom.DicomWriter.put;
import static org.sparkradiomics.dicom.DicomWriter.putSequence;
import static org.sparkradiomics.dicom.DicomWriter.sopRef;
import static org.sparkradiomics.dicom.DicomWriter.tag;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import java.io.IOException;
import java.nio.file.Path;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;

/**
 * Writes a binary DICOM Segmentation (SEG, BINARY, one segment) on the grid of an image series written by
 * {@link DicomWriter}.
 *
 * <p>Layout: one frame per source slice that the writer emits (all slices, or only slices with mask voxels when
 * {@code omitEmptyFrames}), in increasing slice order. Each frame's per-frame functional groups carry
 * DerivationImageSequence/SourceImageSequence (the source slice's SOP class and instance),
 * FrameContentSequence/DimensionIndexValues (segment number, slice index + 1), PlanePositionSequence
 * (ImagePositionPatient of the source slice) and SegmentIdentificationSequence (segment 1). Pixel measures and
 * plane orientation are shared. ReferencedSeriesSequence lists every source instance. Pixel data is 1 bit per
 * pixel, frames packed back to back without padding between frames, least significant bit first (PS3.5 8.1.1),
 * with the total padded to an even length.
 */
public final class SegWriter {
  private SegWriter() {}

  /**
   * Identity of the segmentation object.
   *
   * @param seriesInstanceUid SeriesInstanceUID of the SEG series
   * @param sopInstanceUid SOPInstanceUID of the SEG instance
   * @param dimensionOrganizationUid DimensionOrganizationUID
   * @param seriesNumber SeriesNumber
   * @param segmentLabel SegmentLabel of segment 1 (e.g. "lesion")
   * @param omitEmptyFrames when true, frames for slices without mask voxels are left out (at least one frame is
   *     always written)
   */
  public record SegSpec(String seriesInstanceUid, String sopInstanceUid, String dimensionOrganizationUid,
      int seriesNumber, String segmentLabel, boolean omitEmptyFrames) {}

  /**
   * Writes {@code mask} (flat, {@code x + nx * (y + ny * z)} on the grid of {@code source}) to {@code file}.
   *
   * @return the file written
   */
  public static Path write(Path file, DicomWriter.PatientStudy ps, DicomWriter.ImageSeries source, SegSpec spec,
      boolean[] mask) throws IOException {
    return DicomWriter.writeFile(file, attributes(ps, source, spec, mask));
  }

  /** The complete attribute list (with file meta information) of the SEG instance. */
  public static AttributeList attributes(DicomWriter.PatientStudy ps, DicomWriter.ImageSeries src, SegSpec spec,
      boolean[] mask) {
    DicomWriter.checkMaskSize(mask, src);
    int nx = src.nx();
    int ny = src.ny();
    int nz = src.nz();
    int sliceLen = nx * ny;
    int[] frames = framesToWrite(mask, sliceLen, nz, spec.omitEmptyFrames());
    try {
      AttributeList l = new AttributeList();
      DicomWriter.putPatientStudy(l, ps);
      put(l, tag(0x0008, 0x0008), "DERIVED", "PRIMARY");
      put(l, tag(0x0008, 0x0016), DicomWriter.SEGMENTATION_STORAGE);
      put(l, tag(0x0008, 0x0018), spec.sopInstanceUid());
      put(l, tag(0x0008, 0x0021), ps.studyDate());
      put(l, tag(0x0008, 0x0023), ps.studyDate());
      put(l, tag(0x0008, 0x0031), ps.studyTime());
      put(l, tag(0x0008, 0x0033), ps.studyTime());
      put(l, tag(0x0008, 0x0060), "SEG");
      put(l, tag(0x0008, 0x0070), "spark-radiomics synthetic");
      put(l, tag(0x0008, 0x103E), "Segmentation");
      put(l, tag(0x0008, 0x1090), "cohort-generator");
      put(l, tag(0x0018, 0x1000), "1");
      put(l, tag(0x0018, 0x1020), "1");
      put(l, tag(0x0020, 0x000E), spec.seriesInstanceUid());
      put(l, tag(0x0020, 0x0011), Integer.toString(spec.seriesNumber()));
      put(l, tag(0x0020, 0x0013), "1");
      put(l, tag(0x0020, 0x0052), src.frameOfReferenceUid());
      put(l, tag(0x0020, 0x1040), "");
      put(l, tag(0x0028, 0x0002), "1");
      put(l, tag(0x0028, 0x0004), "MONOCHROME2");
      put(l, tag(0x0028, 0x0008), Integer.toString(frames.length));
      put(l, tag(0x0028, 0x0010), Integer.toString(ny));
      put(l, tag(0x0028, 0x0011), Integer.toString(nx));
      put(l, tag(0x0028, 0x0100), "1");
      put(l, tag(0x0028, 0x0101), "1");
      put(l, tag(0x0028, 0x0102), "0");
      put(l, tag(0x0028, 0x0103), "0");
      put(l, tag(0x0028, 0x2110), "00");
      put(l, tag(0x0062, 0x0001), "BINARY");
      put(l, tag(0x0070, 0x0080), "ROI");
      put(l, tag(0x0070, 0x0081), "Synthetic lesion segmentation");
      put(l, tag(0x0070, 0x0084), "spark-radiomics^generator");

      AttributeList seg = new AttributeList();
      put(seg, tag(0x0062, 0x0004), "1");
      put(seg, tag(0x0062, 0x0005), spec.segmentLabel());
      put(seg, tag(0x0062, 0x0008), "AUTOMATIC");
      put(seg, tag(0x0062, 0x0009), "spark-radiomics cohort generator");
      putSequence(seg, tag(0x0062, 0x0003), code("49755003", "SCT", "Morphologically Altered Structure"));
      putSequence(seg, tag(0x0062, 0x000F), code("4147007", "SCT", "Mass"));
      putSequence(l, tag(0x0062, 0x0002), seg);

      AttributeList org = new AttributeList();
      put(org, tag(0x0020, 0x9164), spec.dimensionOrganizationUid());
      putSequence(l, tag(0x0020, 0x9221), org);
      putSequence(l, tag(0x0020, 0x9222),
          dimensionIndex(spec, tag(0x0062, 0x000B), tag(0x0062, 0x000A), "Referenced Segment Number"),
          dimensionIndex(spec, tag(0x0020, 0x0032), tag(0x0020, 0x9113), "Image Position Patient"));

      AttributeList shared = new AttributeList();
      AttributeList measures = new AttributeList();
      put(measures, tag(0x0028, 0x0030), ds(src.spacing()[1]), ds(src.spacing()[0]));
      put(measures, tag(0x0018, 0x0050), ds(src.spacing()[2]));
      put(measures, tag(0x0018, 0x0088), ds(src.spacing()[2]));
      putSequence(shared, tag(0x0028, 0x9110), measures);
      AttributeList orient = new AttributeList();
      double[] r = src.rowCosines();
      double[] c = src.columnCosines();
      put(orient, tag(0x0020, 0x0037), ds(r[0]), ds(r[1]), ds(r[2]), ds(c[0]), ds(c[1]), ds(c[2]));
      putSequence(shared, tag(0x0020, 0x9116), orient);
      putSequence(l, tag(0x5200, 0x9229), shared);

      SequenceAttribute perFrame = new SequenceAttribute(tag(0x5200, 0x9230));
      for (int z : frames) {
        AttributeList f = new AttributeList();
        AttributeList deriv = new AttributeList();
        putSequence(deriv, tag(0x0008, 0x9215), code("113076", "DCM", "Segmentation"));
        AttributeList source = sopRef(src.sopClassUid(), src.sopInstanceUids()[z]);
        putSequence(source, tag(0x0040, 0xA170),
            code("121322", "DCM", "Source image for image processing operation"));
        putSequence(deriv, tag(0x0008, 0x2112), source);
        putSequence(f, tag(0x0008, 0x9124), deriv);
        AttributeList content = new AttributeList();
        put(content, tag(0x0020, 0x9157), "1", Integer.toString(z + 1));
        putSequence(f, tag(0x0020, 0x9111), content);
        AttributeList plane = new AttributeList();
        double[] p = src.slicePosition(z);
        put(plane, tag(0x0020, 0x0032), ds(p[0]), ds(p[1]), ds(p[2]));
        putSequence(f, tag(0x0020, 0x9113), plane);
        AttributeList segId = new AttributeList();
        put(segId, tag(0x0062, 0x000B), "1");
        putSequence(f, tag(0x0062, 0x000A), segId);
        perFrame.addItem(f);
      }
      l.put(perFrame);

      AttributeList refSeries = new AttributeList();
      put(refSeries, tag(0x0020, 0x000E), src.seriesInstanceUid());
      SequenceAttribute refInstances = new SequenceAttribute(tag(0x0008, 0x114A));
      for (int z = 0; z < nz; z++) {
        refInstances.addItem(sopRef(src.sopClassUid(), src.sopInstanceUids()[z]));
      }
      refSeries.put(refInstances);
      putSequence(l, tag(0x0008, 0x1115), refSeries);

      OtherByteAttribute px = new OtherByteAttribute(tag(0x7FE0, 0x0010));
      px.setValues(packFrames(mask, sliceLen, frames));
      l.put(px);
      FileMetaInformation.addFileMetaInformation(l, DicomWriter.EXPLICIT_VR_LITTLE_ENDIAN, DicomWriter.SOURCE_AE);
      return l;
    } catch (DicomException e) {
      throw new RadiomicsException(ErrorKind.INTERNAL_ERROR, "cannot build SEG attributes: " + e.getMessage(), e);
    }
  }

  private static AttributeList dimensionIndex(SegSpec spec, com.pixelmed.dicom.AttributeTag pointer,
      com.pixelmed.dicom.AttributeTag group, String description) throws DicomException {
    AttributeList d = new AttributeList();
    put(d, tag(0x0020, 0x9164), spec.dimensionOrganizationUid());
    AttributeTagAttribute p = new AttributeTagAttribute(tag(0x0020, 0x9165));
    p.addValue(pointer);
    d.put(p);
    AttributeTagAttribute g = new AttributeTagAttribute(tag(0x0020, 0x9167));
    g.addValue(group);
    d.put(g);
    put(d, tag(0x0020, 0x9421), description);
    return d;
  }

  /** Slice indices that become frames, in increasing order. */
  static int[] framesToWrite(boolean[] mask, int sliceLen, int nz, boolean omitEmpty) {
    if (!omitEmpty) {
      int[] all = new int[nz];
      for (int z = 0; z < nz; z++) {
        all[z] = z;
      }
      return all;
    }
    int[] tmp = new int[nz];
    int n = 0;
    for (int z = 0; z < nz; z++) {
      for (int i = z * sliceLen, end = i + sliceLen; i < end; i++) {
        if (mask[i]) {
          tmp[n++] = z;
          break;
        }
      }
    }
    if (n == 0) {
      return new int[] {0};
    }
    return java.util.Arrays.copyOf(tmp, n);
  }

  /**
   * Packs the chosen slices of {@code mask} one bit per pixel, least significant bit first, frames contiguous,
   * padded to an even number of bytes.
   */
  public static byte[] packFrames(boolean[] mask, int sliceLen, int[] frames) {
    long bits = (long) sliceLen * frames.length;
    int bytes = (int) ((bits + 7) / 8);
    byte[] out = new byte[bytes + (bytes & 1)];
    long bit = 0;
    for (int z : frames) {
      int base = z * sliceLen;
      for (int i = 0; i < sliceLen; i++, bit++) {
        if (mask[base + i]) {
          out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
      }
    }
    return out;
  }
}
