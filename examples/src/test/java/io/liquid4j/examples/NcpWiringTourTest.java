package io.liquid4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.wiring.AutoNcpWiring;
import io.liquid4j.wiring.NeuronType;
import io.liquid4j.wiring.Wiring;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NcpWiringTourTest {

  @TempDir Path out;

  @Test
  void tinyRunReportsTheWiringItsFilesAndBothModels() throws IOException {
    NcpWiringTourOptions options = NcpWiringTourOptions.parse("--epochs", "1", "--window", "4",
        "--unfolds", "2", "--batch", "8", "--limit", "16", "--out", out.toString());
    NcpWiringTourReport report = NcpWiringTour.run(options);

    // AutoNCP(19, 1): command = max(int(0.4 * (19 - 1)), 1) = 7, inter = 19 - 1 - 7 = 11
    NcpWiringTourReport.WiringCounts counts = report.wiring();
    assertEquals(7, counts.command());
    assertEquals(19 - 1 - 7, counts.inter());
    assertEquals(1, counts.motor());
    assertEquals(NcpWiringTour.UNITS, counts.units());
    Wiring wiring = new AutoNcpWiring(19, 1, AutoNcpWiring.DEFAULT_SPARSITY, options.seed())
        .build(1);
    assertEquals(wiring.countOf(NeuronType.INTER), counts.inter());
    assertEquals(wiring.countOf(NeuronType.COMMAND), counts.command());
    assertEquals(wiring.countOf(NeuronType.MOTOR), counts.motor());
    assertEquals(wiring.synapseCount(), counts.synapses());
    assertEquals(wiring.sensorySynapseCount(), counts.sensorySynapses());
    assertEquals(wiring.numLayers(), counts.layers());
    assertEquals(1, counts.inputs());

    assertEquals(out.resolve(NcpWiringTour.WIRING_PNG), report.wiringPng());
    assertEquals(out.resolve(NcpWiringTour.PREDICTIONS_PNG), report.predictionsPng());
    for (Path png : new Path[] {report.wiringPng(), report.predictionsPng()}) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, png + " is not a readable image");
      assertTrue(image.getWidth() > 0 && image.getHeight() > 0, png.toString());
    }
    assertEquals(wiring.toDot(), Files.readString(report.wiringDot()));

    assertEquals(16, report.trainWindows());
    assertEquals(16, report.testWindows());
    for (NcpWiringTourReport.Model m : new NcpWiringTourReport.Model[] {report.ltc(),
        report.lstm()}) {
      assertTrue(Double.isFinite(m.testRmse()) && m.testRmse() > 0, m.name() + " " + m.testRmse());
      assertTrue(m.trainMillisPerEpoch() > 0, m.name());
      assertEquals(1, m.lossPerEpoch().size(), m.name());
      assertEquals(report.testWindows(), m.predictions().length, m.name());
    }
    assertTrue(report.lastValueRmse() > 0 && Double.isFinite(report.lastValueRmse()));
    assertTrue(report.driftRmse() > 0 && Double.isFinite(report.driftRmse()));

    // parameter counts are those of the networks: LTC from the ncps layout (F = 1 input, S = 19
    // neurons, M = 1 motor, affine mappings) and LSTM from its formula, closest to the LTC
    int s = NcpWiringTour.UNITS;
    long ltc = 3L * s + 4L * s * s + 4L * s + 2 + 2;
    assertEquals(ltc, report.ltc().parameters());
    assertEquals(NcpWiringTour.ltcNetwork(options, wiring).numParams(), report.ltc().parameters());
    int h = NcpWiringTour.lstmHiddenFor(ltc);
    assertEquals(NcpWiringTour.lstmParameters(h), report.lstm().parameters());
    assertEquals(NcpWiringTour.lstmNetwork(options, h).numParams(), report.lstm().parameters());
    assertTrue(Math.abs(NcpWiringTour.lstmParameters(h) - ltc)
        <= Math.abs(NcpWiringTour.lstmParameters(h + 1) - ltc));
    assertTrue(Math.abs(NcpWiringTour.lstmParameters(h) - ltc)
        <= Math.abs(NcpWiringTour.lstmParameters(h - 1) - ltc));
    assertTrue(report.lstm().name().contains("h=" + h));
    assertTrue(report.lines().stream().anyMatch(l -> l.contains("out of distribution")));
  }

  @Test
  void optionsRejectBadValuesNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NcpWiringTourOptions.parse("--window", "0"));
    assertTrue(e.getMessage().startsWith("--window must be >= 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> NcpWiringTourOptions.parse("--epochs", "x"));
    assertTrue(e.getMessage().contains("--epochs expects a number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> NcpWiringTourOptions.parse("--nope", "1"));
    assertTrue(e.getMessage().contains("--limit"), e.getMessage());
    assertEquals(NcpWiringTourOptions.defaults(), NcpWiringTourOptions.parse());
  }
}
