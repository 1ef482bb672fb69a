package org.sparkradiomics.features.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResegmentationTest {
  @Test
  void rangeKeepsClosedInterval() {
    float[] v = {-600, -500, -499.5f, 0, 400, 400.5f, 3000};
    boolean[] m = {true, true, true, true, true, true, false};
    assertArrayEquals(new boolean[] {false, true, true, true, true, false, false},
        Resegmentation.range(v, m, -500, 400));
    // open upper bound
    assertArrayEquals(new boolean[] {false, true, true, true, true, true, false},
        Resegmentation.range(v, m, -500, Double.NaN));
  }

  /**
   * 19 voxels of 10 and one of 100: mu = 290/20 = 14.5; sum of squared deviations 19*4.5^2 + 85.5^2 = 384.75 +
   * 7310.25 = 7695, sigma = sqrt(7695/20) = 19.615; mu + 3 sigma = 73.35, so 100 is an outlier and the 10s stay.
   * With k = 5 (mu + 5 sigma = 112.6) nothing is removed.
   */
  @Test
  void threeSigmaOutliers() {
    float[] v = new float[21];
    boolean[] m = new boolean[21];
    for (int i = 0; i < 19; i++) {
      v[i] = 10;
      m[i] = true;
    }
    v[19] = 100;
    m[19] = true;
    v[20] = 10; // outside the mask: stays outside
    boolean[] r = Resegmentation.outliers(v, m, 3);
    for (int i = 0; i < 19; i++) {
      assertTrue(r[i]);
    }
    assertFalse(r[19]);
    assertFalse(r[20]);
    assertArrayEquals(m, Resegmentation.outliers(v, m, 5));
  }

  /**
   * Range first, then outliers on the kept voxels: {-2000, 19 x 10, 100} in [-1000, 400] drops -2000, and the
   * remaining 20 values are the case above, so 100 goes too. Applied the other way round, -2000 would inflate sigma
   * (mu = -1710/21 = -81.4, sigma = 429.5, mu + 3 sigma = 1207) and 100 would survive.
   */
  @Test
  void rangeThenOutliers() {
    float[] v = new float[21];
    boolean[] m = new boolean[21];
    v[0] = -2000;
    for (int i = 1; i < 20; i++) {
      v[i] = 10;
    }
    v[20] = 100;
    java.util.Arrays.fill(m, true);
    boolean[] r = Resegmentation.apply(v, m, -1000, 400, 3);
    assertFalse(r[0]);
    assertFalse(r[20]);
    for (int i = 1; i < 20; i++) {
      assertTrue(r[i]);
    }
    assertTrue(Resegmentation.outliers(v, m, 3)[20], "outliers first would keep 100");
    assertSame(m, Resegmentation.apply(v, m, Double.NaN, Double.NaN, Double.NaN));
  }

  @Test
  void emptyMaskStaysEmpty() {
    float[] v = {1, 2, 3};
    boolean[] m = new boolean[3];
    assertArrayEquals(m, Resegmentation.outliers(v, m, 3));
  }
}
