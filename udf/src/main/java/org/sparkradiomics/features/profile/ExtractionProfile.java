package org.sparkradiomics.features.profile;

import java.io.Serializable;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;

/**
 * How features are computed for one image and ROI, over one or more image types (the original image and filtered
 * images): the single object the Spark jobs, the SQL function and the single-case {@code extract} command hand an
 * image and mask to. A profile is configuration over the shared feature families, never a copy of them.
 *
 * <p>Implementations are immutable and serializable (they travel to executors inside partition functions) and
 * thread-safe. {@link #extract} never throws for data problems: they are typed in the {@link ProfileResult}.
 */
public interface ExtractionProfile extends Serializable {
  /** Profile name written to the {@code profile} column: {@code ibsi} or {@code pyradiomics}. */
  String name();

  /** A stable, human-readable description of every parameter; {@link #paramsHash()} is its SHA-256. */
  String canonicalParams();

  /** SHA-256 (hex) of {@link #canonicalParams()}: identifies the params set in every table. */
  String paramsHash();

  /**
   * Features of {@code image} inside {@code mask}, per image type.
   *
   * @throws org.sparkradiomics.error.RadiomicsException only for input problems detected before any feature is
   *     computed (e.g. MASK_GRID_MISMATCH)
   */
  ProfileResult extract(Volume image, Mask mask);
}
