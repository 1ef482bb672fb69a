package org.sparkradiomics.dicom;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for patient identifiers: {@code hex(HMAC-SHA256(key, UTF-8(trim(PatientID))))}, 64 lower-case hex
 * digits. The same PatientID under the same key always gives the same pseudonym (so studies of one patient can be
 * linked), while without the key the PatientID cannot be recovered or confirmed by brute force over small ID spaces.
 *
 * <p>The key comes from the environment variable {@value #ENV_KEY} (its UTF-8 bytes) via
 * {@link #fromEnvironmentOrDefault()}. When that variable is unset, the documented local default key
 * {@value #INSECURE_DEFAULT_KEY} is used and a warning is logged: pseudonyms made with it are only obscured, not
 * protected, because the key is public. Set a secret key for any real data.
 */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Environment variable that holds the pseudonymisation key. */
  public static final String ENV_KEY = "RADIOMICS_PSEUDONYM_KEY";
  /** The public, insecure default key used when {@value #ENV_KEY} is unset (local runs and tests only). */
  public static final String INSECURE_DEFAULT_KEY = "spark-radiomics-local-insecure-default-key";

  private static final System.Logger LOG = System.getLogger(Pseudonymizer.class.getName());
  private static volatile boolean warned;

  private final byte[] key;
  private final boolean insecureDefault;

  public Pseudonymizer(byte[] key) {
    this(key, false);
  }

  private Pseudonymizer(byte[] key, boolean insecureDefault) {
    Objects.requireNonNull(key, "key");
    if (key.length == 0) {
      throw new IllegalArgumentException("pseudonymisation key must not be empty");
    }
    this.key = key.clone();
    this.insecureDefault = insecureDefault;
  }

  /** Key from {@value #ENV_KEY}, else the insecure default (logged once as a warning). */
  public static Pseudonymizer fromEnvironmentOrDefault() {
    String env = System.getenv(ENV_KEY);
    if (env != null && !env.isEmpty()) {
      return new Pseudonymizer(env.getBytes(StandardCharsets.UTF_8));
    }
    if (!warned) {
      warned = true;
      LOG.log(System.Logger.Level.WARNING, ENV_KEY + " is not set: using the public default pseudonymisation key,"
          + " which is INSECURE (pseudonymous patient IDs can be recomputed by anyone). Set " + ENV_KEY
          + " for real data.");
    }
    return new Pseudonymizer(INSECURE_DEFAULT_KEY.getBytes(StandardCharsets.UTF_8), true);
  }

  /** True when this instance uses the public default key. */
  public boolean isInsecureDefault() {
    return insecureDefault;
  }

  /** The pseudonym of {@code patientId}, or null when the ID is null or blank. */
  public String pseudonym(String patientId) {
    if (patientId == null || patientId.trim().isEmpty()) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] h = mac.doFinal(patientId.trim().getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(64);
      for (byte b : h) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return sb.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
