package org.sparkradiomics.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * Rasterises one ROI of an RT Structure Set onto the grid of its referenced series.
 *
 * <p>Rule: every CLOSED_PLANAR contour is mapped to continuous voxel indices of the reference volume and must lie on
 * one slice (all points within 0.25 slice of the same integer k, inside the volume), else
 * {@link ErrorKind#MASK_GRID_MISMATCH}. On slice k, voxel (i, j) is inside when its centre (i, j) lies inside the
 * contours of that slice by the <b>even-odd rule</b>: a horizontal ray from the centre crosses an odd number of
 * contour edges, counting all contours of the slice together. Nested contours therefore make holes (a contour
 * inside another removes its area, a third one inside that adds it back), and overlapping contours XOR. Edges are
 * half-open in y (an edge from y1 to y2 counts for y1 &lt;= y &lt; y2), so a centre exactly on a vertex is counted
 * once; a centre exactly on a left edge is inside, on a right edge outside. POINT and OPEN_PLANAR contours are
 * ignored. A missing ROI is {@link ErrorKind#ROI_NOT_FOUND}; a structure set on another FrameOfReferenceUID or whose
 * referenced series is not the reference is MASK_GRID_MISMATCH.
 */
public final class RtStructReader {
  private RtStructReader() {}

  /** ROI names in StructureSetROISequence order. */
  public static List<String> roiNames(Path rtstruct) {
    AttributeList l = DicomReader.readList(rtstruct, true);
    List<String> out = new ArrayList<>();
    for (AttributeList r : Attrs.items(l, Attrs.STRUCTURE_SET_ROI_SEQUENCE)) {
      out.add(Attrs.str(r, Attrs.ROI_NAME));
    }
    return out;
  }

  /**
   * The mask of the ROI named {@code roiNameOrNumber} (exact name, then case-insensitive, then ROINumber when the
   * text is an integer).
   */
  public static Mask read(Path rtstruct, DicomSeries reference, String roiNameOrNumber) {
    String src = rtstruct.toString();
    AttributeList l = DicomReader.readList(rtstruct, true);
    if (!"1.2.840.10008.5.1.4.1.1.481.3".equals(Attrs.str(l, TagFromName.SOPClassUID))) {
      throw new RadiomicsException(ErrorKind.UNREADABLE_FILE, src + ": not an RT Structure Set");
    }
    AttributeList roi = findRoi(l, roiNameOrNumber, src);
    int number = Attrs.intOr(roi, Attrs.ROI_NUMBER, -1);
    String roiFor = Attrs.str(roi, Attrs.REFERENCED_FRAME_OF_REFERENCE_UID);
    if (roiFor != null && reference.frameOfReferenceUid() != null && !roiFor.equals(reference.frameOfReferenceUid())) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, src + ": ROI frame of reference " + roiFor
          + " differs from the reference series' " + reference.frameOfReferenceUid());
    }
    checkReferencedSeries(l, reference, src);
    AttributeList contours = null;
    for (AttributeList rc : Attrs.items(l, Attrs.ROI_CONTOUR_SEQUENCE)) {
      if (Attrs.intOr(rc, Attrs.REFERENCED_ROI_NUMBER, -2) == number) {
        contours = rc;
        break;
      }
    }
    Volume v = reference.volume();
    boolean[] inside = new boolean[v.voxelCount()];
    if (contours == null) {
      return Mask.onGridOf(v, inside);
    }
    // slice -> polygons in (i, j) index coordinates
    TreeMap<Integer, List<double[]>> bySlice = new TreeMap<>();
    for (AttributeList c : Attrs.items(contours, Attrs.CONTOUR_SEQUENCE)) {
      String geom = Attrs.str(c, Attrs.CONTOUR_GEOMETRIC_TYPE);
      if (geom != null && !geom.equals("CLOSED_PLANAR")) {
        continue;
      }
      double[] pts = Attrs.dbls(c, Attrs.CONTOUR_DATA);
      if (pts == null || pts.length < 9 || pts.length % 3 != 0) {
        continue;
      }
      int n = pts.length / 3;
      double[] poly = new double[2 * n];
      double kSum = 0;
      double kMin = Double.MAX_VALUE;
      double kMax = -Double.MAX_VALUE;
      for (int p = 0; p < n; p++) {
        double[] idx = v.physicalToIndex(pts[3 * p], pts[3 * p + 1], pts[3 * p + 2]);
        poly[2 * p] = idx[0];
        poly[2 * p + 1] = idx[1];
        kSum += idx[2];
        kMin = Math.min(kMin, idx[2]);
        kMax = Math.max(kMax, idx[2]);
      }
      int k = (int) Math.round(kSum / n);
      if (Math.abs(kMin - k) > 0.25 || Math.abs(kMax - k) > 0.25 || k < 0 || k >= v.nz()) {
        throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, src + ": a contour of ROI " + number
            + " lies between or outside the reference slices (slice index " + kMin + ".." + kMax + " of "
            + v.nz() + ")");
      }
      bySlice.computeIfAbsent(k, kk -> new ArrayList<>()).add(poly);
    }
    for (var e : bySlice.entrySet()) {
      fillEvenOdd(e.getValue(), v.nx(), v.ny(), inside, e.getKey() * v.nx() * v.ny());
    }
    return Mask.onGridOf(v, inside);
  }

  /**
   * Even-odd scanline fill of voxel centres: for row j, the crossings x of every edge with the line y = j
   * (half-open in y) are sorted; centres i with an odd number of crossings at x &lt;= i are inside, i.e.
   * {@code xs[2m] <= i < xs[2m+1]}.
   */
  static void fillEvenOdd(List<double[]> polys, int nx, int ny, boolean[] inside, int offset) {
    double[] xs = new double[16];
    for (int j = 0; j < ny; j++) {
      int cnt = 0;
      for (double[] poly : polys) {
        int n = poly.length / 2;
        for (int a = 0, b = n - 1; a < n; b = a++) {
          double ya = poly[2 * a + 1];
          double yb = poly[2 * b + 1];
          if ((ya <= j && j < yb) || (yb <= j && j < ya)) {
            double xa = poly[2 * a];
            double xb = poly[2 * b];
            double x = xa + (j - ya) * (xb - xa) / (yb - ya);
            if (cnt == xs.length) {
              xs = Arrays.copyOf(xs, 2 * cnt);
            }
            xs[cnt++] = x;
          }
        }
      }
      if (cnt < 2) {
        continue;
      }
      Arrays.sort(xs, 0, cnt);
      for (int m = 0; m + 1 < cnt; m += 2) {
        int from = (int) Math.max(0, Math.ceil(xs[m]));
        int to = (int) Math.min(nx, Math.ceil(xs[m + 1])); // exclusive
        int row = offset + j * nx;
        for (int i = from; i < to; i++) {
          inside[row + i] = true;
        }
      }
    }
  }

  private static AttributeList findRoi(AttributeList l, String key, String src) {
    List<AttributeList> rois = Attrs.items(l, Attrs.STRUCTURE_SET_ROI_SEQUENCE);
    for (AttributeList r : rois) {
      String name = Attrs.str(r, Attrs.ROI_NAME);
      if (name != null && name.equals(key.trim())) {
        return r;
      }
    }
    for (AttributeList r : rois) {
      String name = Attrs.str(r, Attrs.ROI_NAME);
      if (name != null && name.toLowerCase(Locale.ROOT).equals(key.trim().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    try {
      int n = Integer.parseInt(key.trim());
      for (AttributeList r : rois) {
        if (Attrs.intOr(r, Attrs.ROI_NUMBER, -1) == n) {
          return r;
        }
      }
    } catch (NumberFormatException e) {
      // not a number
    }
    List<String> have = new ArrayList<>();
    for (AttributeList r : rois) {
      have.add(Attrs.intOr(r, Attrs.ROI_NUMBER, -1) + ":" + Attrs.str(r, Attrs.ROI_NAME));
    }
    throw new RadiomicsException(ErrorKind.ROI_NOT_FOUND, src + ": ROI '" + key + "' not found; ROIs " + have);
  }

  private static void checkReferencedSeries(AttributeList l, DicomSeries reference, String src) {
    Set<String> series = new HashSet<>();
    for (AttributeList fr : Attrs.items(l, Attrs.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE)) {
      for (AttributeList st : Attrs.items(fr, Attrs.RT_REFERENCED_STUDY_SEQUENCE)) {
        for (AttributeList se : Attrs.items(st, Attrs.RT_REFERENCED_SERIES_SEQUENCE)) {
          String uid = Attrs.str(se, TagFromName.SeriesInstanceUID);
          if (uid != null) {
            series.add(uid);
          }
        }
      }
    }
    if (!series.isEmpty() && reference.seriesInstanceUid() != null
        && !series.contains(reference.seriesInstanceUid())) {
      throw new RadiomicsException(ErrorKind.MASK_GRID_MISMATCH, src + ": structure set references series "
          + series + ", not " + reference.seriesInstanceUid());
    }
  }
}
