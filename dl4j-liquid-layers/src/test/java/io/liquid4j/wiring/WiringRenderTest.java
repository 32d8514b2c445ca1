package io.liquid4j.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiringRenderTest {

  private static final Pattern EDGE =
      Pattern.compile("(sensory|neuron)_(\\d+) -> neuron_(\\d+) \\[color=\"(#[0-9a-f]{6})\"\\]");

  @Test
  void dotHasEverySynapseOnceWithItsPolarityColour() {
    Wiring w = new AutoNcpWiring(19, 1).build(8);
    String dot = w.toDot();
    Map<String, String> edges = new HashMap<>();
    Matcher m = EDGE.matcher(dot);
    while (m.find()) {
      String key = m.group(1) + m.group(2) + ">" + m.group(3);
      assertEquals(null, edges.put(key, m.group(4)), "duplicate edge " + key);
    }
    assertEquals(w.synapseCount() + w.sensorySynapseCount(), edges.size());
    for (int i = 0; i < w.units(); i++) {
      for (int j = 0; j < w.units(); j++) {
        assertEquals(colour(w.polarity(i, j)), edges.get("neuron" + i + ">" + j), i + "->" + j);
      }
    }
    for (int k = 0; k < w.inputDim(); k++) {
      for (int j = 0; j < w.units(); j++) {
        assertEquals(colour(w.sensoryPolarity(k, j)), edges.get("sensory" + k + ">" + j));
      }
    }
    assertTrue(dot.startsWith("// Wiring[AutoNcpWiring"), dot);
    assertTrue(dot.contains("neuron_0 [label=\"0\", tooltip=\"motor\", fillcolor=\"#ff7f0e\"]"));
    assertTrue(dot.contains("neuron_1 [label=\"1\", tooltip=\"command\", fillcolor=\"#9467bd\"]"));
    assertTrue(dot.contains("neuron_18 [label=\"18\", tooltip=\"inter\", fillcolor=\"#1f77b4\"]"));
    assertTrue(dot.contains("sensory_7 [label=\"s7\", fillcolor=\"#bcbd22\"]"));
    assertTrue(dot.contains("cluster_legend"));
    assertTrue(dot.trim().endsWith("}"));
  }

  private static String colour(int polarity) {
    return polarity == 0 ? null : polarity > 0 ? "#2ca02c" : "#d62728";
  }

  @Test
  void pngShowsEveryColourOfTheLegend(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/wiring.png");
    new WiringDiagram().title("AutoNCP(19, 1)").writePng(new AutoNcpWiring(19, 1).build(8), file);
    assertTrue(Files.size(file) > 5_000, "size " + Files.size(file));
    BufferedImage img = ImageIO.read(file.toFile());
    assertEquals(900, img.getWidth());
    assertEquals(600, img.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        colours.add(img.getRGB(x, y) & 0xffffff);
      }
    }
    for (int rgb : new int[] {0x1f77b4, 0x9467bd, 0xff7f0e, 0xbcbd22, 0x2ca02c, 0xd62728}) {
      assertTrue(colours.contains(rgb), String.format("colour #%06x missing", rgb));
    }
    assertTrue(colours.size() > 20, "an image with only " + colours.size() + " colours");
  }

  @Test
  void renderHonoursTheSizeAndDrawsSingleLayerWirings() {
    BufferedImage img = new WiringDiagram().size(400, 300).render(new FullyConnectedWiring(5, 2)
        .build(2));
    assertEquals(400, img.getWidth());
    assertEquals(300, img.getHeight());
    assertEquals(0xffffff, img.getRGB(0, 0) & 0xffffff);
    assertEquals("WiringDiagram: width must be >= 200, got 10",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new WiringDiagram().size(10, 300)).getMessage());
  }
}
