package org.sparkradiomics.dicom;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The non-identifying header fields of one DICOM instance. Patient name, birth date, address and the raw PatientID
 * are never copied: the patient is represented only by {@link #pseudonymousPatientId()} (HMAC-SHA256, see
 * {@link Pseudonymizer}). {@link #studyDate()} is null unless the reader was configured to keep it.
 *
 * <p>Image attributes ({@link #rows()} etc.) are 0 / null for non-image instances. For enhanced multi-frame
 * instances the geometry and rescale fields are those of the first frame (shared or per-frame functional groups).
 */
public final class DicomMetadata implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String sopInstanceUid;
  private final String seriesInstanceUid;
  private final String studyInstanceUid;
  private final String sopClassUid;
  private final String frameOfReferenceUid;
  private final String modality;
  private final String manufacturer;
  private final String manufacturerModelName;
  private final String institutionName;
  private final Double kvp;
  private final Double sliceThickness;
  private final double[] pixelSpacing;
  private final String bodyPartExamined;
  private final String studyDate;
  private final String pseudonymousPatientId;
  private final String transferSyntaxUid;
  private final Integer instanceNumber;
  private final int rows;
  private final int columns;
  private final int numberOfFrames;
  private final int samplesPerPixel;
  private final int bitsAllocated;
  private final int bitsStored;
  private final int pixelRepresentation;
  private final String photometricInterpretation;
  private final double[] imagePositionPatient;
  private final double[] imageOrientationPatient;
  private final double rescaleSlope;
  private final double rescaleIntercept;
  private final List<String> referencedSeriesUids;
  private final List<MaskItem> maskItems;

  private DicomMetadata(Builder b) {
    sopInstanceUid = b.sopInstanceUid;
    seriesInstanceUid = b.seriesInstanceUid;
    studyInstanceUid = b.studyInstanceUid;
    sopClassUid = b.sopClassUid;
    frameOfReferenceUid = b.frameOfReferenceUid;
    modality = b.modality;
    manufacturer = b.manufacturer;
    manufacturerModelName = b.manufacturerModelName;
    institutionName = b.institutionName;
    kvp = b.kvp;
    sliceThickness = b.sliceThickness;
    pixelSpacing = b.pixelSpacing == null ? null : b.pixelSpacing.clone();
    bodyPartExamined = b.bodyPartExamined;
    studyDate = b.studyDate;
    pseudonymousPatientId = b.pseudonymousPatientId;
    transferSyntaxUid = b.transferSyntaxUid;
    instanceNumber = b.instanceNumber;
    rows = b.rows;
    columns = b.columns;
    numberOfFrames = b.numberOfFrames;
    samplesPerPixel = b.samplesPerPixel;
    bitsAllocated = b.bitsAllocated;
    bitsStored = b.bitsStored;
    pixelRepresentation = b.pixelRepresentation;
    photometricInterpretation = b.photometricInterpretation;
    imagePositionPatient = b.imagePositionPatient == null ? null : b.imagePositionPatient.clone();
    imageOrientationPatient = b.imageOrientationPatient == null ? null : b.imageOrientationPatient.clone();
    rescaleSlope = b.rescaleSlope;
    rescaleIntercept = b.rescaleIntercept;
    referencedSeriesUids = List.copyOf(b.referencedSeriesUids);
    maskItems = List.copyOf(b.maskItems);
  }

  /**
   * One segment of a DICOM SEG (SegmentNumber, SegmentLabel) or one ROI of an RTSTRUCT (ROINumber, ROIName), as
   * named in the mask object's header; {@code label} may be null.
   */
  public record MaskItem(int number, String label) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String sopInstanceUid() {
    return sopInstanceUid;
  }

  public String seriesInstanceUid() {
    return seriesInstanceUid;
  }

  public String studyInstanceUid() {
    return studyInstanceUid;
  }

  public String sopClassUid() {
    return sopClassUid;
  }

  public String frameOfReferenceUid() {
    return frameOfReferenceUid;
  }

  public String modality() {
    return modality;
  }

  public String manufacturer() {
    return manufacturer;
  }

  public String manufacturerModelName() {
    return manufacturerModelName;
  }

  public String institutionName() {
    return institutionName;
  }

  /** Peak kilovoltage (0018,0060), or null. */
  public Double kvp() {
    return kvp;
  }

  public Double sliceThickness() {
    return sliceThickness;
  }

  /** Row spacing then column spacing in mm (0028,0030), or null. */
  public double[] pixelSpacing() {
    return pixelSpacing == null ? null : pixelSpacing.clone();
  }

  public String bodyPartExamined() {
    return bodyPartExamined;
  }

  /** StudyDate (YYYYMMDD) only when the reader keeps dates, else null. */
  public String studyDate() {
    return studyDate;
  }

  /** Hex HMAC-SHA256 of the PatientID, or null when the instance has none. */
  public String pseudonymousPatientId() {
    return pseudonymousPatientId;
  }

  public String transferSyntaxUid() {
    return transferSyntaxUid;
  }

  public Integer instanceNumber() {
    return instanceNumber;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  public int numberOfFrames() {
    return numberOfFrames;
  }

  public int samplesPerPixel() {
    return samplesPerPixel;
  }

  public int bitsAllocated() {
    return bitsAllocated;
  }

  public int bitsStored() {
    return bitsStored;
  }

  public int pixelRepresentation() {
    return pixelRepresentation;
  }

  public String photometricInterpretation() {
    return photometricInterpretation;
  }

  public double[] imagePositionPatient() {
    return imagePositionPatient == null ? null : imagePositionPatient.clone();
  }

  public double[] imageOrientationPatient() {
    return imageOrientationPatient == null ? null : imageOrientationPatient.clone();
  }

  public double rescaleSlope() {
    return rescaleSlope;
  }

  public double rescaleIntercept() {
    return rescaleIntercept;
  }

  /**
   * SeriesInstanceUIDs a SEG (ReferencedSeriesSequence) or RTSTRUCT (ReferencedFrameOfReferenceSequence / RT
   * Referenced Study / RT Referenced Series) refers to, in header order without duplicates; empty for other objects.
   */
  public List<String> referencedSeriesUids() {
    return referencedSeriesUids;
  }

  /** Segments of a SEG or ROIs of an RTSTRUCT, in header order; empty for other objects. */
  public List<MaskItem> maskItems() {
    return maskItems;
  }

  /** The mask kind of a Segmentation ({@code SEG}) or RT Structure Set ({@code RTSTRUCT}) instance, else null. */
  public String maskKind() {
    if (sopClassUid == null) {
      return null;
    }
    if (sopClassUid.startsWith("1.2.840.10008.5.1.4.1.1.66")) {
      return "SEG";
    }
    return sopClassUid.equals("1.2.840.10008.5.1.4.1.1.481.3") ? "RTSTRUCT" : null;
  }

  /**
   * True for an image that belongs to an image series: it has an image pixel module and is not a segmentation or
   * RT object (which are never stacked into an image volume).
   */
  public boolean isImageStorage() {
    return DicomReader.isImageStorage(this);
  }

  /** True when the instance has an image pixel module (rows and columns). */
  public boolean isImage() {
    return rows > 0 && columns > 0;
  }

  /** The fields in a fixed order, with JSON-friendly values (String, Number, List of Double, or null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sopInstanceUid", sopInstanceUid);
    m.put("seriesInstanceUid", seriesInstanceUid);
    m.put("studyInstanceUid", studyInstanceUid);
    m.put("sopClassUid", sopClassUid);
    m.put("frameOfReferenceUid", frameOfReferenceUid);
    m.put("modality", modality);
    m.put("manufacturer", manufacturer);
    m.put("manufacturerModelName", manufacturerModelName);
    m.put("institutionName", institutionName);
    m.put("kvp", kvp);
    m.put("sliceThickness", sliceThickness);
    m.put("pixelSpacing", list(pixelSpacing));
    m.put("bodyPartExamined", bodyPartExamined);
    m.put("studyDate", studyDate);
    m.put("pseudonymousPatientId", pseudonymousPatientId);
    m.put("transferSyntaxUid", transferSyntaxUid);
    m.put("instanceNumber", instanceNumber);
    m.put("rows", rows);
    m.put("columns", columns);
    m.put("numberOfFrames", numberOfFrames);
    m.put("samplesPerPixel", samplesPerPixel);
    m.put("bitsAllocated", bitsAllocated);
    m.put("bitsStored", bitsStored);
    m.put("pixelRepresentation", pixelRepresentation);
    m.put("photometricInterpretation", photometricInterpretation);
    m.put("imagePositionPatient", list(imagePositionPatient));
    m.put("imageOrientationPatient", list(imageOrientationPatient));
    m.put("rescaleSlope", rescaleSlope);
    m.put("rescaleIntercept", rescaleIntercept);
    if (!referencedSeriesUids.isEmpty()) {
      m.put("referencedSeriesUids", referencedSeriesUids);
    }
    if (!maskItems.isEmpty()) {
      List<String> items = new ArrayList<>();
      for (MaskItem it : maskItems) {
        items.add(it.number() + ":" + it.label());
      }
      m.put("maskItems", items);
    }
    return m;
  }

  private static List<Double> list(double[] a) {
    if (a == null) {
      return null;
    }
    List<Double> l = new ArrayList<>(a.length);
    for (double d : a) {
      l.add(d);
    }
    return l;
  }

  @Override
  public String toString() {
    return "DicomMetadata" + toMap();
  }

  /** Builder; unset image fields stay 0 / null, rescale defaults to slope 1, intercept 0. */
  public static final class Builder {
    private String sopInstanceUid;
    private String seriesInstanceUid;
    private String studyInstanceUid;
    private String sopClassUid;
    private String frameOfReferenceUid;
    private String modality;
    private String manufacturer;
    private String manufacturerModelName;
    private String institutionName;
    private Double kvp;
    private Double sliceThickness;
    private double[] pixelSpacing;
    private String bodyPartExamined;
    private String studyDate;
    private String pseudonymousPatientId;
    private String transferSyntaxUid;
    private Integer instanceNumber;
    private int rows;
    private int columns;
    private int numberOfFrames;
    private int samplesPerPixel;
    private int bitsAllocated;
    private int bitsStored;
    private int pixelRepresentation;
    private String photometricInterpretation;
    private double[] imagePositionPatient;
    private double[] imageOrientationPatient;
    private double rescaleSlope = 1;
    private double rescaleIntercept;
    private List<String> referencedSeriesUids = List.of();
    private List<MaskItem> maskItems = List.of();

    private Builder() {}

    public Builder sopInstanceUid(String v) {
      sopInstanceUid = v;
      return this;
    }

    public Builder seriesInstanceUid(String v) {
      seriesInstanceUid = v;
      return this;
    }

    public Builder studyInstanceUid(String v) {
      studyInstanceUid = v;
      return this;
    }

    public Builder sopClassUid(String v) {
      sopClassUid = v;
      return this;
    }

    public Builder frameOfReferenceUid(String v) {
      frameOfReferenceUid = v;
      return this;
    }

    public Builder modality(String v) {
      modality = v;
      return this;
    }

    public Builder manufacturer(String v) {
      manufacturer = v;
      return this;
    }

    public Builder manufacturerModelName(String v) {
      manufacturerModelName = v;
      return this;
    }

    public Builder institutionName(String v) {
      institutionName = v;
      return this;
    }

    public Builder kvp(Double v) {
      kvp = v;
      return this;
    }

    public Builder sliceThickness(Double v) {
      sliceThickness = v;
      return this;
    }

    public Builder pixelSpacing(double[] v) {
      pixelSpacing = v == null ? null : v.clone();
      return this;
    }

    public Builder bodyPartExamined(String v) {
      bodyPartExamined = v;
      return this;
    }

    public Builder studyDate(String v) {
      studyDate = v;
      return this;
    }

    public Builder pseudonymousPatientId(String v) {
      pseudonymousPatientId = v;
      return this;
    }

    public Builder transferSyntaxUid(String v) {
      transferSyntaxUid = v;
      return this;
    }

    public Builder instanceNumber(Integer v) {
      instanceNumber = v;
      return this;
    }

    public Builder rows(int v) {
      rows = v;
      return this;
    }

    public Builder columns(int v) {
      columns = v;
      return this;
    }

    public Builder numberOfFrames(int v) {
      numberOfFrames = v;
      return this;
    }

    public Builder samplesPerPixel(int v) {
      samplesPerPixel = v;
      return this;
    }

    public Builder bitsAllocated(int v) {
      bitsAllocated = v;
      return this;
    }

    public Builder bitsStored(int v) {
      bitsStored = v;
      return this;
    }

    public Builder pixelRepresentation(int v) {
      pixelRepresentation = v;
      return this;
    }

    public Builder photometricInterpretation(String v) {
      photometricInterpretation = v;
      return this;
    }

    public Builder imagePositionPatient(double[] v) {
      imagePositionPatient = v == null ? null : v.clone();
      return this;
    }

    public Builder imageOrientationPatient(double[] v) {
      imageOrientationPatient = v == null ? null : v.clone();
      return this;
    }

    public Builder rescaleSlope(double v) {
      rescaleSlope = v;
      return this;
    }

    public Builder rescaleIntercept(double v) {
      rescaleIntercept = v;
      return this;
    }

    public Builder referencedSeriesUids(List<String> v) {
      referencedSeriesUids = v == null ? List.of() : List.copyOf(v);
      return this;
    }

    public Builder maskItems(List<MaskItem> v) {
      maskItems = v == null ? List.of() : List.copyOf(v);
      return this;
    }

    public DicomMetadata build() {
      return new DicomMetadata(this);
    }
  }
}
