package org.sparkradiomics.dicom;

import static org.sparkradiomics.dicom.DicomWriter.ds;
import static org.sparkradiomics.dicom.DicomWriter.put;
import static org.sparkradiomics.dicom.DicomWriter.putSequence;
import static org.sparkradiomics.dicom.DicomWriter.sopRef;
import static org.sparkradiomics.dicom.DicomWriter.tag;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SequenceAttribute;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;

/**
 * Writes an RT Structure Set (RTSTRUCT) with one ROI whose CLOSED_PLANAR contours reproduce a voxel mask exactly.
 *
 * <p>Contours run along voxel edges: the vertices sit at voxel corners, i.e. at half-integer voxel indices
 * {@code (i - 0.5, j - 0.5)} in the slice plane, at the slice's own position. A voxel centre is therefore never on
 * a contour (it is always half a voxel away from every edge), and the even-odd rule over all contours of a slice
 * (a voxel centre is inside when a ray from it crosses the slice's contours an odd number of times) gives back
 * exactly the voxels of the mask, holes included. Every boundary edge between an inside and an outside voxel is
 * used exactly once; collinear vertices are dropped so polygons only carry their corners.
 *
 * <p>Each contour references its source slice in ContourImageSequence; the referenced frame of reference lists
 * every slice of the source series (RTReferencedStudy / RTReferencedSeries / ContourImageSequence).
 */
public final class RtStructWriter {
  /** Detached Study Management SOP class, used by convention as ReferencedSOPClassUID of RTReferencedStudy. */
  static final String DETACHED_STUDY_MANAGEMENT = "1.2.840.10008.3.1.2.3.1";

  private RtStructWriter() {}

  /**
   * Identity of the structure set.
   *
   * @param seriesInstanceUid SeriesInstanceUID of the RTSTRUCT series
   * @param sopInstanceUid SOPInstanceUID
   * @param seriesNumber SeriesNumber
   * @param roiName ROIName of ROI number 1 (e.g. "lesion")
   */
  public record RtSpec(String seriesInstanceUid, String sopInstanceUid, int seriesNumber, String roiName) {}

  /** Writes {@code mask} (flat, on the grid of {@code source}) as an RTSTRUCT file. */
  public static Path write(Path file, DicomWriter.PatientStudy ps, DicomWriter.ImageSeries source, RtSpec spec,
      boolean[] mask) throws IOException {
    return DicomWriter.writeFile(file, attributes(ps, source, spec, mask));
  }

  /** The complete attribute list (with file meta information) of the RTSTRUCT instance. */
  public static AttributeList attributes(DicomWriter.PatientStudy ps, DicomWriter.ImageSeries src, RtSpec spec,
      boolean[] mask) {
    DicomWriter.checkMaskSize(mask, src);
    int nx = src.nx();
    int ny = src.ny();
    int nz = src.nz();
    try {
      AttributeList l = new AttributeList();
      DicomWriter.putPatientStudy(l, ps);
      put(l, tag(0x0008, 0x0016), DicomWriter.RT_STRUCTURE_SET_STORAGE);
      put(l, tag(0x0008, 0x0018), spec.sopInstanceUid());
      put(l, tag(0x0008, 0x0060), "RTSTRUCT");
      put(l, tag(0x0008, 0x0070), "spark-radiomics synthetic");
      put(l, tag(0x0008, 0x103E), "Structure set");
      put(l, tag(0x0008, 0x1070), "");
      put(l, tag(0x0020, 0x0052), src.frameOfReferenceUid());
      put(l, tag(0x0020, 0x1040), "");
      put(l, tag(0x0020, 0x000E), spec.seriesInstanceUid());
      put(l, tag(0x0020, 0x0011), Integer.toString(spec.seriesNumber()));
      put(l, tag(0x0020, 0x0013), "1");
      put(l, tag(0x3006, 0x0002), "SYNTHETIC");
      put(l, tag(0x3006, 0x0004), "Synthetic lesion");
      put(l, tag(0x3006, 0x0008), ps.studyDate());
      put(l, tag(0x3006, 0x0009), ps.studyTime());

      // Referenced frame of reference -> study -> series -> every image.
      SequenceAttribute allImages = new SequenceAttribute(tag(0x3006, 0x0016));
      for (int z = 0; z < nz; z++) {
        allImages.addItem(sopRef(src.sopClassUid(), src.sopInstanceUids()[z]));
      }
      AttributeList rtSeries = new AttributeList();
      put(rtSeries, tag(0x0020, 0x000E), src.seriesInstanceUid());
      rtSeries.put(allImages);
      AttributeList rtStudy = sopRef(DETACHED_STUDY_MANAGEMENT, ps.studyInstanceUid());
      putSequence(rtStudy, tag(0x3006, 0x0014), rtSeries);
      AttributeList forItem = new AttributeList();
      put(forItem, tag(0x0020, 0x0052), src.frameOfReferenceUid());
      putSequence(forItem, tag(0x3006, 0x0012), rtStudy);
      putSequence(l, tag(0x3006, 0x0010), forItem);

      AttributeList roi = new AttributeList();
      put(roi, tag(0x3006, 0x0022), "1");
      put(roi, tag(0x3006, 0x0024), src.frameOfReferenceUid());
      put(roi, tag(0x3006, 0x0026), spec.roiName());
      put(roi, tag(0x3006, 0x0036), "AUTOMATIC");
      putSequence(l, tag(0x3006, 0x0020), roi);

      AttributeList roiContour = new AttributeList();
      put(roiContour, tag(0x3006, 0x002A), "255", "0", "0");
      SequenceAttribute contours = new SequenceAttribute(tag(0x3006, 0x0040));
      int sliceLen = nx * ny;
      int contourNumber = 0;
      for (int z = 0; z < nz; z++) {
        List<int[]> loops = traceSlice(mask, z * sliceLen, nx, ny);
        for (int[] loop : loops) {
          AttributeList c = new AttributeList();
          putSequence(c, tag(0x3006, 0x0016), sopRef(src.sopClassUid(), src.sopInstanceUids()[z]));
          put(c, tag(0x3006, 0x0042), "CLOSED_PLANAR");
          int points = loop.length / 2;
          put(c, tag(0x3006, 0x0046), Integer.toString(points));
          put(c, tag(0x3006, 0x0048), Integer.toString(++contourNumber));
          String[] xyz = new String[3 * points];
          for (int p = 0; p < points; p++) {
            double[] w = cornerToPatient(src, loop[2 * p], loop[2 * p + 1], z);
            xyz[3 * p] = ds(w[0]);
            xyz[3 * p + 1] = ds(w[1]);
            xyz[3 * p + 2] = ds(w[2]);
          }
          put(c, tag(0x3006, 0x0050), xyz);
          contours.addItem(c);
        }
      }
      roiContour.put(contours);
      put(roiContour, tag(0x3006, 0x0084), "1");
      putSequence(l, tag(0x3006, 0x0039), roiContour);

      AttributeList obs = new AttributeList();
      put(obs, tag(0x3006, 0x0082), "1");
      put(obs, tag(0x3006, 0x0084), "1");
      put(obs, tag(0x3006, 0x00A4), "GTV");
      put(obs, tag(0x3006, 0x00A6), "");
      putSequence(l, tag(0x3006, 0x0080), obs);
      put(l, tag(0x300E, 0x0002), "UNAPPROVED");
      FileMetaInformation.addFileMetaInformation(l, DicomWriter.EXPLICIT_VR_LITTLE_ENDIAN, DicomWriter.SOURCE_AE);
      return l;
    } catch (DicomException e) {
      throw new RadiomicsException(ErrorKind.INTERNAL_ERROR, "cannot build RTSTRUCT attributes: " + e.getMessage(),
          e);
    }
  }

  /**
   * Patient position of voxel corner {@code (cx, cy)} of slice {@code z}: the point at continuous voxel index
   * {@code (cx - 0.5, cy - 0.5, z)}.
   */
  public static double[] cornerToPatient(DicomWriter.ImageSeries s, int cx, int cy, int z) {
    double i = cx - 0.5;
    double j = cy - 0.5;
    double[] o = s.slicePosition(z);
    double[] r = s.rowCosines();
    double[] c = s.columnCosines();
    double sx = s.spacing()[0];
    double sy = s.spacing()[1];
    return new double[] {
      o[0] + i * sx * r[0] + j * sy * c[0], o[1] + i * sx * r[1] + j * sy * c[1], o[2] + i * sx * r[2] + j * sy * c[2]
    };
  }

  /**
   * Traces the boundary of one slice of a mask into closed loops of voxel corners.
   *
   * <p>Corner {@code (cx, cy)} (0..nx, 0..ny) is the top-left corner of voxel {@code (cx, cy)}. Every edge between
   * an inside voxel and an outside voxel (or the image border) is directed so that the inside lies on the same side
   * (top edges run +x, right edges +y, bottom edges -x, left edges -y); at every corner as many directed edges leave
   * as arrive, so following unused edges from any corner always closes a loop, and the loops partition the edge
   * set. Collinear corners are removed.
   *
   * @param mask flat mask, slice starting at {@code offset}
   * @return loops as {@code [cx0, cy0, cx1, cy1, ...]} (first corner not repeated at the end)
   */
  public static List<int[]> traceSlice(boolean[] mask, int offset, int nx, int ny) {
    int w = nx + 1;
    int nv = w * (ny + 1);
    // Up to two outgoing edges per corner (two only where diagonal voxels touch).
    int[] out1 = new int[nv];
    int[] out2 = new int[nv];
    Arrays.fill(out1, -1);
    Arrays.fill(out2, -1);
    int edges = 0;
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        if (!mask[offset + x + nx * y]) {
          continue;
        }
        int tl = x + w * y;
        int tr = tl + 1;
        int bl = tl + w;
        int br = bl + 1;
        if (y == 0 || !mask[offset + x + nx * (y - 1)]) {
          edges += addEdge(out1, out2, tl, tr);
        }
        if (x == nx - 1 || !mask[offset + x + 1 + nx * y]) {
          edges += addEdge(out1, out2, tr, br);
        }
        if (y == ny - 1 || !mask[offset + x + nx * (y + 1)]) {
          edges += addEdge(out1, out2, br, bl);
        }
        if (x == 0 || !mask[offset + x - 1 + nx * y]) {
          edges += addEdge(out1, out2, bl, tl);
        }
      }
    }
    List<int[]> loops = new ArrayList<>();
    if (edges == 0) {
      return loops;
    }
    int[] walk = new int[edges + 1];
    for (int start = 0; start < nv; start++) {
      while (out1[start] >= 0) {
        int n = 0;
        int v = start;
        do {
          walk[n++] = v;
          int next;
          if (out2[v] >= 0) {
            next = out2[v];
            out2[v] = -1;
          } else {
            next = out1[v];
            out1[v] = -1;
          }
          v = next;
        } while (v != start);
        loops.add(simplify(walk, n, w));
      }
    }
    return loops;
  }

  private static int addEdge(int[] out1, int[] out2, int from, int to) {
    if (out1[from] < 0) {
      out1[from] = to;
    } else {
      out2[from] = to;
    }
    return 1;
  }

  /** Keeps only the corners of a closed walk where the direction changes. */
  private static int[] simplify(int[] walk, int n, int w) {
    int[] xy = new int[2 * n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      int prev = walk[(k + n - 1) % n];
      int cur = walk[k];
      int next = walk[(k + 1) % n];
      int dx1 = cur % w - prev % w;
      int dy1 = cur / w - prev / w;
      int dx2 = next % w - cur % w;
      int dy2 = next / w - cur / w;
      if (dx1 == dx2 && dy1 == dy2) {
        continue;
      }
      xy[2 * m] = cur % w;
      xy[2 * m + 1] = cur / w;
      m++;
    }
    return Arrays.copyOf(xy, 2 * m);
  }
}
