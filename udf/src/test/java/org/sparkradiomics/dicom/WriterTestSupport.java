package org.sparkradiomics.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: reading back with PixelMed, and an independent even-odd rasterizer for contours. */
final class WriterTestSupport {
  private WriterTestSupport() {}

  static AttributeList read(Path f) throws Exception {
    AttributeList l = new AttributeList();
    l.read(f.toString());
    return l;
  }

  static Attribute get(AttributeList l, int g, int e) {
    return l.get(new AttributeTag(g, e));
  }

  static String str(AttributeList l, int g, int e) {
    Attribute a = get(l, g, e);
    return a == null ? null : a.getSingleStringValueOrNull();
  }

  static double[] doubles(AttributeList l, int g, int e) throws Exception {
    return get(l, g, e).getDoubleValues();
  }

  static AttributeList item(AttributeList l, int g, int e, int index) {
    return ((SequenceAttribute) get(l, g, e)).getItem(index).getAttributeList();
  }

  static int items(AttributeList l, int g, int e) {
    return ((SequenceAttribute) get(l, g, e)).getNumberOfItems();
  }

  /**
   * Even-odd (PNPOLY) fill of closed polygons given in continuous voxel-index coordinates (x0, y0, x1, y1, ...):
   * voxel (i, j) is inside when a ray from its centre towards +x crosses the polygons' edges an odd number of
   * times.
   */
  static boolean[] evenOdd(List<double[]> polygons, int nx, int ny) {
    boolean[] out = new boolean[nx * ny];
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        boolean in = false;
        for (double[] p : polygons) {
          int n = p.length / 2;
          for (int a = 0, b = n - 1; a < n; b = a++) {
            double xa = p[2 * a];
            double ya = p[2 * a + 1];
            double xb = p[2 * b];
            double yb = p[2 * b + 1];
            if ((ya > j) != (yb > j) && i < (xb - xa) * (j - ya) / (yb - ya) + xa) {
              in = !in;
            }
          }
        }
        out[i + nx * j] = in;
      }
    }
    return out;
  }
}
