package org.sparkradiomics.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

/** Package-private: the image pixel module attributes that decide how pixel data is decoded. */
final class PixelHeader {
  final String transferSyntax;
  final int rows;
  final int columns;
  final int frames;
  final int samples;
  final int bitsAllocated;
  final int bitsStored;
  final int highBit;
  final int pixelRepresentation;
  final int planarConfiguration;
  final String photometric;
  /** 0 integer Pixel Data, 32 Float Pixel Data, 64 Double Float Pixel Data. */
  final int floatData;

  private PixelHeader(AttributeList l) {
    String ts = Attrs.str(l, TagFromName.TransferSyntaxUID);
    transferSyntax = ts == null ? TransferSyntaxSupport.IMPLICIT_LE : ts;
    rows = Attrs.intOr(l, TagFromName.Rows, 0);
    columns = Attrs.intOr(l, TagFromName.Columns, 0);
    frames = Attrs.intOr(l, TagFromName.NumberOfFrames, 1);
    samples = Attrs.intOr(l, TagFromName.SamplesPerPixel, 1);
    bitsAllocated = Attrs.intOr(l, TagFromName.BitsAllocated, 0);
    bitsStored = Attrs.intOr(l, TagFromName.BitsStored, bitsAllocated);
    highBit = Attrs.intOr(l, TagFromName.HighBit, bitsStored - 1);
    pixelRepresentation = Attrs.intOr(l, TagFromName.PixelRepresentation, 0);
    planarConfiguration = Attrs.intOr(l, TagFromName.PlanarConfiguration, 0);
    String pi = Attrs.str(l, TagFromName.PhotometricInterpretation);
    photometric = pi == null ? (samples == 1 ? "MONOCHROME2" : null) : pi.toUpperCase(java.util.Locale.ROOT);
    floatData = l.get(Attrs.DOUBLE_FLOAT_PIXEL_DATA) != null ? 64 : l.get(Attrs.FLOAT_PIXEL_DATA) != null ? 32 : 0;
  }

  static PixelHeader of(AttributeList l) {
    return new PixelHeader(l);
  }

  long sampleCount() {
    return (long) rows * columns * frames * samples;
  }
}
