package org.sparkradiomics.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Package-private helpers around PixelMed attribute lists (null-safe typed getters, tags not in its dictionary). */
final class Attrs {
  private Attrs() {}

  static final AttributeTag KVP = new AttributeTag(0x0018, 0x0060);
  static final AttributeTag STRUCTURE_SET_ROI_SEQUENCE = new AttributeTag(0x3006, 0x0020);
  static final AttributeTag ROI_NUMBER = new AttributeTag(0x3006, 0x0022);
  static final AttributeTag REFERENCED_FRAME_OF_REFERENCE_UID = new AttributeTag(0x3006, 0x0024);
  static final AttributeTag ROI_NAME = new AttributeTag(0x3006, 0x0026);
  static final AttributeTag ROI_CONTOUR_SEQUENCE = new AttributeTag(0x3006, 0x0039);
  static final AttributeTag CONTOUR_SEQUENCE = new AttributeTag(0x3006, 0x0040);
  static final AttributeTag CONTOUR_GEOMETRIC_TYPE = new AttributeTag(0x3006, 0x0042);
  static final AttributeTag CONTOUR_DATA = new AttributeTag(0x3006, 0x0050);
  static final AttributeTag REFERENCED_ROI_NUMBER = new AttributeTag(0x3006, 0x0084);
  static final AttributeTag REFERENCED_FRAME_OF_REFERENCE_SEQUENCE = new AttributeTag(0x3006, 0x0010);
  static final AttributeTag RT_REFERENCED_STUDY_SEQUENCE = new AttributeTag(0x3006, 0x0012);
  static final AttributeTag RT_REFERENCED_SERIES_SEQUENCE = new AttributeTag(0x3006, 0x0014);
  static final AttributeTag SEGMENTED_RED_PALETTE = new AttributeTag(0x0028, 0x1221);
  static final AttributeTag FLOAT_PIXEL_DATA = new AttributeTag(0x7FE0, 0x0008);
  static final AttributeTag DOUBLE_FLOAT_PIXEL_DATA = new AttributeTag(0x7FE0, 0x0009);
  static final AttributeTag PIXEL_DATA = new AttributeTag(0x7FE0, 0x0010);

  static String str(AttributeList l, AttributeTag t) {
    if (l == null) {
      return null;
    }
    String s = Attribute.getSingleStringValueOrNull(l, t);
    if (s == null) {
      return null;
    }
    s = s.trim();
    return s.isEmpty() ? null : s;
  }

  static int intOr(AttributeList l, AttributeTag t, int dflt) {
    String s = str(l, t);
    if (s == null) {
      return dflt;
    }
    try {
      return (int) Math.round(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  static Integer intOrNull(AttributeList l, AttributeTag t) {
    String s = str(l, t);
    if (s == null) {
      return null;
    }
    try {
      return (int) Math.round(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Double dbl(AttributeList l, AttributeTag t) {
    String s = str(l, t);
    if (s == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** All numeric values of a multi-valued attribute, or null when absent, empty, or not numbers. */
  static double[] dbls(AttributeList l, AttributeTag t) {
    if (l == null) {
      return null;
    }
    Attribute a = l.get(t);
    if (a == null || a.getVM() == 0) {
      return null;
    }
    String[] vs = Attribute.getStringValues(a);
    if (vs == null || vs.length == 0) {
      return null;
    }
    double[] out = new double[vs.length];
    for (int i = 0; i < vs.length; i++) {
      try {
        out[i] = Double.parseDouble(vs[i].trim());
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Double.isFinite(out[i])) {
        return null;
      }
    }
    return out;
  }

  static double[] dbls(AttributeList l, AttributeTag t, int expected) {
    double[] d = dbls(l, t);
    return d != null && d.length == expected ? d : null;
  }

  /** Items of a sequence attribute (empty when absent). */
  static List<AttributeList> items(AttributeList l, AttributeTag t) {
    if (l == null) {
      return Collections.emptyList();
    }
    Attribute a = l.get(t);
    if (!(a instanceof SequenceAttribute)) {
      return Collections.emptyList();
    }
    SequenceAttribute s = (SequenceAttribute) a;
    List<AttributeList> out = new ArrayList<>(s.getNumberOfItems());
    for (int i = 0; i < s.getNumberOfItems(); i++) {
      SequenceItem it = s.getItem(i);
      out.add(it.getAttributeList());
    }
    return out;
  }

  /** The first item of a sequence, or null. */
  static AttributeList first(AttributeList l, AttributeTag t) {
    List<AttributeList> it = items(l, t);
    return it.isEmpty() ? null : it.get(0);
  }
}
