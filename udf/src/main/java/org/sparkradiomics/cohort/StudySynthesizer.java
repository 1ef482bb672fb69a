package org.sparkradiomics.cohort;

import java.util.SplittableRandom;

/**
 * Draws the pixels and the ROI mask of one study.
 *
 * <p>The ROI is a star-shaped blob: an ellipse (2D) or ellipsoid (3D, in voxel units) whose radius is modulated by
 * {@code 1 + a * cos(3 theta + phi)}; a voxel belongs to the ROI when its centre lies inside, and the centre voxel
 * always does. One smooth noise field (white Gaussian noise, blurred twice with a 3-voxel box in every axis) is the
 * texture of the whole image. Inside the ROI the field is standardised over the ROI voxels (mean 0, SD 1 exactly)
 * and the ROI values are {@code mu + sigma * t}, rounded to the stored integer grid; so the ROI of the written image
 * has mean {@code mu} and SD {@code sigma} up to rounding (each within 0.5 unit) and clipping. The background is a
 * modality-specific scene (body, air, fat; tissue band; ultrasound fan and colour bar) with its own texture.
 */
final class StudySynthesizer {
  private StudySynthesizer() {}

  /** Pixels and mask of one study. */
  record Result(short[] stored16, byte[] rgb, boolean[] mask, double rescaleIntercept, int roiVoxels,
      double roiMean, double roiSd) {}

  /** CT outside the circular field of view (stored -2000 when the intercept is -1024). */
  static final int CT_OUTSIDE_FOV_HU = -3024;
  /** CT air: exactly -1000 HU, no noise. */
  static final int CT_AIR_HU = -1000;

  static Result synthesize(Modality m, int nx, int ny, int nz, SplittableRandom rng, double mu, double sigma,
      boolean ctInterceptVariant) {
    int n = nx * ny * nz;
    boolean[] mask = roiShape(m, nx, ny, nz, rng);
    float[] t = smoothNoise(nx, ny, nz, rng);
    double[] value = new double[n];
    background(m, nx, ny, nz, t, value);
    // Standardise the texture over the ROI and paint the ROI.
    double s = 0;
    int cnt = 0;
    for (int i = 0; i < n; i++) {
      if (mask[i]) {
        s += t[i];
        cnt++;
      }
    }
    double mean = s / cnt;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      if (mask[i]) {
        double d = t[i] - mean;
        ss += d * d;
      }
    }
    double sd = Math.sqrt(ss / cnt);
    for (int i = 0; i < n; i++) {
      if (mask[i]) {
        value[i] = mu + sigma * (sd > 0 ? (t[i] - mean) / sd : 0);
      }
    }
    short[] stored16 = null;
    byte[] rgb = null;
    double intercept = 0;
    double[] real = new double[n];
    switch (m) {
      case CT -> {
        intercept = ctInterceptVariant ? -1024 : 0;
        stored16 = new short[n];
        for (int i = 0; i < n; i++) {
          long hu = Math.max(CT_OUTSIDE_FOV_HU, Math.min(3071, Math.round(value[i])));
          stored16[i] = (short) (hu - (long) intercept);
          real[i] = hu;
        }
      }
      case DX, MR -> {
        stored16 = new short[n];
        for (int i = 0; i < n; i++) {
          long v = Math.max(0, Math.min(65535, Math.round(value[i])));
          stored16[i] = (short) v;
          real[i] = v;
        }
      }
      case US -> {
        rgb = new byte[3 * n];
        for (int i = 0; i < n; i++) {
          long v = Math.max(0, Math.min(255, Math.round(value[i])));
          rgb[3 * i] = (byte) v;
          rgb[3 * i + 1] = (byte) v;
          rgb[3 * i + 2] = (byte) v;
          real[i] = v;
        }
        colourBar(nx, ny, rgb);
      }
      default -> throw new IllegalArgumentException("modality " + m);
    }
    double rs = 0;
    for (int i = 0; i < n; i++) {
      if (mask[i]) {
        rs += real[i];
      }
    }
    double rMean = rs / cnt;
    double rss = 0;
    for (int i = 0; i < n; i++) {
      if (mask[i]) {
        double d = real[i] - rMean;
        rss += d * d;
      }
    }
    return new Result(stored16, rgb, mask, intercept, cnt, rMean, Math.sqrt(rss / cnt));
  }

  private static double uniform(SplittableRandom rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }

  /** The ROI mask: a star-shaped blob whose centre voxel is always inside. */
  static boolean[] roiShape(Modality m, int nx, int ny, int nz, SplittableRandom rng) {
    double cxF;
    double cyF;
    double rx;
    double ry;
    double angle = 0;
    switch (m) {
      case DX -> {
        cxF = uniform(rng, 0.4, 0.6);
        cyF = uniform(rng, 0.4, 0.6);
        rx = uniform(rng, 0.10, 0.16) * nx;
        ry = uniform(rng, 0.05, 0.08) * ny;
        angle = uniform(rng, 0, Math.PI);
      }
      case US -> {
        cxF = uniform(rng, 0.38, 0.62);
        cyF = uniform(rng, 0.4, 0.65);
        rx = uniform(rng, 0.08, 0.14) * nx;
        ry = uniform(rng, 0.06, 0.11) * ny;
      }
      default -> {
        cxF = uniform(rng, 0.38, 0.62);
        cyF = uniform(rng, 0.38, 0.62);
        rx = uniform(rng, 0.07, 0.12) * nx;
        ry = uniform(rng, 0.07, 0.12) * ny;
        angle = uniform(rng, 0, Math.PI);
      }
    }
    double rz = nz > 1 ? Math.max(1.0, uniform(rng, 0.22, 0.36) * nz) : 1;
    double czF = nz > 1 ? uniform(rng, 0.4, 0.6) : 0;
    double amp = uniform(rng, 0.0, 0.15);
    double phase = uniform(rng, 0, 2 * Math.PI);
    rx = Math.max(rx, 1.0);
    ry = Math.max(ry, 1.0);
    int cx = (int) Math.floor(cxF * (nx - 1));
    int cy = (int) Math.floor(cyF * (ny - 1));
    int cz = (int) Math.floor(czF * (nz - 1));
    double ca = StrictMath.cos(angle);
    double sa = StrictMath.sin(angle);
    boolean[] mask = new boolean[nx * ny * nz];
    double outer = (1 + amp) * (1 + amp);
    for (int z = 0; z < nz; z++) {
      double w = nz > 1 ? (z - cz) / rz : 0;
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          double u = (x - cx) * ca + (y - cy) * sa;
          double v = -(x - cx) * sa + (y - cy) * ca;
          double a = u / rx;
          double b = v / ry;
          double q = a * a + b * b + w * w;
          if (q > outer) {
            continue; // outside even the largest radius: skip the trigonometry
          }
          double f = 1 + amp * StrictMath.cos(3 * StrictMath.atan2(b, a) + phase);
          if (q <= f * f) {
            mask[x + nx * (y + ny * z)] = true;
          }
        }
      }
    }
    return mask;
  }

  /** White Gaussian noise blurred twice by a 3-voxel box per axis, then scaled to mean 0, SD 1 over the image. */
  static float[] smoothNoise(int nx, int ny, int nz, SplittableRandom rng) {
    int n = nx * ny * nz;
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextGaussian();
    }
    float[] b = new float[n];
    for (int pass = 0; pass < 2; pass++) {
      box(a, b, nx, ny, nz, 1, nx);
      box(b, a, nx, ny, nz, nx, ny);
      if (nz > 1) {
        box(a, b, nx, ny, nz, nx * ny, nz);
        System.arraycopy(b, 0, a, 0, n);
      }
    }
    double s = 0;
    for (float v : a) {
      s += v;
    }
    double mean = s / n;
    double ss = 0;
    for (float v : a) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / n);
    for (int i = 0; i < n; i++) {
      a[i] = (float) ((a[i] - mean) / sd);
    }
    return a;
  }

  /** 3-tap box filter along the axis with the given stride and length; edges use the available neighbours. */
  private static void box(float[] in, float[] out, int nx, int ny, int nz, int stride, int len) {
    int n = nx * ny * nz;
    int block = stride * len;
    for (int base = 0; base < n; base += block) {
      for (int off = 0; off < stride; off++) {
        int i = base + off;
        for (int pos = 0; pos < len; pos++, i += stride) {
          float sum = in[i];
          int c = 1;
          if (pos > 0) {
            sum += in[i - stride];
            c++;
          }
          if (pos < len - 1) {
            sum += in[i + stride];
            c++;
          }
          out[i] = sum / c;
        }
      }
    }
  }

  /** Fills the real-world background scene of the modality. */
  static void background(Modality m, int nx, int ny, int nz, float[] t, double[] value) {
    double cx = (nx - 1) / 2.0;
    double cy = (ny - 1) / 2.0;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int i = x + nx * (y + ny * z);
          double dx = (x - cx) / nx;
          double dy = (y - cy) / ny;
          switch (m) {
            case CT -> {
              double body = (dx / 0.44) * (dx / 0.44) + (dy / 0.38) * (dy / 0.38);
              if (dx * dx + dy * dy > 0.25) {
                value[i] = CT_OUTSIDE_FOV_HU;
              } else if (body > 1) {
                value[i] = CT_AIR_HU;
              } else if (body > 0.8 * 0.8) {
                value[i] = -95 + 10 * t[i];
              } else {
                value[i] = 35 + 12 * t[i];
              }
            }
            case MR -> {
              double body = (dx / 0.44) * (dx / 0.44) + (dy / 0.40) * (dy / 0.40);
              value[i] = body > 1 ? Math.abs(8 * t[i]) : 320 + 35 * t[i];
            }
            case DX -> {
              double tissue = (dx / 0.40) * (dx / 0.40) + (dy / 0.75) * (dy / 0.75);
              value[i] = tissue > 1 ? 1500 + 40 * t[i] : 18000 + 700 * t[i];
            }
            case US -> {
              double fx = x - cx;
              double fy = y + 0.1 * ny;
              double r = Math.sqrt(fx * fx + fy * fy) / ny;
              boolean inFan = r >= 0.15 && r <= 1.0 && Math.abs(fx) <= fy * 0.7;
              value[i] = inFan ? 60 + 22 * t[i] : 0;
            }
            default -> throw new IllegalArgumentException("modality " + m);
          }
        }
      }
    }
  }

  /** Paints a colour scale (red to blue through purple) in the right margin of an RGB image, outside any ROI. */
  private static void colourBar(int nx, int ny, byte[] rgb) {
    int x0 = nx - 1 - Math.max(2, nx / 32);
    int y0 = ny / 8;
    int y1 = ny - ny / 8;
    for (int y = y0; y < y1; y++) {
      double f = (y - y0) / (double) Math.max(1, y1 - y0 - 1);
      for (int x = x0; x < nx - 1; x++) {
        int i = 3 * (x + nx * y);
        rgb[i] = (byte) Math.round(255 * (1 - f));
        rgb[i + 1] = (byte) Math.round(64 + 64 * f);
        rgb[i + 2] = (byte) Math.round(255 * f);
      }
    }
  }
}
