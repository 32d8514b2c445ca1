package io.liquid4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {

  @TempDir Path out;

  @Test
  void tinyRunReportsOneCheckedRowPerModelAndWritesThePlot() throws IOException {
    int h = 8;
    CompareReport report = Compare.run(CompareOptions.parse(
        "--epochs", "1", "--hidden", String.valueOf(h), "--limit", "200", "--out", out.toString()));

    assertEquals(List.of("cfc", "lstm", "simplernn"),
        report.rows().stream().map(CompareReport.Row::model).toList());
    int n = DigitsData.FEATURES;
    int k = DigitsData.CLASSES;
    long outputLayer = (long) h * k + k;
    assertEquals((long) (n + h) * h + h + 4L * (h * h + h) + outputLayer,
        report.row("cfc").parameters());
    assertEquals(4L * (n * h + h * h + h) + outputLayer, report.row("lstm").parameters());
    assertEquals((long) n * h + h * h + h + outputLayer, report.row("simplernn").parameters());
    for (CompareReport.Row row : report.rows()) {
      assertTrue(row.testAccuracy() >= 0 && row.testAccuracy() <= 1, row.toString());
      assertTrue(row.trainMillisPerEpoch() > 0, row.toString());
      assertTrue(row.inferenceMicrosPerSequence() > 0, row.toString());
      assertEquals(1, row.epochs());
      assertEquals(1, row.accuracyPerEpoch().size());
      assertEquals(row.testAccuracy(), row.accuracyPerEpoch().get(0));
      assertTrue(Double.isFinite(row.lossPerEpoch().get(0)));
    }
    assertEquals(200, report.trainSize() + report.testSize(), 10);

    assertEquals(List.of(out.resolve(Compare.PLOT_FILE)), report.files());
    assertTrue(Files.size(report.files().get(0)) > 0);
    BufferedImage png = ImageIO.read(report.files().get(0).toFile());
    assertNotNull(png, "plot is not a readable image");
    assertEquals(800, png.getWidth());

    String[] lines = report.table().split("\n");
    assertEquals(1 + report.rows().size(), lines.length);
    assertTrue(lines[0].startsWith("model"), lines[0]);
    assertTrue(lines[1].startsWith("cfc "), lines[1]);
    assertEquals(lines[0].length(), lines[1].length(), "columns are not aligned");
  }

  @Test
  void cfcAtDefaultSizeBeatsChanceAfterAFewEpochs() {
    CompareReport report = Compare.run(CompareOptions.parse(
        "--epochs", "3", "--models", "cfc", "--out", out.toString()));
    double accuracy = report.row("cfc").testAccuracy();
    assertTrue(accuracy > 0.5, "CfC test accuracy after 3 epochs: expected > 0.5, got " + accuracy);
  }

  @Test
  void lstmAtDefaultSizeBeatsChanceAfterAFewEpochs() {
    CompareReport report = Compare.run(CompareOptions.parse(
        "--epochs", "5", "--models", "lstm", "--out", out.toString()));
    double accuracy = report.row("lstm").testAccuracy();
    assertTrue(accuracy > 0.5, "LSTM test accuracy after 5 epochs: expected > 0.5, got " + accuracy);
  }
}
