package org.sparkradiomics.jobs.extract;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.spark.Partitioner;

/**
 * Balances ROIs over partitions by estimated cost, so that one large CT series does not sit in a partition with
 * hundreds of small DX images (the partition would then run for the CT plus all the DX, while the others idle).
 *
 * <p><b>Cost</b> of a ROI: {@link #cost}: the voxel count of its image series ({@code rois.voxel_count}) plus a fixed
 * {@link #PER_ROI_OVERHEAD} for opening files, parsing headers and the per-ROI feature work that does not scale with
 * the image (a 0-voxel estimate still costs something).
 *
 * <p><b>Assignment</b>: greedy longest-processing-time (LPT) scheduling: ROIs in decreasing cost order, each to the
 * partition with the least load so far (ties: lowest partition number; equal costs: input order). LPT is within
 * 4/3 of the optimal makespan; and the most expensive ROI, when it costs more than all the others together, ends
 * alone in its partition whenever there are at least two partitions, as in the CT + 500 DX case: the CT is placed
 * first, every other partition stays lighter than it, so no DX ever joins it.
 *
 * <p>The assignment is computed on the driver (ROI metadata only, never pixels) and applied with
 * {@link AssignedPartitioner}: the key of each task is its partition number.
 */
public final class CostBalancer {
  /** Fixed cost added to every ROI, in voxel equivalents. */
  public static final long PER_ROI_OVERHEAD = 16_384;

  private CostBalancer() {}

  /** Cost estimate of a ROI whose image has {@code voxelCount} voxels (null or negative: unknown, 0). */
  public static long cost(Long voxelCount) {
    long v = voxelCount == null || voxelCount < 0 ? 0 : voxelCount;
    return v + PER_ROI_OVERHEAD;
  }

  /**
   * The partition (0..partitions-1) of each item by LPT.
   *
   * @param costs cost of each item (non-negative)
   * @param partitions number of partitions (at least 1)
   */
  public static int[] assign(long[] costs, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    Integer[] order = new Integer[costs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> costs[i]).reversed().thenComparingInt(i -> i));
    // heap of (load, partition): least load first, then lowest partition number
    PriorityQueue<long[]> heap = new PriorityQueue<>(
        Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
    for (int p = 0; p < partitions; p++) {
      heap.add(new long[] {0, p});
    }
    int[] out = new int[costs.length];
    for (int i : order) {
      long[] least = heap.poll();
      out[i] = (int) least[1];
      least[0] += costs[i];
      heap.add(least);
    }
    return out;
  }

  /** Load (sum of costs) of each partition under {@code assignment}. */
  public static long[] loads(long[] costs, int[] assignment, int partitions) {
    long[] l = new long[partitions];
    for (int i = 0; i < costs.length; i++) {
      l[assignment[i]] += costs[i];
    }
    return l;
  }

  /**
   * Number of partitions for a batch: at least 3 per default-parallelism slot, and at least one per
   * {@link #ROIS_PER_PARTITION} ROIs (progress is reported as tasks end, and shorter tasks leave a shorter tail),
   * never more than the batch has ROIs.
   */
  public static int partitionsFor(int batchSize, int defaultParallelism) {
    int bySlots = 3 * Math.max(1, defaultParallelism);
    int byRois = (int) ((batchSize + (long) ROIS_PER_PARTITION - 1) / ROIS_PER_PARTITION);
    return Math.max(1, Math.min(batchSize, Math.max(bySlots, byRois)));
  }

  /** ROIs per partition above which a batch gets more than 3 partitions per slot. */
  public static final int ROIS_PER_PARTITION = 256;

  /** Estimated cost one slot works through in about a minute (DX 256x256 on this project's 2-core reference host). */
  public static final long COST_PER_SLOT_MINUTE = 1_000_000_000L;

  /** Upper bound of ROIs in an automatic batch (the driver holds a batch's task list). */
  public static final int MAX_AUTO_BATCH = 100_000;

  /**
   * Automatic batches: consecutive runs of {@code costs} holding about {@link #COST_PER_SLOT_MINUTE} of estimated work
   * per slot (so that each batch's commits, a few seconds of driver work, stay small against its extraction, while a
   * kill loses at most about a minute of the cluster's work), at most {@link #MAX_AUTO_BATCH} ROIs. Returns the
   * exclusive end index of each batch.
   */
  public static int[] autoBatches(long[] costs, int defaultParallelism) {
    long budget = COST_PER_SLOT_MINUTE * Math.max(1, defaultParallelism);
    List<Integer> ends = new java.util.ArrayList<>();
    long load = 0;
    int start = 0;
    for (int i = 0; i < costs.length; i++) {
      load += costs[i];
      if (load >= budget || i + 1 - start >= MAX_AUTO_BATCH) {
        ends.add(i + 1);
        start = i + 1;
        load = 0;
      }
    }
    if (start < costs.length) {
      ends.add(costs.length);
    }
    return ends.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Batches of {@code size} consecutive ROIs (the last may be shorter); exclusive end indexes. */
  public static int[] fixedBatches(int n, int size) {
    int[] ends = new int[(n + size - 1) / size];
    for (int b = 0; b < ends.length; b++) {
      ends[b] = Math.min(n, (b + 1) * size);
    }
    return ends;
  }

  /** A partitioner whose (Integer) keys are the partition numbers computed by {@link #assign}. */
  public static final class AssignedPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    public AssignedPartitioner(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      int p = (Integer) key;
      if (p < 0 || p >= partitions) {
        throw new IllegalArgumentException("partition " + p + " outside 0.." + (partitions - 1));
      }
      return p;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof AssignedPartitioner a && a.partitions == partitions;
    }

    @Override
    public int hashCode() {
      return partitions;
    }
  }
}
