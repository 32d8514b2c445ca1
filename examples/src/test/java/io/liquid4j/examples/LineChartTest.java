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

class LineChartTest {

  @TempDir Path dir;

  @Test
  void writesAPngOfTheRequestedSizeWithTheFirstSeriesColour() throws IOException {
    Path file = new LineChart("t", "x", "y").yRange(0, 1)
        .series("a", new double[] {1, 2, 3}, new double[] {0.1, 0.5, 0.9})
        .series("b", new double[] {1, 2, 3}, new double[] {0.2, 0.2, 0.3})
        .writePng(dir.resolve("sub/chart.png"), 400, 300);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(400, image.getWidth());
    assertEquals(300, image.getHeight());
    boolean blue = false;
    for (int x = 0; x < image.getWidth() && !blue; x++) {
      for (int y = 0; y < image.getHeight() && !blue; y++) {
        blue = (image.getRGB(x, y) & 0xffffff) == 0x1f77b4;
      }
    }
    assertTrue(blue, "no pixel in the first series colour");
  }

  @Test
  void rejectsMismatchedSeriesAndEmptyRanges() {
    LineChart chart = new LineChart("t", "x", "y");
    assertThrows(IllegalArgumentException.class,
        () -> chart.series("a", new double[] {1, 2}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> chart.yRange(1, 1));
  }
}
