package io.liquid4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {

  @TempDir Path out;

  @Test
  void tinyRunChoosesLrAndEpochOnValidationAndTestsThatCheckpointOnce() throws IOException {
    int h = 8;
    int epochs = 3;
    List<Double> grid = List.of(1e-2, 3e-3);
    CompareOptions options = CompareOptions.parse("--epochs", String.valueOf(epochs), "--hidden",
        String.valueOf(h), "--limit", "200", "--lrs", "0.01,0.003", "--out", out.toString());
    CompareReport report = Compare.run(options);

    assertEquals(List.of("cfc", "lstm", "gru", "simplernn"),
        report.rows().stream().map(CompareReport.Row::model).toList());
    int n = DigitsData.FEATURES;
    int k = DigitsData.CLASSES;
    long outputLayer = (long) h * k + k;
    assertEquals((long) (n + h) * h + h + 4L * (h * h + h) + outputLayer,
        report.row("cfc").parameters());
    assertEquals(4L * (n * h + h * h + h) + outputLayer, report.row("lstm").parameters());
    // GRU: inputW [n, 3h] + recurrentW [h, 3h] + inputb [3h] + recurrentb [3h] (PyTorch's biases)
    assertEquals(3L * (n * h + h * h + 2 * h) + outputLayer, report.row("gru").parameters());
    assertEquals((long) n * h + h * h + h + outputLayer, report.row("simplernn").parameters());

    DigitsData.Partition data = DigitsData.load().partition(
        Compare.TEST_FRACTION, Compare.VALIDATION_FRACTION, options.seed(), options.limit());
    assertEquals(data.train().numExamples(), report.trainSize());
    assertEquals(data.validation().numExamples(), report.validationSize());
    assertEquals(data.test().numExamples(), report.testSize());
    assertEquals(200, report.trainSize() + report.validationSize() + report.testSize(), 10);
    assertTrue(report.validationSize() >= DigitsData.CLASSES, "one validation image per class");

    for (CompareReport.Row row : report.rows()) {
      assertTrue(grid.contains(row.learningRate()), row.model() + " lr " + row.learningRate());
      assertTrue(row.bestEpoch() >= 1 && row.bestEpoch() <= epochs, row.model());
      assertEquals(epochs, row.epochs());
      assertEquals(grid, row.runs().stream().map(CompareReport.Run::learningRate).toList());
      double bestOfAllRuns = -1;
      for (CompareReport.Run run : row.runs()) {
        assertEquals(epochs, run.validationAccuracyPerEpoch().size());
        assertEquals(epochs, run.lossPerEpoch().size());
        assertTrue(run.lossPerEpoch().stream().allMatch(Double::isFinite), row.model());
        bestOfAllRuns = Math.max(bestOfAllRuns, run.bestValidationAccuracy());
      }
      CompareReport.Run chosen = row.chosenRun();
      assertEquals(bestOfAllRuns, row.validationAccuracy(), "chose the best validation run");
      assertEquals(chosen.bestEpoch(), row.bestEpoch());
      assertEquals(chosen.validationAccuracyPerEpoch().get(row.bestEpoch() - 1),
          row.validationAccuracy());
      assertTrue(row.testAccuracy() >= 0 && row.testAccuracy() <= 1, row.toString());
      assertEquals(4 * row.parameters(), row.parameterBytes(), "float32 parameters");
      assertTrue(row.trainMillisPerEpoch() > 0, row.model());
      assertTrue(row.inferenceMicrosPerSequence() > 0, row.model());

      // The reported numbers are those of the returned checkpoint: validation accuracy as
      // selected, test accuracy as reported.
      MultiLayerNetwork restored = new MultiLayerNetwork(Models.byName(List.of(row.model())).get(0)
          .factory().create(new NetworkSettings(n, DigitsData.TIME_STEPS, k, h, options.seed(),
              row.learningRate())));
      restored.init();
      assertEquals(row.parameters(), row.checkpoint().length());
      restored.setParams(row.checkpoint());
      assertEquals(row.validationAccuracy(), Compare.accuracy(restored, data.validation()),
          row.model() + ": checkpoint is not the validation choice");
      assertEquals(row.testAccuracy(), Compare.accuracy(restored, data.test()),
          row.model() + ": test accuracy is not that of the checkpoint");
    }

    assertEquals(List.of(out.resolve(Compare.PLOT_FILE), out.resolve(Compare.SCATTER_FILE)),
        report.files());
    for (Path file : report.files()) {
      BufferedImage png = ImageIO.read(file.toFile());
      assertNotNull(png, file + " is not a readable image");
      assertEquals(800, png.getWidth());
      assertEquals(500, png.getHeight());
    }

    String[] lines = report.table().split("\n");
    assertEquals(1 + report.rows().size(), lines.length);
    assertTrue(lines[0].startsWith("model"), lines[0]);
    for (String column : List.of("lr", "best_epoch", "val_acc", "test_acc", "param_KiB")) {
      assertTrue(lines[0].contains(column), lines[0]);
    }
    assertTrue(lines[1].startsWith("cfc "), lines[1]);
    assertEquals(lines[0].length(), lines[1].length(), "columns are not aligned");
  }

  @Test
  void cfcAtDefaultSizeBeatsChanceAfterAFewEpochs() {
    CompareReport report = Compare.run(CompareOptions.parse(
        "--epochs", "3", "--models", "cfc", "--lrs", "0.01", "--out", out.toString()));
    double accuracy = report.row("cfc").testAccuracy();
    assertTrue(accuracy > 0.5, "CfC test accuracy after 3 epochs: expected > 0.5, got " + accuracy);
  }

  @Test
  void lstmAtDefaultSizeBeatsChanceAfterAFewEpochs() {
    CompareReport report = Compare.run(CompareOptions.parse(
        "--epochs", "5", "--models", "lstm", "--lrs", "0.01", "--out", out.toString()));
    double accuracy = report.row("lstm").testAccuracy();
    assertTrue(accuracy > 0.5, "LSTM test accuracy after 5 epochs: expected > 0.5, got " + accuracy);
  }
}
