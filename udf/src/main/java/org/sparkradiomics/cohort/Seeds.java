package org.sparkradiomics.cohort;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Deterministic derivation of random streams and DICOM UIDs from the cohort seed: every value is a function of
 * {@code (seed, purpose, indices)} only, never of a clock, thread or call order, so the same seed gives the same
 * files whatever the thread count.
 */
public final class Seeds {
  private Seeds() {}

  /** 32 bytes: SHA-256 of {@code "seed|purpose|a|b"}. */
  static byte[] digest(long seed, String purpose, long a, long b) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return md.digest((seed + "|" + purpose + "|" + a + "|" + b).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** A 64-bit seed for the stream {@code (seed, purpose, a, b)}. */
  public static long streamSeed(long seed, String purpose, long a, long b) {
    byte[] d = digest(seed, purpose, a, b);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xFF);
    }
    return v;
  }

  /** An independent random stream for {@code (seed, purpose, a, b)}. */
  public static SplittableRandom stream(long seed, String purpose, long a, long b) {
    return new SplittableRandom(streamSeed(seed, purpose, a, b));
  }

  /**
   * A DICOM UID {@code 2.25.<n>} where {@code n} is the decimal value of a name-based UUID (version 8 bits and
   * RFC 4122 variant set) made from SHA-256 of {@code (seed, purpose, a, b)}; at most 44 characters.
   */
  public static String uid(long seed, String purpose, long a, long b) {
    byte[] d = digest(seed, "uid:" + purpose, a, b);
    byte[] u = new byte[16];
    System.arraycopy(d, 0, u, 0, 16);
    u[6] = (byte) ((u[6] & 0x0F) | 0x80);
    u[8] = (byte) ((u[8] & 0x3F) | 0x80);
    return "2.25." + new BigInteger(1, u).toString();
  }
}
