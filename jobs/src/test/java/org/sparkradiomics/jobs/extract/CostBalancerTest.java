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
  void automaticBatchesHoldAboutAMinuteOfWorkPerSlotAndPartitionsGrowWithTheBatch() {
    // 7,906 DX studies (65,536 voxels + 16,384 each = 81,920): 647.6 M units, under 10^9 per slot: one batch on 1 or
    // 2 slots
    long[] dx = new long[7906];
    java.util.Arrays.fill(dx, CostBalancer.cost(256L * 256));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {7906}, CostBalancer.autoBatches(dx, 1));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {7906}, CostBalancer.autoBatches(dx, 2));
    // 512x512x300 CT = 78,659,584 + 16,384 = 78,675,968 units: 10^9 / 78,675,968 = 12.7 -> a batch closes at the
    // 13th CT on one slot (the one that reaches the budget), at the 26th on two
    long[] ct = new long[40];
    java.util.Arrays.fill(ct, CostBalancer.cost(512L * 512 * 300));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {13, 26, 39, 40}, CostBalancer.autoBatches(ct, 1));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {26, 40}, CostBalancer.autoBatches(ct, 2));
    // a cap on ROIs per batch whatever their cost
    long[] tiny = new long[CostBalancer.MAX_AUTO_BATCH + 5];
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {CostBalancer.MAX_AUTO_BATCH,
        CostBalancer.MAX_AUTO_BATCH + 5}, CostBalancer.autoBatches(tiny, 1));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[0], CostBalancer.autoBatches(new long[0], 2));
    // fixed batches
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {3, 6, 7}, CostBalancer.fixedBatches(7, 3));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {7}, CostBalancer.fixedBatches(7, 100));
    // partitions: 3 per slot, and one per 256 ROIs above that (7,906 -> 31), never more than the ROIs
    assertEquals(6, CostBalancer.partitionsFor(1000, 2));
    assertEquals(31, CostBalancer.partitionsFor(7906, 2));
    assertEquals(31, CostBalancer.partitionsFor(7906, 1));
    assertEquals(2, CostBalancer.partitionsFor(2, 8));
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
