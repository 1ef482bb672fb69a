package org.sparkradiomics.error;

/**
 * Typed reasons why a study, series, file or ROI could not be processed. These values are written to the
 * quarantine table, so they are stable identifiers: add new ones, never rename.
 */
public enum ErrorKind {
  /** The file is not DICOM / NIfTI / NRRD, or its header cannot be parsed. */
  UNREADABLE_FILE,
  /** The transfer syntax (codec) is known but not decodable here: JPEG-LS, 12-bit JPEG, HTJ2K, ... */
  UNSUPPORTED_TRANSFER_SYNTAX,
  /** The pixel encoding is outside what we decode reliably (e.g. 32-bit data, 1-bit SEG in RLE/J2K). */
  UNSUPPORTED_PIXEL_FORMAT,
  /** Decoded pixel data is missing, truncated or of the wrong length. */
  CORRUPT_PIXEL_DATA,
  /** A required header attribute is absent or invalid. */
  MISSING_ATTRIBUTE,
  /** Slices of a series disagree: orientation, spacing, size, or duplicate positions. */
  INCONSISTENT_SERIES,
  /** A mask (SEG, RTSTRUCT, NIfTI, NRRD) does not lie on the grid of its image or references another series. */
  MASK_GRID_MISMATCH,
  /** The requested segment / ROI / label does not exist. */
  ROI_NOT_FOUND,
  /** The ROI has no voxels (before or after preprocessing). */
  EMPTY_ROI,
  /** Settings are invalid or an invalid combination. */
  INVALID_SETTINGS,
  /** An unexpected internal failure; the message carries the exception. */
  INTERNAL_ERROR
}
