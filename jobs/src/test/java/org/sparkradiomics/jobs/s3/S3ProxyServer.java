package org.sparkradiomics.jobs.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3 server on 127.0.0.1 for the S3 tests: S3Proxy ({@code org.gaul:s3proxy:4.1.0}, classifier
 * {@code jar-with-dependencies}) run as a <b>child JVM</b> from its own fat jar (copied to
 * {@code jobs/target/s3proxy/s3proxy.jar} by the pom), so that its Jetty 12 never shares a classpath with Spark's.
 *
 * <ul>
 *   <li>Backend: jclouds {@code filesystem} in a fresh temporary folder (deleted on {@link #close()}); buckets are
 *       created as folders before the start.
 *   <li>Signature checking on: {@code s3proxy.authorization=aws-v2-or-v4}, with an access key and secret generated
 *       here from {@link SecureRandom} for this server only. They are written only to the server's properties file
 *       (owner-only permissions, in the temporary folder) and to the Hadoop configuration given to
 *       {@link #configureS3a}; never printed, never in a constant.
 *   <li>Port: a free port bound to 127.0.0.1 (a fresh one is tried when the server loses the race for it).
 *   <li>Ready when it answers HTTP on its endpoint (an unsigned request gets 403 AccessDenied).
 * </ul>
 */
public final class S3ProxyServer implements AutoCloseable {
  /** Where the pom copies the S3Proxy fat jar (relative to the jobs module, surefire's working directory). */
  public static final String JAR_PROPERTY = "radiomics.s3proxy.jar";
  static final String DEFAULT_JAR = "target/s3proxy/s3proxy.jar";
  private static final long START_TIMEOUT_MS = 180_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final Process process;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private final List<String> buckets;
  private final Path log;
  private final Thread shutdownHook;

  private S3ProxyServer(Path dir, Process process, int port, String accessKey, String secretKey,
      List<String> buckets, Path log) {
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.buckets = buckets;
    this.log = log;
    // a test JVM killed or exiting without close() must not leave the child server (or its credentials) behind
    this.shutdownHook = new Thread(() -> {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteTree(dir.resolve("s3proxy.properties"));
    }, "s3proxy-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The S3Proxy jar: {@code -Dradiomics.s3proxy.jar}, else {@code target/s3proxy/s3proxy.jar}. */
  public static Path jar() {
    Path p = Paths.get(System.getProperty(JAR_PROPERTY, DEFAULT_JAR)).toAbsolutePath();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("S3Proxy jar not found at " + p + ": the jobs pom copies it in the "
          + "process-test-classes phase (maven-dependency-plugin execution copy-s3proxy)");
    }
    return p;
  }

  /** Starts a server with the given (empty) buckets and waits until it answers. */
  public static S3ProxyServer start(String... buckets) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("radiomics-s3proxy");
    try {
      Path data = dir.resolve("data");
      for (String b : buckets) {
        Files.createDirectories(data.resolve(b));
      }
      String access = randomKey("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 20);
      String secret = randomKey("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        Path props = dir.resolve("s3proxy.properties");
        String text = "s3proxy.endpoint=http://127.0.0.1:" + port + "\n"
            + "s3proxy.authorization=aws-v2-or-v4\n"
            + "s3proxy.identity=" + access + "\n"
            + "s3proxy.credential=" + secret + "\n"
            + "jclouds.provider=filesystem\n"
            + "jclouds.filesystem.basedir=" + data + "\n";
        Files.deleteIfExists(props);
        Files.createFile(props, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(props, text, StandardCharsets.UTF_8);
        Path log = dir.resolve("s3proxy-" + attempt + ".log");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", jar().toString(), "--properties",
            props.toString());
        pb.environment().put("LOG_LEVEL", "warn");
        pb.environment().put("JETTY_LOG_LEVEL", "warn");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        S3ProxyServer s = new S3ProxyServer(dir, p, port, access, secret, List.of(buckets), log);
        try {
          s.awaitReady();
          return s;
        } catch (IllegalStateException e) {
          s.stopProcess();
          last = e;
        }
      }
      throw last;
    } catch (IOException | InterruptedException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  private static String randomKey(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited with code " + process.exitValue() + "; log tail:\n"
            + logTail());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        int code = c.getResponseCode();
        c.disconnect();
        if (code > 0) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("S3Proxy did not answer on " + endpoint() + " within " + START_TIMEOUT_MS
        + " ms; log tail:\n" + logTail());
  }

  /** The last lines of the server's log (for failure messages; the log never holds the credentials). */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The server's whole log. */
  public String logText() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public List<String> buckets() {
    return buckets;
  }

  /** The folder of the filesystem backend (one sub-folder per bucket). */
  public Path dataDir() {
    return dir.resolve("data");
  }

  /** Package-private: only for tests that assert the secret never shows up anywhere. */
  String secretKeyForLeakChecks() {
    return secretKey;
  }

  /**
   * Points S3A at this server: endpoint, path-style access, no TLS, a region (S3Proxy accepts any in the
   * signature), simple credentials from {@code fs.s3a.access.key} / {@code fs.s3a.secret.key} of the
   * configuration. Set per bucket ({@code fs.s3a.bucket.BUCKET.*}) so that other s3a buckets keep their settings.
   */
  public void configureS3a(Configuration c) {
    for (String b : buckets) {
      String p = "fs.s3a.bucket." + b + ".";
      c.set(p + "endpoint", endpoint());
      c.set(p + "endpoint.region", "us-east-1");
      c.set(p + "path.style.access", "true");
      c.set(p + "connection.ssl.enabled", "false");
      c.set(p + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      c.set(p + "access.key", accessKey);
      c.set(p + "secret.key", secretKey);
      c.set(p + "attempts.maximum", "3");
      c.set(p + "retry.limit", "3");
    }
  }

  /** Removes this server's settings from {@code c}. */
  public void unconfigureS3a(Configuration c) {
    for (String b : buckets) {
      String p = "fs.s3a.bucket." + b + ".";
      for (String k : List.of("endpoint", "endpoint.region", "path.style.access", "connection.ssl.enabled",
          "aws.credentials.provider", "access.key", "secret.key", "attempts.maximum", "retry.limit")) {
        c.unset(p + k);
      }
    }
  }

  private void stopProcess() throws InterruptedException {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to
    }
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(15, TimeUnit.SECONDS);
    }
  }

  /** Stops the server and deletes its folder (data, properties with the credentials, log). */
  @Override
  public void close() throws InterruptedException {
    try {
      stopProcess();
    } finally {
      deleteTree(dir);
    }
  }

  static void deleteTree(Path p) {
    if (p == null || !Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      List<Path> all = new ArrayList<>(s.toList());
      Collections.reverse(all);
      for (Path x : all) {
        Files.deleteIfExists(x);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }

  @Override
  public String toString() {
    return "S3ProxyServer[" + endpoint() + ", buckets=" + buckets + "]";
  }
}
