package org.sparkradiomics.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.RoiImage;
import org.sparkradiomics.image.Volume;

class DigitalPhantomTest {
  @Test
  void readsThePhantomGeometryAndGreyLevels() {
    Volume v = DigitalPhantom.image();
    assertEquals(5, v.nx());
    assertEquals(4, v.ny());
    assertEquals(4, v.nz());
    assertArrayEquals(new double[] {2, 2, 2}, v.spacing(), 1e-9);
    RoiImage roi = DigitalPhantom.roi();
    // IBSI-1 chapter 5: the phantom ROI has 74 voxels; grey levels 1, 2, 3, 4, 6 (none at 5).
    assertEquals(74, roi.intensityMaskCount());
    assertEquals(6, roi.nBins);
    int[] perLevel = new int[7];
    for (int i = 0; i < roi.voxelCount(); i++) {
      if (roi.intensityMask[i]) {
        perLevel[roi.bins[i]]++;
      }
    }
    assertEquals(0, perLevel[5]);
    assertEquals(74, perLevel[1] + perLevel[2] + perLevel[3] + perLevel[4] + perLevel[6]);
  }
}
