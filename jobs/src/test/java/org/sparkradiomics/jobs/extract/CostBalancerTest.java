package org.sparkradiomics.jobs.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CostBalancerTest {
  @Test
  void lptOnAHandComputedCase() {
    // costs 7,5,4,3,3,2 on 2 partitions, in decreasing order, each to the lighter partition (ties: lower number):
    // 7->p0 (7,0); 5->p1 (7,5); 4->p1 (7,9); 3 (item 3)->p0 (10,9); 3 (item 4)->p1 (10,12); 2->p0 (12,12)
    long[] costs = {7, 5, 4, 3, 3, 2};
    int[] a = CostBalancer.assign(costs, 2);
    assertArrayEquals(new int[] {0, 1, 1, 0, 1, 0}, a);
    assertArrayEquals(new long[] {12, 12}, CostBalancer.loads(costs, a, 2));
    // input order does not matter for equal costs beyond the stable tie-break: a permutation keeps the loads
    long[] shuffled = {3, 2, 7, 4, 3, 5};
    assertArrayEquals(new long[] {12, 12}, CostBalancer.loads(shuffled, CostBalancer.assign(shuffled, 2), 2));
  }

  @Test
  void oneHugeCtNeverSharesAPartitionWithTheSmallDxImages() {
    // one 512 x 512 x 300 CT and 500 DXA-like 256 x 256 images, 12 partitions (3 x 4 slots)
    int n = 501;
    long[] costs = new long[n];
    costs[0] = CostBalancer.cost(512L * 512 * 300);
    for (int i = 1; i < n; i++) {
      costs[i] = CostBalancer.cost(256L * 256);
    }
    int p = CostBalancer.partitionsFor(256, 4);
    assertEquals(12, p);
    int[] a = CostBalancer.assign(costs, p);
    for (int i = 1; i < n; i++) {
      assertTrue(a[i] != a[0], "DX " + i + " shares the CT's partition " + a[0]);
    }
    // the DX images spread evenly over the 11 other partitions: 500 = 11 x 45 + 5 -> 45 or 46 each
    long[] loads = CostBalancer.loads(costs, a, p);
    long dx = costs[1];
    for (int q = 0; q < p; q++) {
      if (q != a[0]) {
        assertTrue(loads[q] == 45 * dx || loads[q] == 46 * dx, "partition " + q + ": " + loads[q] / dx + " DX");
      }
    }
  }

  @Test
  void partitionerMapsKeysToThemselves() {
    CostBalancer.AssignedPartitioner ap = new CostBalancer.AssignedPartitioner(3);
    assertEquals(3, ap.numPartitions());
    assertEquals(2, ap.getPartition(2));
    assertThrows(IllegalArgumentException.class, () -> ap.getPartition(3));
    assertThrows(IllegalArgumentException.class, () -> CostBalancer.assign(new long[] {1}, 0));
    assertEquals(1, CostBalancer.partitionsFor(1, 4));
    assertEquals(CostBalancer.PER_ROI_OVERHEAD, CostBalancer.cost(null));
  }

  @Test
  void progressLineFormat() {
    // 12 of 40 after 8 s: 1.5 ROIs/s, 28 left / 1.5 = 18.7 s -> ETA 19s
    assertEquals("extract: 12/40 ROIs (30.0%), 1.50 ROIs/s, elapsed 8s, ETA 19s",
        ExtractProgress.format(12, 40, 8.0));
    assertEquals("extract: 0/40 ROIs (0.0%), 0.00 ROIs/s, elapsed 3s, ETA ?", ExtractProgress.format(0, 40, 3.0));
    assertEquals("2m05s", ExtractProgress.duration(125));
    assertEquals("1h01m", ExtractProgress.duration(3671));
  }
}
