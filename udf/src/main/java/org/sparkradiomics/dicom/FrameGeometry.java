package org.sparkradiomics.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.List;

/**
 * Package-private: the plane geometry and rescale of each frame of an instance. Enhanced multi-frame instances take
 * each value from the frame's Per-Frame Functional Groups item, else from the Shared Functional Groups; classic
 * instances use the top-level attributes for every frame.
 */
final class FrameGeometry {
  final double[] position;
  final double[] orientation;
  final double[] pixelSpacing;
  final Double sliceThickness;
  final Double spacingBetweenSlices;
  final double slope;
  final double intercept;
  /** True when the position is specific to this frame (enhanced per-frame or single-frame instance). */
  final boolean ownPosition;

  private FrameGeometry(double[] position, double[] orientation, double[] pixelSpacing, Double sliceThickness,
      Double spacingBetweenSlices, double slope, double intercept, boolean ownPosition) {
    this.position = position;
    this.orientation = orientation;
    this.pixelSpacing = pixelSpacing;
    this.sliceThickness = sliceThickness;
    this.spacingBetweenSlices = spacingBetweenSlices;
    this.slope = slope;
    this.intercept = intercept;
    this.ownPosition = ownPosition;
  }

  static List<FrameGeometry> of(AttributeList l, int frames) {
    List<FrameGeometry> out = new ArrayList<>(frames);
    List<AttributeList> perFrame = Attrs.items(l, TagFromName.PerFrameFunctionalGroupsSequence);
    AttributeList shared = Attrs.first(l, TagFromName.SharedFunctionalGroupsSequence);
    boolean enhanced = !perFrame.isEmpty() || shared != null;
    for (int f = 0; f < frames; f++) {
      if (!enhanced) {
        out.add(classic(l, frames == 1));
      } else {
        AttributeList pf = f < perFrame.size() ? perFrame.get(f) : null;
        out.add(enhanced(l, pf, shared));
      }
    }
    return out;
  }

  private static FrameGeometry classic(AttributeList l, boolean single) {
    double[] ps = Attrs.dbls(l, TagFromName.PixelSpacing, 2);
    if (ps == null) {
      ps = Attrs.dbls(l, TagFromName.ImagerPixelSpacing, 2);
    }
    Double slope = Attrs.dbl(l, TagFromName.RescaleSlope);
    Double inter = Attrs.dbl(l, TagFromName.RescaleIntercept);
    return new FrameGeometry(Attrs.dbls(l, TagFromName.ImagePositionPatient, 3),
        Attrs.dbls(l, TagFromName.ImageOrientationPatient, 6), ps, Attrs.dbl(l, TagFromName.SliceThickness),
        Attrs.dbl(l, TagFromName.SpacingBetweenSlices), slope == null || slope == 0 ? 1 : slope,
        inter == null ? 0 : inter, single);
  }

  /** The first item of functional group macro {@code seq} from the per-frame item, else from the shared item. */
  static AttributeList group(AttributeList perFrame, AttributeList shared, com.pixelmed.dicom.AttributeTag seq) {
    AttributeList g = Attrs.first(perFrame, seq);
    return g != null ? g : Attrs.first(shared, seq);
  }

  private static FrameGeometry enhanced(AttributeList top, AttributeList pf, AttributeList shared) {
    AttributeList pos = group(pf, shared, TagFromName.PlanePositionSequence);
    AttributeList ori = group(pf, shared, TagFromName.PlaneOrientationSequence);
    AttributeList meas = group(pf, shared, TagFromName.PixelMeasuresSequence);
    AttributeList pvt = group(pf, shared, TagFromName.PixelValueTransformationSequence);
    double[] ipp = Attrs.dbls(pos, TagFromName.ImagePositionPatient, 3);
    boolean own = ipp != null;
    if (ipp == null) {
      ipp = Attrs.dbls(top, TagFromName.ImagePositionPatient, 3);
    }
    double[] iop = Attrs.dbls(ori, TagFromName.ImageOrientationPatient, 6);
    if (iop == null) {
      iop = Attrs.dbls(top, TagFromName.ImageOrientationPatient, 6);
    }
    double[] ps = Attrs.dbls(meas, TagFromName.PixelSpacing, 2);
    if (ps == null) {
      ps = Attrs.dbls(top, TagFromName.PixelSpacing, 2);
    }
    Double thick = Attrs.dbl(meas, TagFromName.SliceThickness);
    if (thick == null) {
      thick = Attrs.dbl(top, TagFromName.SliceThickness);
    }
    Double between = Attrs.dbl(meas, TagFromName.SpacingBetweenSlices);
    if (between == null) {
      between = Attrs.dbl(top, TagFromName.SpacingBetweenSlices);
    }
    Double slope = Attrs.dbl(pvt, TagFromName.RescaleSlope);
    Double inter = Attrs.dbl(pvt, TagFromName.RescaleIntercept);
    if (slope == null) {
      slope = Attrs.dbl(top, TagFromName.RescaleSlope);
    }
    if (inter == null) {
      inter = Attrs.dbl(top, TagFromName.RescaleIntercept);
    }
    return new FrameGeometry(ipp, iop, ps, thick, between, slope == null || slope == 0 ? 1 : slope,
        inter == null ? 0 : inter, own);
  }
}
