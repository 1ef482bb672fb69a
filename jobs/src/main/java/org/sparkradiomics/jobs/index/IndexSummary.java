package org.sparkradiomics.jobs.index;

/**
 * What one {@code index} run did. "New" counts are rows actually added to the tables (a re-run of the same export
 * adds 0 everywhere).
 *
 * @param runId the run identifier
 * @param exportId the export identifier written to new rows
 * @param filesListed files listed under the inputs (manifest files excluded)
 * @param instancesNew rows added to {@code dicom_instances}
 * @param seriesNew rows added to {@code series}
 * @param roisNew rows added to {@code rois}
 * @param quarantinedNew rows added to {@code quarantine}
 * @param seconds wall-clock duration
 * @param phases wall-clock seconds per phase (list, headers, write, manifest), in order
 */
public record IndexSummary(String runId, String exportId, long filesListed, long instancesNew, long seriesNew,
    long roisNew, long quarantinedNew, double seconds, java.util.Map<String, Double> phases) {
  /** One line for the console / logs. */
  public String line() {
    StringBuilder p = new StringBuilder();
    phases.forEach((k, v) -> p.append(p.length() == 0 ? " (" : ", ").append(k)
        .append(String.format(java.util.Locale.ROOT, " %.1f s", v)));
    return String.format(java.util.Locale.ROOT, "index %s (export %s): %d files listed, %d instances, %d series,"
        + " %d rois, %d quarantined (new rows) in %.1f s%s", runId, exportId, filesListed, instancesNew, seriesNew,
        roisNew, quarantinedNew, seconds, p.length() == 0 ? "" : p.append(')'));
  }
}
