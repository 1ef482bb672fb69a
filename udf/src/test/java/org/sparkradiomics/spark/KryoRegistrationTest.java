package org.sparkradiomics.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.SpatialMode;
import org.sparkradiomics.image.Mask;
import org.sparkradiomics.image.Volume;
import scala.reflect.ClassTag$;

class KryoRegistrationTest {

  private static <T> T roundTrip(SerializerInstance ser, T value, Class<T> cls) {
    ByteBuffer buf = ser.serialize(value, ClassTag$.MODULE$.apply(cls));
    return ser.deserialize(buf, ClassTag$.MODULE$.apply(cls));
  }

  @Test
  void ourClassesRoundTripThroughKryoWithRegistrationRequired() {
    SerializerInstance ser = new KryoSerializer(SharedSpark.get().sparkContext().getConf()).newInstance();
    Volume v = new Volume(2, 2, 1, new float[] {-1000f, 0f, 1.5f, 3065f}, new double[] {0.5, 0.6, 3},
        new double[] {1, 2, 3}, Volume.identity());
    Volume v2 = roundTrip(ser, v, Volume.class);
    assertArrayEquals(v.data(), v2.data());
    assertArrayEquals(v.origin(), v2.origin());
    assertArrayEquals(v.spacing(), v2.spacing());

    Mask m = Mask.onGridOf(v, new boolean[] {true, false, false, true});
    assertEquals(2, roundTrip(ser, m, Mask.class).count());

    FeatureVector fv = new FeatureVector();
    fv.put("stat_mean", 2.5);
    fv.putUndefined("cm_corr_3D_avg", "single grey level");
    FeatureVector fv2 = roundTrip(ser, fv, FeatureVector.class);
    assertEquals(2.5, fv2.get("stat_mean"));
    assertNull(fv2.get("cm_corr_3D_avg"));
    assertEquals("single grey level", fv2.undefinedReason("cm_corr_3D_avg"));

    FeatureSettings s = FeatureSettings.builder().resample(2, 2, 2).roundIntensities(true)
        .resegmentRange(-1000, 400).texture(Discretisation.fixedBinSize(25))
        .textureModes(SpatialMode.D2, SpatialMode.D3).build();
    FeatureSettings s2 = roundTrip(ser, s, FeatureSettings.class);
    assertEquals(s.hash(), s2.hash());
  }

  @Test
  void volumesFlowThroughAPartitionFunction() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
    List<Volume> vols = List.of(
        Volume.of(2, 1, 1, new float[] {1, 3}, 1, 1, 1),
        Volume.of(3, 1, 1, new float[] {-1000, -1000, 2000}, 1, 1, 1));
    JavaRDD<Volume> rdd = jsc.parallelize(vols, 2);
    // Force a shuffle so the volumes are really serialized with Kryo.
    List<Double> means = rdd.repartition(1).map(v -> {
      double s = 0;
      for (float f : v.data()) {
        s += f;
      }
      return s / v.voxelCount();
    }).collect();
    // means: (1 + 3) / 2 = 2 and (-1000 - 1000 + 2000) / 3 = 0
    assertEquals(List.of(0.0, 2.0), means.stream().sorted().collect(java.util.stream.Collectors.toList()));
  }
}
