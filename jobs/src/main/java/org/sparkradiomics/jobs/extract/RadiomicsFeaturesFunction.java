package org.sparkradiomics.jobs.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkradiomics.dicom.DicomReader;
import org.sparkradiomics.error.ErrorKind;
import org.sparkradiomics.error.RadiomicsException;
import org.sparkradiomics.features.FeatureVector;
import org.sparkradiomics.features.profile.ExtractionProfile;
import org.sparkradiomics.features.profile.ProfileResult;
import org.sparkradiomics.features.profile.Profiles;
import org.sparkradiomics.io.RoiLoader;
import org.sparkradiomics.spark.HadoopFiles;
import scala.runtime.AbstractFunction1;

/**
 * The SQL function {@code radiomics_features(image_uri, mask_uri[, params])}, for an analyst's ad-hoc look at a
 * handful of studies:
 * <pre>
 * SELECT roi_id, radiomics_features(image_uri, mask_uri, 'ibsi') FROM radiomics.rois LIMIT 3
 * SELECT f.feature, f.value FROM radiomics.rois
 *   LATERAL VIEW explode(radiomics_features(image_uri, mask_uri)) t AS f WHERE roi_id = '...'
 * </pre>
 * <ul>
 *   <li>{@code params}: as {@code extract --params} ({@code ibsi} when omitted: the preset of the image's DICOM
 *       modality; {@code ibsi:CT|MR|DX|US}; a PyRadiomics {@code .yaml} path readable where the function runs).
 *   <li>Result: {@code array<struct<image_type: string, feature: string, value: double, undefined_reason: string>>},
 *       one element per image type x feature (as the {@code features} table; {@code value} null with a reason when
 *       undefined). A ROI that fails (unreadable file, mask on another grid, empty ROI, ...) returns a single
 *       element {@code image_type = 'error'}, {@code feature} = the {@link ErrorKind}, {@code value} null,
 *       {@code undefined_reason} = the message: errors are data, the query goes on. Null inputs give null.
 *   <li>Remote URIs ({@code s3a:}, {@code hdfs:}) are staged with {@link HadoopFiles} (the session's file-system
 *       settings, captured at registration) and deleted after the call.
 * </ul>
 * Rows are computed one call at a time (no batching); for cohorts use the {@code extract} job.
 */
public final class RadiomicsFeaturesFunction implements UDF3<String, String, String, List<Row>> {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "radiomics_features";
  public static final String ERROR_IMAGE_TYPE = "error";
  public static final StructType ELEMENT = new StructType()
      .add("image_type", DataTypes.StringType, false)
      .add("feature", DataTypes.StringType, false)
      .add("value", DataTypes.DoubleType, true)
      .add("undefined_reason", DataTypes.StringType, true);
  public static final ArrayType RESULT = DataTypes.createArrayType(ELEMENT, false);

  /** Profiles per spec, per executor JVM (null value = per-modality mode, stored as an absent-safe holder). */
  private static final Map<String, Object> PROFILES = new ConcurrentHashMap<>();
  private static final Object PER_MODALITY = new Object();

  private final HadoopFiles files;
  private transient RoiLoader loader;

  public RadiomicsFeaturesFunction(HadoopFiles files) {
    this.files = files;
  }

  /**
   * Registers {@code radiomics_features} in the session: the 3-argument UDF, plus a wrapper in the function
   * registry so that the 2-argument form means {@code params = 'ibsi'}.
   */
  public static void register(SparkSession spark) {
    spark.udf().register(NAME, new RadiomicsFeaturesFunction(HadoopFiles.fromSession(spark)), RESULT);
    FunctionRegistry reg = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().functionRegistry();
    FunctionIdentifier id = FunctionIdentifier.apply(NAME);
    scala.Function1<scala.collection.immutable.Seq<Expression>, Expression> three =
        reg.lookupFunctionBuilder(id).get();
    ExpressionInfo info = reg.lookupFunction(id).get();
    reg.registerFunction(id, info, new OptionalParams(three));
  }

  /** Builder accepting 2 or 3 arguments; the 2-argument form appends {@code 'ibsi'}. */
  static final class OptionalParams
      extends AbstractFunction1<scala.collection.immutable.Seq<Expression>, Expression> {
    private final scala.Function1<scala.collection.immutable.Seq<Expression>, Expression> three;

    OptionalParams(scala.Function1<scala.collection.immutable.Seq<Expression>, Expression> three) {
      this.three = three;
    }

    @Override
    public Expression apply(scala.collection.immutable.Seq<Expression> args) {
      if (args.size() == 2) {
        List<Expression> l = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(args));
        l.add(Literal.create(Profiles.PER_MODALITY, DataTypes.StringType));
        return three.apply(scala.jdk.javaapi.CollectionConverters.asScala(l).toList());
      }
      if (args.size() != 3) {
        throw new IllegalArgumentException(NAME + " takes 2 or 3 arguments (image_uri, mask_uri[, params]), got "
            + args.size());
      }
      return three.apply(args);
    }
  }

  @Override
  public List<Row> call(String imageUri, String maskUri, String params) {
    if (imageUri == null || maskUri == null) {
      return null;
    }
    if (loader == null) {
      loader = new RoiLoader(new DicomReader());
    }
    String spec = params == null ? Profiles.PER_MODALITY : params;
    try (HadoopFiles.Staged image = files.stage(imageUri); HadoopFiles.Staged mask = files.stage(maskUri)) {
      Object cachedProfile = PROFILES.computeIfAbsent(spec, s -> {
        ExtractionProfile p = Profiles.load(s);
        return p == null ? PER_MODALITY : p;
      });
      RoiLoader.Loaded l = loader.load(image.path(), mask.path(), null);
      String modality = l.firstInstance() == null ? null : l.firstInstance().modality();
      ExtractionProfile p = cachedProfile == PER_MODALITY ? Profiles.forRoi(null, modality)
          : (ExtractionProfile) cachedProfile;
      ProfileResult r = p.extract(l.image(), l.mask());
      if (!r.ok()) {
        return error(r.error(), r.message());
      }
      List<Row> out = new ArrayList<>(r.size());
      for (Map.Entry<String, FeatureVector> it : r.byImageType().entrySet()) {
        FeatureVector fv = it.getValue();
        for (Map.Entry<String, Double> e : fv.values().entrySet()) {
          out.add(RowFactory.create(it.getKey(), e.getKey(), e.getValue(),
              e.getValue() == null ? fv.undefinedReason(e.getKey()) : null));
        }
      }
      return out;
    } catch (RadiomicsException e) {
      return error(e.kind(), e.getMessage());
    } catch (IOException e) {
      return error(ErrorKind.UNREADABLE_FILE, "cannot stage input: " + e);
    } catch (IllegalArgumentException e) {
      return error(ErrorKind.INVALID_SETTINGS, e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return error(ErrorKind.INTERNAL_ERROR, String.valueOf(e));
    }
  }

  private static List<Row> error(ErrorKind kind, String message) {
    return List.of(RowFactory.create(ERROR_IMAGE_TYPE, kind.name(), null, message == null ? kind.name() : message));
  }
}
