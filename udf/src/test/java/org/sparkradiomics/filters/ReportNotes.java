package org.sparkradiomics.filters;

/** Fixed notes appended to the generated IBSI-2 phase-1 report. */
final class ReportNotes {
  private ReportNotes() {}

  static final String TEXT = "";
}
