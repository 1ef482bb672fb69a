package org.sparkradiomics.modeling.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @TempDir
  Path dir;

  static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Checks the PNG signature, that ImageIO decodes it, its size, and that it is not a blank image. */
  static void assertPng(Path f, int w, int h) throws Exception {
    byte[] b = Files.readAllBytes(f);
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(b, 8), f.toString());
    BufferedImage img = ImageIO.read(f.toFile());
    assertEquals(w, img.getWidth(), f.toString());
    assertEquals(h, img.getHeight(), f.toString());
    int first = img.getRGB(0, 0);
    boolean varied = false;
    for (int y = 0; y < h && !varied; y += 3) {
      for (int x = 0; x < w; x += 3) {
        if (img.getRGB(x, y) != first) {
          varied = true;
          break;
        }
      }
    }
    assertTrue(varied, "blank image " + f);
  }

  @Test
  void everyPlotIsAValidPngOfTheRightSize() throws Exception {
    Random r = new Random(5);
    int n = 200;
    double[] p = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.4 ? 1 : 0;
      p[i] = 1 / (1 + Math.exp(-(2 * y[i] - 1 + r.nextGaussian())));
    }
    Charts.roc(Curves.roc(p, y), Curves.rocBand(p, y, 200, 1), "AUC", dir.resolve("roc.png"));
    Charts.calibration(Curves.calibration(p, y, 10), dir.resolve("cal.png"));
    Charts.decision(Curves.decision(p, y), dir.resolve("dca.png"));
    double[] lambdas = {0.01, 0.1, 1};
    Charts.lassoPath(new LassoPath(lambdas, List.of("a", "b"), new double[][] {{1.2, -0.5}, {0.7, 0}, {0, 0}}, 0.1),
        dir.resolve("path.png"));
    Nomogram nomo = new Nomogram(-3, List.of(new Nomogram.Variable("age", 0.05, 40, 80),
        new Nomogram.Variable("Rad-score", -2, -1, 0.5)));
    Charts.nomogram(nomo, dir.resolve("nomo.png"));
    // Charts sets java.awt.headless before AWT loads: no display was needed
    assertEquals("true", System.getProperty("java.awt.headless"));
    assertTrue(java.awt.GraphicsEnvironment.isHeadless());
    for (String f : List.of("roc.png", "cal.png", "dca.png", "path.png")) {
      assertPng(dir.resolve(f), Charts.WIDTH, Charts.HEIGHT);
    }
    // nomogram: 2 variables + points, total points, probability rows: 80 + 55 * 5 = 355 pixels high
    assertPng(dir.resolve("nomo.png"), Charts.WIDTH + 160, 355);
  }
}
