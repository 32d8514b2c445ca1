package io.liquid4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterChartTest {

  @TempDir Path dir;

  @Test
  void writesAPngWithEachPointInItsPaletteColour() throws IOException {
    Path file = new ScatterChart("t", "parameters", "accuracy").xRange(0, 30000).yRange(0.5, 1)
        .point("lstm", 19338, 0.96).point("simplernn", 5322, 0.95)
        .writePng(dir.resolve("sub/scatter.png"), 400, 300);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(400, image.getWidth());
    assertEquals(300, image.getHeight());
    assertTrue(hasColour(image, 0x1f77b4), "no pixel in the first point's colour");
    assertTrue(hasColour(image, 0xff7f0e), "no pixel in the second point's colour");
  }

  @Test
  void rejectsNonFinitePointsAndEmptyRanges() {
    ScatterChart chart = new ScatterChart("t", "x", "y");
    assertThrows(IllegalArgumentException.class, () -> chart.point("a", Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> chart.xRange(2, 1));
    assertThrows(IllegalArgumentException.class, () -> chart.yRange(1, 1));
  }

  private static boolean hasColour(BufferedImage image, int rgb) {
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
