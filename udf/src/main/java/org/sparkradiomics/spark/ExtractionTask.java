package org.sparkradiomics.spark;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * One ROI to extract, as shipped to an executor: plain strings only, so it serializes cheaply (registered in
 * {@link KryoRegistration}). Paths may be plain local paths or {@code file:} URIs.
 */
public final class ExtractionTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String roiId;
  private final String imageUri;
  private final String maskUri;
  private final String roiSelector;
  private final String patientKey;
  private final String modality;

  /**
   * @param roiId ROI identifier written to every output row (required)
   * @param imageUri DICOM series folder/file, NIfTI or NRRD image (required)
   * @param maskUri DICOM SEG / RTSTRUCT or label image (required)
   * @param roiSelector segment number/label, RTSTRUCT ROI name, or label value; null for the first / non-zero
   * @param patientKey pseudonymous patient key; null to take it from the DICOM header (pseudonymised on read)
   * @param modality image modality selecting the settings preset; null to take it from the DICOM header
   */
  public ExtractionTask(String roiId, String imageUri, String maskUri, String roiSelector, String patientKey,
      String modality) {
    this.roiId = Objects.requireNonNull(roiId, "roiId");
    this.imageUri = Objects.requireNonNull(imageUri, "imageUri");
    this.maskUri = Objects.requireNonNull(maskUri, "maskUri");
    this.roiSelector = roiSelector;
    this.patientKey = patientKey;
    this.modality = modality;
  }

  public String roiId() {
    return roiId;
  }

  public String imageUri() {
    return imageUri;
  }

  public String maskUri() {
    return maskUri;
  }

  public String roiSelector() {
    return roiSelector;
  }

  public String patientKey() {
    return patientKey;
  }

  public String modality() {
    return modality;
  }

  /** A local path from a plain path or a {@code file:} URI. */
  static Path toPath(String uriOrPath) {
    return uriOrPath.startsWith("file:") ? Paths.get(URI.create(uriOrPath)) : Paths.get(uriOrPath);
  }

  @Override
  public String toString() {
    return "ExtractionTask[" + roiId + ", image=" + imageUri + ", mask=" + maskUri + ", roi=" + roiSelector
        + ", modality=" + modality + "]";
  }
}
