package org.sparkradiomics.cohort;

import org.sparkradiomics.dicom.DicomWriter;

/**
 * The synthetic modalities and their latent ROI distributions. For each, the ROI mean intensity is
 * {@code mu = meanCentre + meanSd * zMean} and the ROI heterogeneity is
 * {@code sigma = exp(ln(hetCentre) + hetLogSd * zHet)}, in the modality's real-world units (see
 * {@link GenerativeRule}).
 */
public enum Modality {
  /** CT-like 3D series: signed 16-bit, HU after rescale; 128 x 128 x 16 at 0.75 x 0.75 x 2.5 mm. */
  CT("CT", DicomWriter.CT_IMAGE_STORAGE, 128, 128, 16, 0.75, 0.75, 2.5, 40, 15, 20, 0.35),
  /** DXA/DX-like 2D image: unsigned 16-bit (bone ROI above 32767); 256 x 256 at 0.5 mm. */
  DX("DX", DicomWriter.DX_IMAGE_STORAGE, 256, 256, 1, 0.5, 0.5, 1.0, 36000, 2500, 1200, 0.35),
  /** MR-like 3D series: unsigned 16-bit; 128 x 128 x 16 at 0.9375 x 0.9375 x 3 mm. */
  MR("MR", DicomWriter.MR_IMAGE_STORAGE, 128, 128, 16, 0.9375, 0.9375, 3.0, 700, 100, 60, 0.35),
  /** US-like 2D image: 8-bit RGB (grey B-mode with a colour bar); 256 x 256 at 0.2 mm. */
  US("US", DicomWriter.US_IMAGE_STORAGE, 256, 256, 1, 0.2, 0.2, 1.0, 110, 12, 12, 0.3);

  final String dicomModality;
  final String sopClassUid;
  final int nx;
  final int ny;
  final int nz;
  final double sx;
  final double sy;
  final double sz;
  /** Centre and SD of the ROI mean intensity. */
  final double meanCentre;
  final double meanSd;
  /** Median and log-SD of the ROI heterogeneity. */
  final double hetCentre;
  final double hetLogSd;

  Modality(String dicomModality, String sopClassUid, int nx, int ny, int nz, double sx, double sy, double sz,
      double meanCentre, double meanSd, double hetCentre, double hetLogSd) {
    this.dicomModality = dicomModality;
    this.sopClassUid = sopClassUid;
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.meanCentre = meanCentre;
    this.meanSd = meanSd;
    this.hetCentre = hetCentre;
    this.hetLogSd = hetLogSd;
  }

  /** ROI mean intensity for a standardised latent: {@code meanCentre + meanSd * zMean}. */
  public double roiMean(double zMean) {
    return meanCentre + meanSd * zMean;
  }

  /** ROI heterogeneity (texture SD) for a standardised latent: {@code hetCentre * exp(hetLogSd * zHet)}. */
  public double roiHeterogeneity(double zHet) {
    return hetCentre * StrictMath.exp(hetLogSd * zHet);
  }

  /** Inverse of {@link #roiMean}. */
  public double zOfMean(double mu) {
    return (mu - meanCentre) / meanSd;
  }

  /** Inverse of {@link #roiHeterogeneity}. */
  public double zOfHeterogeneity(double sigma) {
    return StrictMath.log(sigma / hetCentre) / hetLogSd;
  }

  public String dicomModality() {
    return dicomModality;
  }

  /** True for 3D series. */
  public boolean volumetric() {
    return nz > 1;
  }
}
