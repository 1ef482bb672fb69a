package org.sparkradiomics.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers every class of ours that crosses a Spark shuffle or broadcast. Tests run Spark with
 * {@code spark.kryo.registrationRequired=true}, so a class missing here fails in the test suite, not on a cluster.
 * Configure with {@code spark.kryo.registrator=org.sparkradiomics.spark.KryoRegistration}.
 */
public class KryoRegistration implements KryoRegistrator {
  /** Our classes plus the JDK/array classes their fields use. */
  static final Class<?>[] CLASSES = {
    org.sparkradiomics.image.Volume.class,
    org.sparkradiomics.image.Mask.class,
    org.sparkradiomics.features.FeatureVector.class,
    org.sparkradiomics.features.FeatureSettings.Interpolator.class,
    org.sparkradiomics.features.Discretisation.class,
    org.sparkradiomics.features.Discretisation.Method.class,
    org.sparkradiomics.features.SpatialMode.class,
    org.sparkradiomics.error.ErrorKind.class,
    ExtractionTask.class,
    IndexManifestPartition.Entry.class,
    // tagged rows of ExtractPartition, persisted serialized
    org.apache.spark.sql.catalyst.expressions.GenericRow.class,
    Object[].class,
    String[].class,
    Double[].class,
    java.sql.Timestamp.class,
    float[].class,
    float[][].class,
    double[].class,
    boolean[].class,
    int[].class,
    java.util.LinkedHashMap.class,
  };

  /** Classes with unmodifiable/enum-set fields that Kryo's field serializer cannot rebuild: Java serialization. */
  static final Class<?>[] JAVA_SERIALIZED = {
    org.sparkradiomics.features.FeatureSettings.class,
    org.sparkradiomics.features.profile.IbsiProfile.class,
    // a record (final fields Kryo's field serializer cannot set): the index job parallelizes the file list
    HadoopFiles.FileEntry.class,
  };

  @Override
  public void registerClasses(Kryo kryo) {
    for (Class<?> c : CLASSES) {
      kryo.register(c);
    }
    for (Class<?> c : JAVA_SERIALIZED) {
      kryo.register(c, new JavaSerializer());
    }
  }
}
