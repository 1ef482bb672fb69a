package org.sparkradiomics.jobs.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sparkradiomics.features.Discretisation;
import org.sparkradiomics.features.FeatureSettings;
import org.sparkradiomics.features.Presets;
import org.sparkradiomics.features.SpatialMode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code cluster-config/}: every file parses (JSON with Jackson, YAML with SnakeYAML, spark-defaults.conf as
 * key/value lines, shell scripts with {@code bash -n}); every {@code spark.*} key of spark-defaults.conf and of the
 * job specs is one that Spark core, Spark SQL (static or runtime), Delta or Hadoop S3A defines; every class named
 * exists on the classpath; every job spec runs {@code org.sparkradiomics.jobs.RadiomicsCli} with {@code index} or
 * {@code extract} on the cluster jar; the presets rebuild exactly {@link Presets#forModality}.
 */
class ClusterConfigTest {
  static final String MAIN = "org.sparkradiomics.jobs.RadiomicsCli";
  private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");
  private static final Set<String> COMMANDS = Set.of("index", "extract");

  static Path root() {
    Path cwd = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("cluster-config"))) {
        return p;
      }
    }
    throw new IllegalStateException("no cluster-config/ above " + cwd);
  }

  static Path dir() {
    return root().resolve("cluster-config");
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(dir())) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  /** spark-defaults.conf as ordered key/value pairs (a duplicate key is an error). */
  static Map<String, String> sparkDefaults() throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir().resolve("spark-defaults.conf"), StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] kv = t.split("\\s+", 2);
      assertEquals(2, kv.length, "key without value: " + line);
      assertTrue(m.put(kv[0], kv[1]) == null, "duplicate key " + kv[0]);
    }
    return m;
  }

  private static List<Object> yamlDocuments(Path p) throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Object> docs = new ArrayList<>();
    for (Object d : yaml.loadAll(Files.readString(p, StandardCharsets.UTF_8))) {
      if (d != null) {
        docs.add(d);
      }
    }
    return docs;
  }

  // ------------------------------------------------------------------------------------------- key spelling

  private static Set<String> hadoopKeys;

  /** Every configuration key defined as a String constant by S3A ({@code Constants}, {@code CommitConstants}). */
  static synchronized Set<String> hadoopKeys() throws Exception {
    if (hadoopKeys == null) {
      Set<String> keys = new HashSet<>();
      for (String cls : List.of("org.apache.hadoop.fs.s3a.Constants",
          "org.apache.hadoop.fs.s3a.commit.CommitConstants")) {
        for (Field f : Class.forName(cls).getFields()) {
          if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
            String v = (String) f.get(null);
            if (v != null && (v.startsWith("fs.") || v.startsWith("mapreduce."))) {
              keys.add(v);
            }
          }
        }
      }
      // PathOutputCommitterFactory.COMMITTER_FACTORY_SCHEME + ".<scheme>"
      String scheme = (String) Class.forName("org.apache.hadoop.mapreduce.lib.output.PathOutputCommitterFactory")
          .getField("COMMITTER_FACTORY_SCHEME").get(null);
      keys.add(scheme + ".s3a");
      // the Hive metastore client setting read by Spark's Hive support (HiveConf.ConfVars.METASTOREURIS)
      keys.add("hive.metastore.uris");
      hadoopKeys = keys;
    }
    return hadoopKeys;
  }

  private static boolean sparkEntriesLoaded;

  /** Loads the objects whose ConfigEntry definitions register their keys (core, Kryo, SQL, static SQL, Delta). */
  private static synchronized void loadSparkEntries() throws Exception {
    if (!sparkEntriesLoaded) {
      for (String obj : List.of("org.apache.spark.internal.config.package$", "org.apache.spark.internal.config.Kryo$",
          "org.apache.spark.sql.internal.SQLConf$", "org.apache.spark.sql.internal.StaticSQLConf$",
          "org.apache.spark.sql.delta.sources.DeltaSQLConf$")) {
        Class.forName(obj).getField("MODULE$").get(null);
      }
      sparkEntriesLoaded = true;
    }
  }

  /** True when Spark (core, SQL, static SQL, Delta) or, for {@code spark.hadoop.*}, S3A defines {@code key}. */
  static boolean knownKey(String key) throws Exception {
    if (key.startsWith("spark.hadoop.")) {
      String h = key.substring("spark.hadoop.".length());
      // per-bucket settings are the same keys under fs.s3a.bucket.NAME.
      Matcher m = Pattern.compile("fs\\.s3a\\.bucket\\.[^.]+\\.(.*)").matcher(h);
      return hadoopKeys().contains(m.matches() ? "fs.s3a." + m.group(1) : h);
    }
    loadSparkEntries();
    return org.apache.spark.internal.config.ConfigEntry$.MODULE$.findEntry(key) != null;
  }

  private static void assertKnownKey(String key, String where) throws Exception {
    assertTrue(knownKey(key), where + ": " + key + " is not a key Spark, Delta or S3A defines");
  }

  private static void assertClassesExist(String value, String where) {
    for (String part : value.split(",")) {
      String v = part.strip();
      if (CLASS_NAME.matcher(v).matches()) {
        try {
          Class.forName(v, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
          fail(where + ": class " + v + " not on the classpath");
        }
      }
    }
  }

  @Test
  void theKeyCheckRejectsMisspeltKeys() throws Exception {
    assertTrue(knownKey("spark.kryo.registrator"));
    assertTrue(knownKey("spark.sql.sources.commitProtocolClass"));
    assertTrue(knownKey("spark.hadoop.fs.s3a.committer.name"));
    assertTrue(knownKey("spark.hadoop.fs.s3a.bucket.mybucket.endpoint"));
    assertFalse(knownKey("spark.kryo.registrater"));
    assertFalse(knownKey("spark.sql.source.commitProtocolClass"));
    assertFalse(knownKey("spark.hadoop.fs.s3a.commiter.name"));
  }

  // ------------------------------------------------------------------------------------------- the files

  @Test
  void everyFileParsesAndIsChecked() throws Exception {
    List<Path> all = files();
    Set<String> kinds = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    for (Path p : all) {
      String name = p.getFileName().toString();
      String rel = dir().relativize(p).toString();
      if (name.endsWith(".json")) {
        assertNotNull(json.readTree(p.toFile()), rel);
        kinds.add("json");
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        assertFalse(yamlDocuments(p).isEmpty(), rel + ": no YAML document");
        kinds.add("yaml");
      } else if (name.endsWith(".conf")) {
        assertFalse(sparkDefaults().isEmpty(), rel);
        kinds.add("conf");
      } else if (name.endsWith(".sh")) {
        assertTrue(Files.isExecutable(p), rel + " is executable");
        Process bash = new ProcessBuilder("bash", "-n", p.toString()).redirectErrorStream(true).start();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.exitValue(), rel + ": bash -n: " + out);
        kinds.add("sh");
      } else if (name.equals("Dockerfile")) {
        assertTrue(Files.readString(p).lines().anyMatch(l -> l.startsWith("FROM apache/spark:4.0.1-scala2.13")),
            rel + " builds on the Spark 4.0.1 / Scala 2.13 image");
        kinds.add("docker");
      } else if (name.endsWith(".properties")) {
        // a log4j2 configuration: parsed by log4j2 itself, root at WARN, our packages at INFO
        org.apache.logging.log4j.core.LoggerContext ctx = new org.apache.logging.log4j.core.LoggerContext(rel);
        org.apache.logging.log4j.core.config.Configuration c =
            new org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory().getConfiguration(ctx,
                new org.apache.logging.log4j.core.config.ConfigurationSource(Files.newInputStream(p), p.toFile()));
        c.initialize();
        assertEquals(org.apache.logging.log4j.Level.WARN, c.getRootLogger().getLevel(), rel);
        assertEquals(org.apache.logging.log4j.Level.INFO, c.getLoggerConfig("org.sparkradiomics.jobs").getLevel(),
            rel);
        assertFalse(c.getRootLogger().getAppenders().isEmpty(), rel + ": the root logger has an appender");
        kinds.add("properties");
      } else if (name.equals("README.md")) {
        kinds.add("md");
      } else {
        fail("file of unknown kind in cluster-config (add a check for it): " + rel);
      }
      // no secrets in files: no key material, only placeholders
      String text = Files.readString(p, StandardCharsets.UTF_8);
      assertFalse(text.matches("(?s).*(AKIA|ASIA)[A-Z0-9]{16}.*"), rel + " holds something like an AWS access key");
      assertFalse(Pattern.compile("(secret\\.key|access\\.key|SECRET_ACCESS_KEY)\\s*[=:]\\s*\\S").matcher(text)
          .find(), rel + " sets a credential");
    }
    assertEquals(Set.of("conf", "docker", "json", "md", "properties", "sh", "yaml"), kinds);
  }

  @Test
  void sparkDefaultsUseKnownKeysAndExistingClasses() throws Exception {
    Map<String, String> conf = sparkDefaults();
    for (Map.Entry<String, String> e : conf.entrySet()) {
      assertTrue(e.getKey().startsWith("spark."), e.getKey());
      assertKnownKey(e.getKey(), "spark-defaults.conf");
      assertClassesExist(e.getValue(), "spark-defaults.conf " + e.getKey());
    }
    // what the issue asks for
    assertEquals("io.delta.sql.DeltaSparkSessionExtension", conf.get("spark.sql.extensions"));
    assertEquals("org.apache.spark.sql.delta.catalog.DeltaCatalog", conf.get("spark.sql.catalog.spark_catalog"));
    assertEquals("org.apache.spark.serializer.KryoSerializer", conf.get("spark.serializer"));
    assertEquals(org.sparkradiomics.jobs.spark.JobsKryoRegistration.class.getName(),
        conf.get("spark.kryo.registrator"));
    assertEquals("magic", conf.get("spark.hadoop.fs.s3a.committer.name"));
    assertEquals("org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
        conf.get("spark.sql.sources.commitProtocolClass"));
    assertEquals("org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter",
        conf.get("spark.sql.parquet.output.committer.class"));
    assertTrue(conf.get("spark.jars.packages").contains("io.delta:delta-spark_2.13:4.0.1"));
  }

  /** {@code spark-radiomics-jobs-VERSION-cluster.jar}, VERSION from the parent pom. */
  static String clusterJarName() throws IOException {
    String pom = Files.readString(root().resolve("jobs").resolve("pom.xml"), StandardCharsets.UTF_8);
    assertTrue(pom.contains("<shadedClassifierName>cluster</shadedClassifierName>"), "shade classifier");
    Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>.*?</parent>", Pattern.DOTALL).matcher(pom);
    assertTrue(m.find());
    return "spark-radiomics-jobs-" + m.group(1) + "-cluster.jar";
  }

  @Test
  void kubernetesSparkApplicationsRunTheCliOnTheClusterJarWithTheDefaults() throws Exception {
    Class.forName(MAIN);
    Map<String, String> defaults = sparkDefaults();
    Set<String> commands = new TreeSet<>();
    for (Object doc : yamlDocuments(dir().resolve("kubernetes").resolve("spark-application.yaml"))) {
      Map<?, ?> d = (Map<?, ?>) doc;
      assertEquals("sparkoperator.k8s.io/v1beta2", d.get("apiVersion"));
      assertEquals("SparkApplication", d.get("kind"));
      Map<?, ?> spec = (Map<?, ?>) d.get("spec");
      assertEquals("Java", spec.get("type"));
      assertEquals(MAIN, spec.get("mainClass"));
      assertEquals("4.0.1", spec.get("sparkVersion"));
      assertTrue(String.valueOf(spec.get("mainApplicationFile")).endsWith("-cluster.jar"));
      List<?> args = (List<?>) spec.get("arguments");
      assertTrue(COMMANDS.contains(String.valueOf(args.get(0))), "command " + args);
      commands.add(String.valueOf(args.get(0)));
      Map<?, ?> sparkConf = (Map<?, ?>) spec.get("sparkConf");
      for (Map.Entry<?, ?> e : sparkConf.entrySet()) {
        assertKnownKey(String.valueOf(e.getKey()), "SparkApplication " + args.get(0));
        assertClassesExist(String.valueOf(e.getValue()), "SparkApplication " + e.getKey());
      }
      for (Map.Entry<String, String> e : defaults.entrySet()) {
        if (e.getKey().equals("spark.jars.packages")) {
          List<?> pkgs = (List<?>) ((Map<?, ?>) spec.get("deps")).get("packages");
          assertEquals(List.of(e.getValue().split(",")), pkgs, "deps.packages = spark.jars.packages");
        } else {
          assertEquals(e.getValue(), String.valueOf(sparkConf.get(e.getKey())),
              "SparkApplication " + args.get(0) + " repeats spark-defaults.conf's " + e.getKey());
        }
      }
    }
    assertEquals(COMMANDS, commands);
  }

  @Test
  void emrStepsRunTheCliOnTheClusterJar() throws Exception {
    JsonNode steps = new ObjectMapper().readTree(dir().resolve("emr").resolve("steps.json").toFile());
    assertTrue(steps.isArray());
    String jar = clusterJarName();
    Set<String> commands = new TreeSet<>();
    for (JsonNode step : steps) {
      assertEquals("command-runner.jar", step.path("Jar").asText());
      List<String> args = new ArrayList<>();
      step.path("Args").forEach(a -> args.add(a.asText()));
      assertEquals("spark-submit", args.get(0));
      int cls = args.indexOf("--class");
      assertEquals(MAIN, args.get(cls + 1));
      assertTrue(args.get(cls + 2).endsWith("/" + jar), args.get(cls + 2));
      commands.add(args.get(cls + 3));
      for (int i = 0; i < args.size() - 1; i++) {
        if (args.get(i).equals("--conf")) {
          String[] kv = args.get(i + 1).split("=", 2);
          assertKnownKey(kv[0], "EMR step");
          assertClassesExist(kv[1], "EMR step " + kv[0]);
        }
      }
    }
    assertEquals(COMMANDS, commands);
  }

  @Test
  void databricksJobRunsTheCliOnTheClusterJar() throws Exception {
    JsonNode job = new ObjectMapper().readTree(dir().resolve("databricks").resolve("job.json").toFile());
    String jar = clusterJarName();
    Set<String> commands = new TreeSet<>();
    for (JsonNode task : job.path("tasks")) {
      assertEquals(MAIN, task.path("spark_jar_task").path("main_class_name").asText());
      commands.add(task.path("spark_jar_task").path("parameters").get(0).asText());
      assertTrue(task.path("libraries").get(0).path("jar").asText().endsWith("/" + jar));
    }
    assertEquals(COMMANDS, commands);
    JsonNode conf = job.path("job_clusters").get(0).path("new_cluster").path("spark_conf");
    assertTrue(job.path("job_clusters").get(0).path("new_cluster").path("spark_version").asText()
        .endsWith("scala2.13"), "a Scala 2.13 (Spark 4) runtime");
    for (var it = conf.fields(); it.hasNext(); ) {
      var e = it.next();
      assertKnownKey(e.getKey(), "Databricks spark_conf");
      assertClassesExist(e.getValue().asText(), "Databricks " + e.getKey());
    }
  }

  @Test
  void yarnAndStandaloneScriptsSubmitTheCliWithTheDefaults() throws IOException {
    for (String s : List.of("yarn", "standalone")) {
      String text = Files.readString(dir().resolve(s).resolve("submit.sh"), StandardCharsets.UTF_8);
      assertTrue(text.contains("--class " + MAIN), s);
      assertTrue(text.contains("--properties-file \"$HERE/../spark-defaults.conf\""), s);
      assertTrue(text.contains("spark-radiomics-jobs-*-cluster.jar"), s);
      assertTrue(text.contains("--master " + (s.equals("yarn") ? "yarn" : "\"$SPARK_MASTER_URL\"")), s);
    }
  }

  // ------------------------------------------------------------------------------------------- presets

  private static FeatureSettings fromPreset(Map<?, ?> settings) {
    FeatureSettings.Builder b = FeatureSettings.builder();
    for (Map.Entry<?, ?> e : settings.entrySet()) {
      String k = String.valueOf(e.getKey());
      Object v = e.getValue();
      switch (k) {
        case "resegment_range" -> {
          if (v != null) {
            List<?> r = (List<?>) v;
            b.resegmentRange(((Number) r.get(0)).doubleValue(), ((Number) r.get(1)).doubleValue());
          }
        }
        case "outlier_sigma" -> {
          if (v != null) {
            b.outlierSigma(((Number) v).doubleValue());
          }
        }
        case "texture_discretisation" -> {
          Map<?, ?> d = (Map<?, ?>) v;
          Discretisation.Method m = Discretisation.Method.valueOf(String.valueOf(d.get("method")));
          b.texture(switch (m) {
            case FIXED_BIN_SIZE -> Discretisation.fixedBinSize(((Number) d.get("bin_width")).doubleValue());
            case FIXED_BIN_NUMBER -> Discretisation.fixedBinNumber(((Number) d.get("bins")).intValue());
            case NONE -> Discretisation.none();
          });
        }
        case "texture_modes" -> {
          List<SpatialMode> modes = new ArrayList<>();
          for (Object o : (List<?>) v) {
            modes.add(switch (String.valueOf(o)) {
              case "2D" -> SpatialMode.D2;
              case "2_5D" -> SpatialMode.D2_5;
              case "3D" -> SpatialMode.D3;
              default -> throw new IllegalArgumentException("texture mode " + o);
            });
          }
          b.textureModes(modes.toArray(new SpatialMode[0]));
        }
        default -> fail("unknown preset setting " + k);
      }
    }
    return b.build();
  }

  @Test
  void presetsAreExactlyThePresetsOfTheEngine() throws IOException {
    Set<String> covered = new TreeSet<>();
    try (Stream<Path> s = Files.list(dir().resolve("presets"))) {
      for (Path p : s.sorted().collect(Collectors.toList())) {
        Map<?, ?> doc = (Map<?, ?>) yamlDocuments(p).get(0);
        assertEquals("ibsi", doc.get("profile"), p.toString());
        List<?> modalities = (List<?>) doc.get("modalities");
        assertEquals("ibsi:" + modalities.get(0), doc.get("preset"), p.toString());
        FeatureSettings built = fromPreset((Map<?, ?>) doc.get("settings"));
        for (Object m : modalities) {
          FeatureSettings engine = Presets.forModality(String.valueOf(m));
          assertEquals(engine.canonicalString(), built.canonicalString(), p + " = Presets.forModality(" + m + ")");
          assertEquals(engine.hash(), doc.get("params_hash"), p + ": params_hash");
          covered.add(String.valueOf(m));
        }
      }
    }
    assertEquals(new TreeSet<>(List.of("CR", "CT", "DX", "MG", "MR", "US")), covered);
  }
}
