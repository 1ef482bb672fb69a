package org.sparkradiomics.dicom;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import org.sparkradiomics.image.Volume;

/**
 * One image series read into a {@link Volume} (LPS geometry: origin = ImagePositionPatient of the first slice along
 * the slice normal, direction columns = row cosine, column cosine, slice normal) together with the metadata of its
 * instances in slice order and, for each slice k, the SOPInstanceUID and 1-based frame number it came from (used to
 * match SEG and RTSTRUCT references).
 */
public final class DicomSeries implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String seriesInstanceUid;
  private final String frameOfReferenceUid;
  private final Volume volume;
  private final List<DicomMetadata> instances;
  private final String[] sliceSopInstanceUids;
  private final int[] sliceFrameNumbers;
  private transient volatile java.util.Map<String, Integer> index;

  DicomSeries(String seriesInstanceUid, String frameOfReferenceUid, Volume volume, List<DicomMetadata> instances,
      String[] sliceSopInstanceUids, int[] sliceFrameNumbers) {
    this.seriesInstanceUid = seriesInstanceUid;
    this.frameOfReferenceUid = frameOfReferenceUid;
    this.volume = volume;
    this.instances = Collections.unmodifiableList(instances);
    this.sliceSopInstanceUids = sliceSopInstanceUids;
    this.sliceFrameNumbers = sliceFrameNumbers;
  }

  public String seriesInstanceUid() {
    return seriesInstanceUid;
  }

  public String frameOfReferenceUid() {
    return frameOfReferenceUid;
  }

  public Volume volume() {
    return volume;
  }

  /** Metadata of each instance (file), in slice order. */
  public List<DicomMetadata> metadata() {
    return instances;
  }

  /** SOPInstanceUID of the instance that slice {@code k} came from. */
  public String sliceSopInstanceUid(int k) {
    return sliceSopInstanceUids[k];
  }

  /** 1-based frame number, within its instance, of slice {@code k}. */
  public int sliceFrameNumber(int k) {
    return sliceFrameNumbers[k];
  }

  /** The slice index of (SOPInstanceUID, 1-based frame), or -1. */
  public int sliceOf(String sopInstanceUid, int frameNumber) {
    java.util.Map<String, Integer> idx = index;
    if (idx == null) {
      idx = new java.util.HashMap<>();
      for (int k = 0; k < sliceSopInstanceUids.length; k++) {
        idx.putIfAbsent(sliceSopInstanceUids[k] + "#" + sliceFrameNumbers[k], k);
      }
      index = idx;
    }
    Integer k = idx.get(sopInstanceUid + "#" + frameNumber);
    return k == null ? -1 : k;
  }

  @Override
  public String toString() {
    return "DicomSeries[" + seriesInstanceUid + ", " + volume + ", instances=" + instances.size() + "]";
  }
}
