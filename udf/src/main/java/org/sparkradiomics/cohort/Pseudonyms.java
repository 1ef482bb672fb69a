package org.sparkradiomics.cohort;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous patient ids for the clinical CSV: lowercase hex of HMAC-SHA256(key, PatientID as UTF-8), the same
 * keyed hash that the DICOM reader's pseudonymizer applies, so the CSV joins the feature tables without any table
 * ever holding the PatientID itself.
 *
 * <p>The key is the UTF-8 bytes of environment variable {@value #KEY_ENV}, or {@link #DEFAULT_KEY} when it is unset
 * or empty.
 */
public final class Pseudonyms {
  /** Environment variable holding the pseudonymization key. */
  public static final String KEY_ENV = "RADIOMICS_PSEUDONYM_KEY";
  /** Key used when the environment variable is unset (documented, not secret: fine for synthetic data only). */
  public static final String DEFAULT_KEY = "spark-radiomics-default-pseudonym-key";

  private final SecretKeySpec key;

  public Pseudonyms(String key) {
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The key from {@value #KEY_ENV}, or the default. */
  public static Pseudonyms fromEnvironment() {
    String k = System.getenv(KEY_ENV);
    return new Pseudonyms(k == null || k.isEmpty() ? DEFAULT_KEY : k);
  }

  /** Lowercase hex HMAC-SHA256 of {@code patientId}. */
  public String pseudonym(String patientId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] h = mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(64);
      for (byte b : h) {
        sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return sb.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
