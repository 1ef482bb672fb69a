package org.sparkradiomics.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * Reads one segment of a DICOM Segmentation (BINARY, FRACTIONAL, LABELMAP) onto the grid of its referenced series.
 *
 * <p>Each frame of the selected segment is placed on slice k of the reference: through its Derivation Image
 * (Source Image Sequence: ReferencedSOPInstanceUID + ReferencedFrameNumber) when that names a slice of the reference,
 * else through its per-frame ImagePositionPatient, which must fall on a slice centre (within 1% of the slice spacing
 * plus 0.01 mm) with no in-plane offset. Rows, Columns, PixelSpacing and ImageOrientationPatient must equal the
 * reference's. Any frame of the segment that cannot be placed, another FrameOfReferenceUID, or a reference series not
 * listed in ReferencedSeriesSequence is {@link ErrorKind#MASK_GRID_MISMATCH}; an absent segment is
 * {@link ErrorKind#ROI_NOT_FOUND}. BINARY: a set bit is inside. FRACTIONAL: inside when
 * {@code value / MaximumFractionalValue >= threshold}. LABELMAP: inside when the value equals the segment number.
 * Several frames on one slice are combined by union.
 */
public final class SegReader {
  private SegReader() {}

  /** Segment labels, in SegmentSequence order (the segment number is the position in this list only by chance). */
  public static List<String> segmentLabels(Path seg) {
    AttributeList l = DicomReader.readList(seg, true);
    List<String> out = new ArrayList<>();
    for (AttributeList s : Attrs.items(l, TagFromName.SegmentSequence)) {
      out.add(Attrs.str(s, TagFromName.SegmentLabel));
    }
    return out;
  }

  /** Segment number to label, in SegmentSequence order. */
  public static Map<Integer, String> segments(Path seg) {
    AttributeList l = DicomReader.readList(seg, true);
    Map<Integer, String> out = new LinkedHashMap<>();
    for (AttributeList s : Attrs.items(l, TagFromName.SegmentSequence)) {
      out.put(Attrs.intOr(s, TagFromName.SegmentNumber, -1), Attrs.str(s, TagFromName.SegmentLabel));
    }
    return out;
  }

  public static Mask read(Path seg, DicomSeries reference, SegmentSelector sel) {
    String src = seg.toString();
    AttributeList l = DicomReader.readList(seg, false);
    String sopClass = Attrs.str(l, TagFromName.SOPClassUID);
    if (sopClass == null || !sopClass.startsWith("1.2.840.10008.5.1.4.1.1.66")) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, src + ": not a Segmentation (SOP class " + sopClass
          + ")");
    }
    String type = Attrs.str(l, TagFromName.SegmentationType);
    if (type == null) {
      throw new RadiomicsException(ErrorKind.MISSING_ATTRIBUTE, src + ": SegmentationType missing");
    }
    int segment = findSegment(l, sel, src);
    checkReferences(l, reference, src);
    Volume v = reference.volume();
    DecodedFrames d = DicomReader.decode(l, src);
    if (d.rows() != v.ny() || d.columns() != v.nx()) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, src + ": SEG frames are " + d.columns() + "x"
          + d.rows() + ", reference slices " + v.nx() + "x" + v.ny());
    }
    AttributeList shared = Attrs.first(l, TagFromName.SharedFunctionalGroupsSequence);
    List<AttributeList> perFrame = Attrs.items(l, TagFromName.PerFrameFunctionalGroupsSequence);
    double maxFrac = Attrs.intOr(l, TagFromName.MaximumFractionalValue, 255);
    boolean fractional = type.equals("FRACTIONAL");
    boolean labelmap = type.equals("LABELMAP");
    if (!fractional && !labelmap && !type.equals("BINARY")) {
      throw new RadiomicsException(ErrorKind.UNSUPPORTED_PIXEL_FORMAT, src + ": SegmentationType " + type);
    }
    int fs = d.frameSize();
    boolean[] inside = new boolean[v.voxelCount()];
    int[] px = d.intValues();
    int used = 0;
    for (int f = 0; f < d.frames(); f++) {
      AttributeList pf = f < perFrame.size() ? perFrame.get(f) : null;
      if (!labelmap) {
        AttributeList sid = FrameGeometry.group(pf, shared, TagFromName.SegmentIdentificationSequence);
        int ref = Attrs.intOr(sid, TagFromName.ReferencedSegmentNumber, -1);
        if (ref != segment) {
          continue;
        }
      }
      int k = sliceOf(pf, shared, reference, src, f);
      used++;
      int base = f * fs;
      int out = k * fs;
      for (int i = 0; i < fs; i++) {
        int val = px[base + i];
        boolean in;
        if (labelmap) {
          in = val == segment;
        } else if (fractional) {
          in = val / maxFrac >= sel.threshold();
        } else {
          in = val != 0;
        }
        if (in) {
          inside[out + i] = true;
        }
      }
    }
    if (used == 0 && !labelmap) {
      throw new RadiomicsException(ErrorKind.ROI_NOT_FOUND, src + ": no frame carries segment " + segment);
    }
    return Mask.onGridOf(v, inside);
  }

  private static int findSegment(AttributeList l, SegmentSelector sel, String src) {
    List<AttributeList> segs = Attrs.items(l, TagFromName.SegmentSequence);
    if (sel.number() != null) {
      for (AttributeList s : segs) {
        if (Attrs.intOr(s, TagFromName.SegmentNumber, -1) == sel.number()) {
          return sel.number();
        }
      }
    } else {
      for (boolean ignoreCase : new boolean[] {false, true}) {
        for (AttributeList s : segs) {
          if (sel.matchesLabel(Attrs.str(s, TagFromName.SegmentLabel), ignoreCase)) {
            return Attrs.intOr(s, TagFromName.SegmentNumber, -1);
          }
        }
      }
      try {
        int n = Integer.parseInt(sel.label().trim());
        for (AttributeList s : segs) {
          if (Attrs.intOr(s, TagFromName.SegmentNumber, -1) == n) {
            return n;
          }
        }
      } catch (NumberFormatException e) {
        // not a number: fall through to ROI_NOT_FOUND
      }
    }
    List<String> have = new ArrayList<>();
    for (AttributeList s : segs) {
      have.add(Attrs.intOr(s, TagFromName.SegmentNumber, -1) + ":" + Attrs.str(s, TagFromName.SegmentLabel));
    }
    throw new RadiomicsException(ErrorKind.ROI_NOT_FOUND, src + ": " + sel + " not found; segments " + have);
  }

  private static void checkReferences(AttributeList l, DicomSeries reference, String src) {
    String forUid = Attrs.str(l, TagFromName.FrameOfReferenceUID);
    if (forUid != null && reference.frameOfReferenceUid() != null && !forUid.equals(reference.frameOfReferenceUid())) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, src + ": FrameOfReferenceUID " + forUid
          + " differs from the reference series' " + reference.frameOfReferenceUid());
    }
    Set<String> series = new HashSet<>();
    for (AttributeList it : Attrs.items(l, TagFromName.ReferencedSeriesSequence)) {
      String s = Attrs.str(it, TagFromName.SeriesInstanceUID);
      if (s != null) {
        series.add(s);
      }
    }
    if (!series.isEmpty() && reference.seriesInstanceUid() != null
        && !series.contains(reference.seriesInstanceUid())) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, src + ": SEG references series " + series
          + ", not " + reference.seriesInstanceUid());
    }
    AttributeList shared = Attrs.first(l, TagFromName.SharedFunctionalGroupsSequence);
    List<AttributeList> perFrame = Attrs.items(l, TagFromName.PerFrameFunctionalGroupsSequence);
    AttributeList pf0 = perFrame.isEmpty() ? null : perFrame.get(0);
    Volume v = reference.volume();
    double[] iop = Attrs.dbls(FrameGeometry.group(pf0, shared, TagFromName.PlaneOrientationSequence),
        TagFromName.ImageOrientationPatient, 6);
    if (iop != null) {
      double[] dir = v.direction();
      double[] want = {dir[0], dir[3], dir[6], dir[1], dir[4], dir[7]};
      for (int i = 0; i < 6; i++) {
        if (Math.abs(iop[i] - want[i]) > 1e-3) {
          throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, src + ": SEG orientation "
              + java.util.Arrays.toString(iop) + " differs from the reference");
        }
      }
    }
    double[] ps = Attrs.dbls(FrameGeometry.group(pf0, shared, TagFromName.PixelMeasuresSequence),
        TagFromName.PixelSpacing, 2);
    if (ps != null && (Math.abs(ps[0] - v.spacing(1)) > 1e-3 * v.spacing(1)
        || Math.abs(ps[1] - v.spacing(0)) > 1e-3 * v.spacing(0))) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, src + ": SEG pixel spacing "
          + java.util.Arrays.toString(ps) + " differs from the reference");
    }
  }

  /** The reference slice of SEG frame f (0-based). */
  private static int sliceOf(AttributeList pf, AttributeList shared, DicomSeries ref, String src, int f) {
    for (AttributeList der : Attrs.items(pf, TagFromName.DerivationImageSequence)) {
      for (AttributeList srcImg : Attrs.items(der, TagFromName.SourceImageSequence)) {
        String uid = Attrs.str(srcImg, TagFromName.ReferencedSOPInstanceUID);
        if (uid == null) {
          continue;
        }
        int frame = Attrs.intOr(srcImg, TagFromName.ReferencedFrameNumber, 1);
        int k = ref.sliceOf(uid, frame);
        if (k >= 0) {
          return k;
        }
      }
    }
    AttributeList pos = FrameGeometry.group(pf, shared, TagFromName.PlanePositionSequence);
    double[] ipp = Attrs.dbls(pos, TagFromName.ImagePositionPatient, 3);
    if (ipp == null) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, src + ": frame " + (f + 1)
          + " names no slice of the reference and has no ImagePositionPatient");
    }
    Volume v = ref.volume();
    double[] idx = v.physicalToIndex(ipp[0], ipp[1], ipp[2]);
    int k = (int) Math.round(idx[2]);
    double tolK = (0.01 * v.spacing(2) + 0.01) / v.spacing(2);
    double tolI = 0.01 + 0.01 / Math.min(v.spacing(0), v.spacing(1));
    if (k < 0 || k >= v.nz() || Math.abs(idx[2] - k) > tolK || Math.abs(idx[0]) > tolI || Math.abs(idx[1]) > tolI) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, src + ": frame " + (f + 1) + " at "
          + java.util.Arrays.toString(ipp) + " is not on a slice of the reference (index "
          + java.util.Arrays.toString(idx) + ")");
    }
    return k;
  }
}
