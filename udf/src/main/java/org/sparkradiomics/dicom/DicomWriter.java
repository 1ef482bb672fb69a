package org.sparkradiomics.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;

/**
 * Writes single-frame DICOM image series with PixelMed: one Part 10 file per slice, Explicit VR Little Endian,
 * uncompressed, so that any reader gets the stored values back bit for bit.
 *
 * <p>Geometry follows {@link org.sparkradiomics.image.Volume}: stored sample {@code (x, y, z)} is at flat index
 * {@code x + nx * (y + ny * z)}; slice {@code z} becomes file {@code z}, with
 * {@code ImageOrientationPatient = dirX \ dirY} (the first two columns of the direction matrix),
 * {@code PixelSpacing = spacing[1] \ spacing[0]} (row spacing first, as DICOM wants) and
 * {@code ImagePositionPatient = origin + z * spacing[2] * dirZ}. Numbers are written as the shortest decimal
 * string that fits the 16 characters of a DS value, so geometry built from short decimals (0.75, -95.625, ...)
 * round-trips exactly.
 *
 * <p>Every image carries the image-plane attributes (position, orientation, spacing, frame of reference), also for
 * projection (DX) and ultrasound images whose IODs do not require them: the synthetic cohort needs a patient
 * coordinate system for its RTSTRUCT masks on every modality. Nothing here reads a clock: every date, time and UID
 * comes from the caller, so identical inputs give byte-identical files.
 */
public final class DicomWriter {
  /** Explicit VR Little Endian. */
  public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

  public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
  public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
  /** Digital X-Ray Image Storage - For Presentation. */
  public static final String DX_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.1.1";
  public static final String US_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.6.1";
  public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
  public static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";

  /** AE title written as SourceApplicationEntityTitle in the file meta information. */
  static final String SOURCE_AE = "SPARKRADIOMICS";

  private DicomWriter() {}

  /**
   * Patient and study identity shared by every object of one study.
   *
   * @param patientId PatientID (0010,0020)
   * @param patientName PatientName (0010,0010), e.g. {@code "Doe^Jane"}
   * @param birthDate PatientBirthDate (0010,0030), {@code YYYYMMDD}
   * @param sex PatientSex (0010,0040): M, F or O
   * @param patientAge PatientAge (0010,1010), e.g. {@code "062Y"}, or null
   * @param studyInstanceUid StudyInstanceUID (0020,000D)
   * @param studyId StudyID (0020,0010), at most 16 characters
   * @param studyDate StudyDate (0008,0020), {@code YYYYMMDD}
   * @param studyTime StudyTime (0008,0030), {@code HHMMSS}
   * @param accessionNumber AccessionNumber (0008,0050)
   * @param studyDescription StudyDescription (0008,1030)
   */
  public record PatientStudy(String patientId, String patientName, String birthDate, String sex, String patientAge,
      String studyInstanceUid, String studyId, String studyDate, String studyTime, String accessionNumber,
      String studyDescription) {
    public PatientStudy {
      Objects.requireNonNull(patientId, "patientId");
      Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    }
  }

  /** How stored samples are encoded. */
  public enum PixelFormat {
    /** 16-bit two's complement, one sample, PixelRepresentation 1. */
    INT16,
    /** 16-bit unsigned, one sample, PixelRepresentation 0 (stored in a {@code short[]} as the same bit pattern). */
    UINT16,
    /** 8-bit RGB, three samples per pixel, colour-by-pixel (PlanarConfiguration 0). */
    RGB8
  }

  /**
   * One image series (one file per slice).
   *
   * @param modality Modality (0008,0060): CT, MR, DX, US, ...
   * @param sopClassUid SOP class of every instance (one of the constants above)
   * @param seriesInstanceUid SeriesInstanceUID
   * @param frameOfReferenceUid FrameOfReferenceUID
   * @param sopInstanceUids one SOPInstanceUID per slice
   * @param seriesNumber SeriesNumber
   * @param seriesDescription SeriesDescription
   * @param nx Columns
   * @param ny Rows
   * @param nz number of slices (files)
   * @param spacing voxel spacing (x, y, z) in mm; z is SliceThickness and SpacingBetweenSlices
   * @param origin patient position (mm) of the centre of voxel (0, 0, 0)
   * @param direction 3x3 direction cosines, row-major, columns dirX, dirY, dirZ (as in Volume)
   * @param format sample encoding
   * @param stored16 stored values for INT16/UINT16 ({@code nx*ny*nz}), else null
   * @param rgb interleaved R,G,B bytes for RGB8 ({@code 3*nx*ny*nz}), else null
   * @param bitsStored BitsStored (HighBit = BitsStored - 1); 8 for RGB8
   * @param rescaleSlope RescaleSlope, or NaN to omit the rescale attributes
   * @param rescaleIntercept RescaleIntercept
   * @param rescaleType RescaleType (e.g. HU, US) or null
   * @param windowCenter WindowCenter, or NaN to omit windowing
   * @param windowWidth WindowWidth
   * @param bodyPart BodyPartExamined or null
   */
  public record ImageSeries(String modality, String sopClassUid, String seriesInstanceUid,
      String frameOfReferenceUid, String[] sopInstanceUids, int seriesNumber, String seriesDescription, int nx,
      int ny, int nz, double[] spacing, double[] origin, double[] direction, PixelFormat format, short[] stored16,
      byte[] rgb, int bitsStored, double rescaleSlope, double rescaleIntercept, String rescaleType,
      double windowCenter, double windowWidth, String bodyPart) {
    public ImageSeries {
      if (nx <= 0 || ny <= 0 || nz <= 0) {
        throw new IllegalArgumentException("dimensions must be positive");
      }
      if (sopInstanceUids == null || sopInstanceUids.length != nz) {
        throw new IllegalArgumentException("need one SOPInstanceUID per slice");
      }
      if (spacing.length != 3 || origin.length != 3 || direction.length != 9) {
        throw new IllegalArgumentException("spacing/origin need 3 values, direction 9");
      }
      long n = (long) nx * ny * nz;
      if (format == PixelFormat.RGB8) {
        if (rgb == null || rgb.length != 3 * n) {
          throw new IllegalArgumentException("RGB8 needs 3*nx*ny*nz bytes");
        }
      } else if (stored16 == null || stored16.length != n) {
        throw new IllegalArgumentException(format + " needs nx*ny*nz stored values");
      }
    }

    /** Direction of increasing column index (dirX). */
    public double[] rowCosines() {
      return new double[] {direction[0], direction[3], direction[6]};
    }

    /** Direction of increasing row index (dirY). */
    public double[] columnCosines() {
      return new double[] {direction[1], direction[4], direction[7]};
    }

    /** Slice direction (dirZ). */
    public double[] sliceCosines() {
      return new double[] {direction[2], direction[5], direction[8]};
    }

    /** ImagePositionPatient of slice {@code z}: {@code origin + z * spacing[2] * dirZ}. */
    public double[] slicePosition(int z) {
      double[] n = sliceCosines();
      return new double[] {
        origin[0] + z * spacing[2] * n[0], origin[1] + z * spacing[2] * n[1], origin[2] + z * spacing[2] * n[2]
      };
    }
  }

  /**
   * Writes every slice of {@code series} as {@code dir/<prefix><zzzz>.dcm} (z from 0, four digits).
   *
   * @return the files written, in slice order
   */
  public static List<Path> writeSeries(Path dir, String prefix, PatientStudy ps, ImageSeries series)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>(series.nz());
    for (int z = 0; z < series.nz(); z++) {
      Path f = dir.resolve(String.format("%s%04d.dcm", prefix, z));
      Files.write(f, encode(sliceAttributes(ps, series, z)));
      files.add(f);
    }
    return files;
  }

  /** The complete attribute list (without file meta information) of slice {@code z}. */
  public static AttributeList sliceAttributes(PatientStudy ps, ImageSeries s, int z) {
    try {
      AttributeList l = new AttributeList();
      putPatientStudy(l, ps);
      if (s.modality().equals("CT")) {
        put(l, tag(0x0008, 0x0008), "ORIGINAL", "PRIMARY", "AXIAL");
      } else if (s.modality().equals("MR")) {
        put(l, tag(0x0008, 0x0008), "ORIGINAL", "PRIMARY", "OTHER");
      } else {
        put(l, tag(0x0008, 0x0008), "ORIGINAL", "PRIMARY");
      }
      put(l, tag(0x0008, 0x0016), s.sopClassUid());
      put(l, tag(0x0008, 0x0018), s.sopInstanceUids()[z]);
      put(l, tag(0x0008, 0x0021), ps.studyDate());
      put(l, tag(0x0008, 0x0023), ps.studyDate());
      put(l, tag(0x0008, 0x0031), ps.studyTime());
      put(l, tag(0x0008, 0x0033), ps.studyTime());
      put(l, tag(0x0008, 0x0060), s.modality());
      put(l, tag(0x0008, 0x0070), "spark-radiomics synthetic");
      put(l, tag(0x0008, 0x103E), s.seriesDescription());
      if (s.bodyPart() != null) {
        put(l, tag(0x0018, 0x0015), s.bodyPart());
      }
      put(l, tag(0x0020, 0x000E), s.seriesInstanceUid());
      put(l, tag(0x0020, 0x0011), Integer.toString(s.seriesNumber()));
      put(l, tag(0x0020, 0x0013), Integer.toString(z + 1));
      putGeometry(l, s, z);
      put(l, tag(0x0028, 0x0010), Integer.toString(s.ny()));
      put(l, tag(0x0028, 0x0011), Integer.toString(s.nx()));
      int sliceLen = s.nx() * s.ny();
      if (s.format() == PixelFormat.RGB8) {
        put(l, tag(0x0028, 0x0002), "3");
        put(l, tag(0x0028, 0x0004), "RGB");
        put(l, tag(0x0028, 0x0006), "0");
        put(l, tag(0x0028, 0x0100), "8");
        put(l, tag(0x0028, 0x0101), "8");
        put(l, tag(0x0028, 0x0102), "7");
        put(l, tag(0x0028, 0x0103), "0");
        byte[] slice = new byte[3 * sliceLen];
        System.arraycopy(s.rgb(), 3 * sliceLen * z, slice, 0, slice.length);
        OtherByteAttribute px = new OtherByteAttribute(tag(0x7FE0, 0x0010));
        px.setValues(slice);
        l.put(px);
      } else {
        put(l, tag(0x0028, 0x0002), "1");
        put(l, tag(0x0028, 0x0004), "MONOCHROME2");
        put(l, tag(0x0028, 0x0100), "16");
        put(l, tag(0x0028, 0x0101), Integer.toString(s.bitsStored()));
        put(l, tag(0x0028, 0x0102), Integer.toString(s.bitsStored() - 1));
        put(l, tag(0x0028, 0x0103), s.format() == PixelFormat.INT16 ? "1" : "0");
        if (!Double.isNaN(s.windowCenter())) {
          put(l, tag(0x0028, 0x1050), ds(s.windowCenter()));
          put(l, tag(0x0028, 0x1051), ds(s.windowWidth()));
        }
        if (!Double.isNaN(s.rescaleSlope())) {
          put(l, tag(0x0028, 0x1052), ds(s.rescaleIntercept()));
          put(l, tag(0x0028, 0x1053), ds(s.rescaleSlope()));
          if (s.rescaleType() != null) {
            put(l, tag(0x0028, 0x1054), s.rescaleType());
          }
        }
        short[] slice = new short[sliceLen];
        System.arraycopy(s.stored16(), sliceLen * z, slice, 0, sliceLen);
        OtherWordAttribute px = new OtherWordAttribute(tag(0x7FE0, 0x0010));
        px.setValues(slice);
        l.put(px);
      }
      putModalitySpecific(l, s);
      FileMetaInformation.addFileMetaInformation(l, EXPLICIT_VR_LITTLE_ENDIAN, SOURCE_AE);
      return l;
    } catch (DicomException e) {
      throw new RadiomicsException(ErrorKind.INTERNAL_ERROR, "cannot build DICOM attributes: " + e.getMessage(), e);
    }
  }

  private static void putGeometry(AttributeList l, ImageSeries s, int z) throws DicomException {
    double[] pos = s.slicePosition(z);
    double[] r = s.rowCosines();
    double[] c = s.columnCosines();
    put(l, tag(0x0018, 0x0050), ds(s.spacing()[2]));
    put(l, tag(0x0018, 0x0088), ds(s.spacing()[2]));
    put(l, tag(0x0020, 0x0032), ds(pos[0]), ds(pos[1]), ds(pos[2]));
    put(l, tag(0x0020, 0x0037), ds(r[0]), ds(r[1]), ds(r[2]), ds(c[0]), ds(c[1]), ds(c[2]));
    put(l, tag(0x0020, 0x0052), s.frameOfReferenceUid());
    put(l, tag(0x0020, 0x1040), "");
    double[] n = s.sliceCosines();
    put(l, tag(0x0020, 0x1041), ds(pos[0] * n[0] + pos[1] * n[1] + pos[2] * n[2]));
    put(l, tag(0x0028, 0x0030), ds(s.spacing()[1]), ds(s.spacing()[0]));
  }

  private static void putModalitySpecific(AttributeList l, ImageSeries s) throws DicomException {
    switch (s.modality()) {
      case "DX" -> {
        put(l, tag(0x0008, 0x0068), "FOR PRESENTATION");
        putSequence(l, tag(0x0008, 0x2218), code("24136001", "SCT", "Hip joint"));
        putSequence(l, tag(0x0040, 0x0555));
        put(l, tag(0x0018, 0x1508), "");
        put(l, tag(0x0018, 0x7004), "DIRECT");
        putSequence(l, tag(0x0054, 0x0220), code("399348003", "SCT", "antero-posterior"));
        put(l, tag(0x0020, 0x0020), "L", "P");
        put(l, tag(0x0020, 0x0062), "U");
        put(l, tag(0x0028, 0x2110), "00");
        put(l, tag(0x0018, 0x1164), ds(s.spacing()[1]), ds(s.spacing()[0]));
        put(l, tag(0x0018, 0x5101), "AP");
        put(l, tag(0x0028, 0x0301), "NO");
        put(l, tag(0x0028, 0x1040), "LIN");
        put(l, tag(0x0028, 0x1041), "1");
        put(l, tag(0x2050, 0x0020), "IDENTITY");
      }
      case "CT" -> {
        put(l, tag(0x0018, 0x0060), "120");
        put(l, tag(0x0020, 0x0012), "1");
        put(l, tag(0x0018, 0x5100), "HFS");
      }
      case "MR" -> {
        put(l, tag(0x0018, 0x0020), "SE");
        put(l, tag(0x0018, 0x0021), "NONE");
        put(l, tag(0x0018, 0x0022), "");
        put(l, tag(0x0018, 0x0023), "2D");
        put(l, tag(0x0018, 0x0080), "500");
        put(l, tag(0x0018, 0x0081), "15");
        put(l, tag(0x0018, 0x0091), "1");
        put(l, tag(0x0018, 0x5100), "HFS");
      }
      case "US" -> {
        put(l, tag(0x0020, 0x0020), "L", "P");
        put(l, tag(0x0028, 0x2110), "00");
      }
      default -> { }
    }
  }

  /** Puts the patient and study modules (and SpecificCharacterSet) shared by every object of a study. */
  static void putPatientStudy(AttributeList l, PatientStudy ps) throws DicomException {
    put(l, tag(0x0008, 0x0005), "ISO_IR 100");
    put(l, tag(0x0008, 0x0020), ps.studyDate());
    put(l, tag(0x0008, 0x0030), ps.studyTime());
    put(l, tag(0x0008, 0x0050), ps.accessionNumber() == null ? "" : ps.accessionNumber());
    put(l, tag(0x0008, 0x0090), "");
    put(l, tag(0x0008, 0x1030), ps.studyDescription() == null ? "" : ps.studyDescription());
    put(l, tag(0x0010, 0x0010), ps.patientName() == null ? "" : ps.patientName());
    put(l, tag(0x0010, 0x0020), ps.patientId());
    put(l, tag(0x0010, 0x0030), ps.birthDate() == null ? "" : ps.birthDate());
    put(l, tag(0x0010, 0x0040), ps.sex() == null ? "" : ps.sex());
    if (ps.patientAge() != null) {
      put(l, tag(0x0010, 0x1010), ps.patientAge());
    }
    put(l, tag(0x0020, 0x000D), ps.studyInstanceUid());
    put(l, tag(0x0020, 0x0010), ps.studyId() == null ? "" : ps.studyId());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Small helpers shared with SegWriter and RtStructWriter.

  static AttributeTag tag(int group, int element) {
    return new AttributeTag(group, element);
  }

  /** Creates (replacing) an attribute of the dictionary VR of {@code t} holding the given string values. */
  static Attribute put(AttributeList l, AttributeTag t, String... values) throws DicomException {
    Attribute a = AttributeFactory.newAttribute(t);
    for (String v : values) {
      a.addValue(v);
    }
    l.put(a);
    return a;
  }

  /** Creates (replacing) a sequence attribute with the given items. */
  static SequenceAttribute putSequence(AttributeList l, AttributeTag t, AttributeList... items) {
    SequenceAttribute sq = new SequenceAttribute(t);
    for (AttributeList item : items) {
      sq.addItem(item);
    }
    l.put(sq);
    return sq;
  }

  /** A code sequence item (CodeValue, CodingSchemeDesignator, CodeMeaning). */
  static AttributeList code(String value, String scheme, String meaning) throws DicomException {
    AttributeList c = new AttributeList();
    put(c, tag(0x0008, 0x0100), value);
    put(c, tag(0x0008, 0x0102), scheme);
    put(c, tag(0x0008, 0x0104), meaning);
    return c;
  }

  /** A referenced SOP item (ReferencedSOPClassUID, ReferencedSOPInstanceUID). */
  static AttributeList sopRef(String classUid, String instanceUid) throws DicomException {
    AttributeList r = new AttributeList();
    put(r, tag(0x0008, 0x1150), classUid);
    put(r, tag(0x0008, 0x1155), instanceUid);
    return r;
  }

  /** Encodes a complete attribute list (including file meta information) as a DICOM Part 10 byte stream. */
  /** Writes an encoded instance to {@code file}, creating its folder; returns the file. */
  static Path writeFile(Path file, AttributeList l) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.write(file, encode(l));
    return file;
  }

  /** A mask for {@code src} must have one entry per voxel of the series. */
  static void checkMaskSize(boolean[] mask, ImageSeries src) {
    long n = (long) src.nx() * src.ny() * src.nz();
    if (mask.length != n) {
      throw new IllegalArgumentException("mask has " + mask.length + " voxels, series has " + n);
    }
  }

  static byte[] encode(AttributeList l) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(1 << 16);
    try {
      l.write(bos, EXPLICIT_VR_LITTLE_ENDIAN, true, true);
    } catch (DicomException e) {
      throw new IOException("cannot encode DICOM: " + e.getMessage(), e);
    }
    return bos.toByteArray();
  }

  /**
   * Formats a number as a DICOM decimal string (DS, at most 16 characters): the shortest decimal that reads back
   * as the same double when it fits, else the value rounded to the digits that fit. {@code -0} becomes {@code 0}.
   */
  public static String ds(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("DS value must be finite: " + v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal b = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String s = plain(b);
    for (int digits = 16; s.length() > 16 && digits > 1; digits--) {
      s = plain(b.round(new MathContext(digits)).stripTrailingZeros());
    }
    if (s.length() > 16) {
      s = String.format("%.6E", v);
    }
    return s;
  }

  private static String plain(BigDecimal b) {
    String s = b.toPlainString();
    if (s.length() > 16 && Math.abs(b.scale()) > 16) {
      return b.toString();
    }
    return s;
  }
}
