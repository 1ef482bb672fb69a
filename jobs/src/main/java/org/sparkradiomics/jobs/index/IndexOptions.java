package org.sparkradiomics.jobs.index;

import java.util.List;
import java.util.Objects;

/**
 * What to index.
 *
 * @param inputs one or more URIs (folders or files; {@code file:}, {@code hdfs:}, {@code s3a:} or plain paths)
 * @param exportId identifier of this export/batch written to new rows; null derives {@code export-} + the first 12
 *     hex digits of the SHA-256 of the sorted inputs
 * @param manifest URI of a manifest CSV of NIfTI/NRRD label maps ({@code image,mask[,label][,patient_key][,modality]},
 *     header required, relative paths resolved against the manifest's folder), or null
 * @param keepStudyDate whether {@code dicom_instances.study_date} is filled (dates are quasi-identifiers: off by
 *     default)
 * @param runId run identifier written to quarantine rows and Delta commit metadata; null generates one
 */
public record IndexOptions(List<String> inputs, String exportId, String manifest, boolean keepStudyDate,
    String runId) {
  public IndexOptions {
    Objects.requireNonNull(inputs, "inputs");
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty() && manifest == null) {
      throw new IllegalArgumentException("index needs at least one --input (or a --manifest)");
    }
  }

  /** Inputs only, defaults for the rest. */
  public static IndexOptions of(String... inputs) {
    return new IndexOptions(List.of(inputs), null, null, false, null);
  }

  public IndexOptions withExportId(String id) {
    return new IndexOptions(inputs, id, manifest, keepStudyDate, runId);
  }

  public IndexOptions withManifest(String uri) {
    return new IndexOptions(inputs, exportId, uri, keepStudyDate, runId);
  }

  public IndexOptions withRunId(String id) {
    return new IndexOptions(inputs, exportId, manifest, keepStudyDate, id);
  }
}
