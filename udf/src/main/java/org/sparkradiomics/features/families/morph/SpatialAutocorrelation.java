package org.sparkradiomics.features.families.morph;

/**
 * Moran's I and Geary's C (IBSI-1 morph_moran_i, N365; morph_geary_c, NPT7) over the intensity-mask voxels with
 * inverse-distance weights {@code w_ij = 1/||r_i - r_j||} (mm) for all pairs i != j, computed without an all-pairs
 * loop: with {@code m} the mask indicator, {@code a_i = m_i (X_i - mu)} and the kernel {@code w(r) = 1/|r|},
 * {@code w(0) = 0}, the linear convolutions {@code w*m} and {@code w*a} over the zero-padded mask bounding box (FFT,
 * both packed in one complex transform as {@code m + i a}; the kernel transform is real because w is even; transforms
 * of the zero padding and of unused outputs are pruned, and only one octant of the kernel spectrum is kept) give
 * <ul>
 *   <li>{@code W = sum_ij w_ij = sum_i m_i (w*m)_i},
 *   <li>{@code S_aa = sum_ij w_ij a_i a_j = sum_i a_i (w*a)_i},
 *   <li>{@code S_a2 = sum_ij w_ij a_i^2 = sum_i a_i^2 (w*m)_i};
 * </ul>
 * then {@code I = N/W * S_aa / sum_i a_i^2} and, since {@code sum_ij w_ij (X_i - X_j)^2 = 2 S_a2 - 2 S_aa},
 * {@code C = (N - 1)(S_a2 - S_aa) / (W sum_i a_i^2)}.
 */
public final class SpatialAutocorrelation {
  private SpatialAutocorrelation() {}

  /**
   * @return {Moran's I, Geary's C}; NaN entries when undefined (fewer than 2 voxels or zero variance)
   */
  public static double[] compute(float[] values, boolean[] mask, int nx, int ny, int nz, double sx, double sy,
      double sz) {
    int x0 = nx;
    int y0 = ny;
    int z0 = nz;
    int x1 = -1;
    int y1 = -1;
    int z1 = -1;
    long count = 0;
    double sum = 0;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int i = x + nx * (y + ny * z);
          if (mask[i]) {
            count++;
            sum += values[i];
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
            z0 = Math.min(z0, z);
            z1 = Math.max(z1, z);
          }
        }
      }
    }
    if (count < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mu = sum / count;
    int bx = x1 - x0 + 1;
    int by = y1 - y0 + 1;
    int bz = z1 - z0 + 1;
    int lx = Fft3.nextPow2(2 * bx - 1);
    int ly = Fft3.nextPow2(2 * by - 1);
    int lz = Fft3.nextPow2(2 * bz - 1);
    int len = lx * ly * lz;
    double[] re = new double[len];
    double[] im = new double[len];
    for (int dz = -(bz - 1); dz <= bz - 1; dz++) {
      int wz = dz < 0 ? dz + lz : dz;
      double rz = dz * sz;
      for (int dy = -(by - 1); dy <= by - 1; dy++) {
        int wy = dy < 0 ? dy + ly : dy;
        double ry = dy * sy;
        int rowBase = lx * (wy + ly * wz);
        for (int dx = -(bx - 1); dx <= bx - 1; dx++) {
          if (dx == 0 && dy == 0 && dz == 0) {
            continue;
          }
          int wx = dx < 0 ? dx + lx : dx;
          double rx = dx * sx;
          re[rowBase + wx] = 1.0 / Math.sqrt(rx * rx + ry * ry + rz * rz);
        }
      }
    }
    Fft3 fft = new Fft3(lx, ly, lz);
    fft.forwardRealEven(re, im);
    // The kernel is real and even along each axis, so its spectrum is too: keep one octant (1/8 of the memory),
    // with the inverse-FFT normalisation folded in.
    int hx = lx / 2 + 1;
    int hy = ly / 2 + 1;
    int hz = lz / 2 + 1;
    double[] kOct = new double[hx * hy * hz];
    double scale = 1.0 / len;
    for (int z = 0; z < hz; z++) {
      for (int y = 0; y < hy; y++) {
        for (int x = 0; x < hx; x++) {
          kOct[x + hx * (y + hy * z)] = re[x + lx * (y + ly * z)] * scale;
        }
      }
    }
    java.util.Arrays.fill(re, 0);
    java.util.Arrays.fill(im, 0);
    double denom = 0;
    for (int z = 0; z < bz; z++) {
      for (int y = 0; y < by; y++) {
        for (int x = 0; x < bx; x++) {
          int i = (x + x0) + nx * ((y + y0) + ny * (z + z0));
          if (mask[i]) {
            int j = x + lx * (y + ly * z);
            double a = values[i] - mu;
            re[j] = 1;
            im[j] = a;
            denom += a * a;
          }
        }
      }
    }
    fft.forward(re, im, by, bz); // the data is zero outside the box corner [0,bx)x[0,by)x[0,bz)
    for (int z = 0; z < lz; z++) {
      int fz = Math.min(z, lz - z);
      for (int y = 0; y < ly; y++) {
        int fy = Math.min(y, ly - y);
        int row = lx * (y + ly * z);
        int krow = hx * (fy + hy * fz);
        for (int x = 0; x < lx; x++) {
          double k = kOct[krow + Math.min(x, lx - x)];
          re[row + x] *= k;
          im[row + x] *= k;
        }
      }
    }
    fft.inverseUnscaled(re, im, by, bz); // only the box corner is read back
    double w = 0;
    double saa = 0;
    double sa2 = 0;
    for (int z = 0; z < bz; z++) {
      for (int y = 0; y < by; y++) {
        for (int x = 0; x < bx; x++) {
          int i = (x + x0) + nx * ((y + y0) + ny * (z + z0));
          if (mask[i]) {
            int j = x + lx * (y + ly * z);
            double a = values[i] - mu;
            w += re[j];
            saa += a * im[j];
            sa2 += a * a * re[j];
          }
        }
      }
    }
    if (!(denom > 0) || !(w > 0)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double moran = count / w * saa / denom;
    double geary = (count - 1) * (sa2 - saa) / (w * denom);
    return new double[] {moran, geary};
  }
}
