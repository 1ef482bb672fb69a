package org.sparkradiomics.jobs.spark;

import com.esotericsoftware.kryo.Kryo;
import org.sparkradiomics.spark.KryoRegistration;

/**
 * Kryo registration for the jobs: ours ({@link KryoRegistration}) plus the Delta Lake and Spark SQL write-path
 * classes that travel through the serializer as task results when writing or merging Delta tables (found by running
 * the job tests with {@code spark.kryo.registrationRequired=true}). Classes are registered by name: several are
 * private Scala classes; a name absent from the classpath (another Delta version) is skipped.
 */
public final class JobsKryoRegistration extends KryoRegistration {
  static final String[] BY_NAME = {
    "org.apache.spark.sql.catalyst.expressions.GenericInternalRow",
    "org.apache.spark.sql.delta.stats.DeltaFileStatistics",
    "org.apache.spark.sql.delta.actions.AddFile",
  };

  @Override
  public void registerClasses(Kryo kryo) {
    super.registerClasses(kryo);
    // the extract job's per-batch counts (a reduce result): Java serialization of its small maps
    kryo.register(org.sparkradiomics.jobs.extract.ExtractJob.batchCountsClass(),
        new com.esotericsoftware.kryo.serializers.JavaSerializer());
    for (String name : BY_NAME) {
      try {
        kryo.register(Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
      } catch (ClassNotFoundException e) {
        // not on this classpath (other Delta/Spark version): nothing to register
      }
    }
  }
}
