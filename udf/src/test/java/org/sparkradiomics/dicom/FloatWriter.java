package org.sparkradiomics.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherFloatAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;

/** Test helper: replaces the pixel data of a file by Float Pixel Data (7FE0,0008). */
final class FloatWriter {
  private FloatWriter() {}

  static void writeFloatPixels(Path p, float[] values) {
    try {
      AttributeList l = new AttributeList();
      l.read(p.toFile());
      l.remove(TagFromName.PixelData);
      l.remove(TagFromName.BitsStored);
      l.remove(TagFromName.HighBit);
      l.remove(TagFromName.PixelRepresentation);
      OtherFloatAttribute a = new OtherFloatAttribute(Attrs.FLOAT_PIXEL_DATA);
      a.setValues(values);
      l.put(a);
      String ts = Attrs.str(l, TagFromName.TransferSyntaxUID);
      l.write(p.toFile(), ts, true, true);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
