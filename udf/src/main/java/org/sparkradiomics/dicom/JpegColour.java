package org.sparkradiomics.dicom;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Package-private: colour handling of 3-component lossy JPEG frames. The JDK JPEG reader (used by PixelMed) converts
 * YCbCr to RGB unless the codestream says otherwise (Adobe APP14 transform 0, or component IDs 'R','G','B'), so an
 * RGB-encoded frame with no marker at all, labelled RGB by the DICOM header, would come back with a spurious colour
 * conversion. For that case only, {@link #readRaw} decodes the raw components without any colour conversion.
 */
final class JpegColour {
  private JpegColour() {}

  /** True when the JDK reader would wrongly convert this RGB frame from YCbCr (no JFIF, no APP14, IDs not RGB). */
  static boolean readerWouldMisconvertRgb(byte[] frame) {
    int p = 0;
    int n = frame.length;
    // find SOI
    while (p + 1 < n && !((frame[p] & 0xff) == 0xff && (frame[p + 1] & 0xff) == 0xd8)) {
      p++;
    }
    p += 2;
    boolean jfif = false;
    boolean adobe = false;
    boolean rgbIds = false;
    while (p + 3 < n) {
      if ((frame[p] & 0xff) != 0xff) {
        return false; // not a marker where expected: let the normal decoder judge
      }
      int m = frame[p + 1] & 0xff;
      if (m == 0xff) {
        p++;
        continue;
      }
      int len = ((frame[p + 2] & 0xff) << 8) | (frame[p + 3] & 0xff);
      int seg = p + 4;
      if (m == 0xe0 && seg + 4 < n && frame[seg] == 'J' && frame[seg + 1] == 'F' && frame[seg + 2] == 'I'
          && frame[seg + 3] == 'F') {
        jfif = true;
      } else if (m == 0xee && seg + 4 < n && frame[seg] == 'A' && frame[seg + 1] == 'd' && frame[seg + 2] == 'o'
          && frame[seg + 3] == 'b' && frame[seg + 4] == 'e') {
        adobe = true;
      } else if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
        int nc = seg + 5 < n ? frame[seg + 5] & 0xff : 0;
        if (nc == 3 && seg + 6 + 6 < n) {
          rgbIds = frame[seg + 6] == 'R' && frame[seg + 9] == 'G' && frame[seg + 12] == 'B';
        }
      } else if (m == 0xda) {
        break;
      }
      p += 2 + len;
    }
    return !jfif && !adobe && !rgbIds;
  }

  /** Raw (unconverted) components of one JPEG frame, via the JDK reader's readRaster. */
  static Raster readRaw(byte[] frame) throws IOException {
    Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
    ImageReader reader = null;
    while (it.hasNext()) {
      ImageReader r = it.next();
      if (r.getClass().getName().startsWith("com.sun.imageio.plugins.jpeg")) {
        reader = r;
        break;
      }
    }
    if (reader == null) {
      throw new IOException("standard JDK JPEG reader not available");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(frame))) {
      reader.setInput(in, true, true);
      return reader.readRaster(0, null);
    } finally {
      reader.dispose();
    }
  }
}
