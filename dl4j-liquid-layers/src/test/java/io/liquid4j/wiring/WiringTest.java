package io.liquid4j.wiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.shade.jackson.databind.JsonNode;

class WiringTest {

  private static final NeuronType M = NeuronType.MOTOR;
  private static final NeuronType I = NeuronType.INTER;

  private static int[][] adjacency() {
    return new int[][] {{0, 1, 0}, {-1, 0, 0}, {1, 1, 1}};
  }

  private static int[][] sensory() {
    return new int[][] {{0, 0, 1}, {0, -1, 1}};
  }

  private static Wiring small() {
    return Wiring.of(adjacency(), sensory(), List.of(M, I, I), new int[][] {{2, 1}, {0}}, null);
  }

  private static void assertRejected(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void goldenMatricesGiveTheGoldenCounts() {
    JsonNode g = Golden.wiringNode(Golden.AUTONCP);
    Wiring w = Golden.wiring(Golden.AUTONCP);
    assertEquals(g.get("synapse_count").asInt(), w.synapseCount());
    assertEquals(g.get("sensory_synapse_count").asInt(), w.sensorySynapseCount());
    assertEquals(g.get("input_dim").asInt(), w.inputDim());
    assertEquals(g.get("output_dim").asInt(), w.outputDim());
    assertArrayEquals(Golden.matrix(g.get("adjacency_matrix")), w.adjacency());
    assertEquals("ncps.AutoNCP", w.provenance().generator());
  }

  @Test
  void accessorsDescribeTheGraph() {
    Wiring w = small();
    assertEquals(3, w.units());
    assertEquals(2, w.inputDim());
    assertEquals(1, w.outputDim());
    assertEquals(5, w.synapseCount());
    assertEquals(3, w.sensorySynapseCount());
    assertEquals(2, w.numLayers());
    assertEquals(1, w.layerOf(0));
    assertEquals(0, w.layerOf(2));
    assertEquals(2, w.fanIn(1));
    assertEquals(3, w.fanOut(2));
    assertEquals(2, w.sensoryFanIn(2));
    assertEquals(2, w.sensoryFanOut(1));
    assertEquals(-1, w.sensoryPolarity(1, 1));
    assertEquals(WiringProvenance.explicit(), w.provenance());
    assertTrue(w.toString().contains("synapses=5"), w.toString());
  }

  @Test
  void arraysAreCopiedInAndOut() {
    int[][] a = adjacency();
    int[][] layers = {{2, 1}, {0}};
    Wiring w = Wiring.of(a, sensory(), List.of(M, I, I), layers, null);
    a[0][0] = 1;
    layers[0][0] = 0;
    w.adjacency()[0][1] = 0;
    w.sensoryAdjacency()[0][2] = 0;
    w.neuronsOfLayer(0)[0] = 7;
    assertEquals(small(), w);
    assertEquals(0, w.polarity(0, 0));
    assertEquals(1, w.polarity(0, 1));
    assertThrows(UnsupportedOperationException.class, () -> w.neuronTypes().set(0, I));
  }

  @Test
  void equalityCoversMatricesAndProvenance() {
    assertEquals(small(), small());
    assertEquals(small().hashCode(), small().hashCode());
    int[][] changed = adjacency();
    changed[0][1] = -1;
    assertNotEquals(small(),
        Wiring.of(changed, sensory(), List.of(M, I, I), new int[][] {{2, 1}, {0}}, null));
    assertNotEquals(small(), Wiring.of(adjacency(), sensory(), List.of(M, I, I),
        new int[][] {{2, 1}, {0}}, new WiringProvenance("mine", null, 1L)));
  }

  @Test
  void explicitWiringsAreValidated() {
    List<NeuronType> types = List.of(M, I, I);
    int[][] layers = {{0, 1, 2}};
    // units is the number of rows, so a non-square matrix fails on its columns
    assertRejected("Wiring: adjacency[0] must have 2 columns, got 3",
        () -> Wiring.of(new int[2][3], sensory(), types, layers, null));
    assertRejected("Wiring: sensoryAdjacency[1] must have 3 columns, got 2",
        () -> Wiring.of(adjacency(), new int[][] {{0, 0, 0}, {0, 0}}, types, layers, null));
    assertRejected("Wiring: adjacency[1] must have 3 columns, got 2",
        () -> Wiring.of(new int[][] {{0, 0, 0}, {0, 0}, {0, 0, 0}}, sensory(), types, layers, null));
    assertRejected("Wiring: adjacency[2][0] must be -1, 0 or +1, got 2",
        () -> Wiring.of(new int[][] {{0, 0, 0}, {0, 0, 0}, {2, 0, 0}}, sensory(), types, layers,
            null));
    assertRejected("Wiring: sensoryAdjacency[0][1] must be -1, 0 or +1, got -3",
        () -> Wiring.of(adjacency(), new int[][] {{0, -3, 0}}, types, layers, null));
    assertRejected("Wiring: inputDim must be >= 1, got 0",
        () -> Wiring.of(adjacency(), new int[0][], types, layers, null));
    assertRejected("Wiring: neuronTypes must have units=3 entries, got 2",
        () -> Wiring.of(adjacency(), sensory(), List.of(M, I), layers, null));
    assertRejected("Wiring: outputDim must be in [1, 3], got 0 (1 to units)",
        () -> Wiring.of(adjacency(), sensory(), List.of(I, I, I), layers, null));
    assertRejected("Wiring: neuronTypes[1] must be MOTOR (motor neurons are exactly ids "
            + "[0, outputDim=2)), got INTER",
        () -> Wiring.of(adjacency(), sensory(), List.of(M, I, M), layers, null));
    assertRejected("Wiring: layers must be a partition of the neuron ids, but neuron 1 is in none",
        () -> Wiring.of(adjacency(), sensory(), types, new int[][] {{0, 2}}, null));
    assertRejected("Wiring: layers must be a partition of the neuron ids, but neuron 2 is in "
            + "layers[0] and layers[1]",
        () -> Wiring.of(adjacency(), sensory(), types, new int[][] {{0, 2}, {1, 2}}, null));
    assertRejected("Wiring: neuron id in layers[0] must be in [0, 2], got 3",
        () -> Wiring.of(adjacency(), sensory(), types, new int[][] {{0, 1, 2, 3}}, null));
    assertRejected("Wiring: size of layers[1] must be >= 1, got 0",
        () -> Wiring.of(adjacency(), sensory(), types, new int[][] {{0, 1, 2}, {}}, null));
    assertRejected("Wiring: number of layers must be >= 1, got 0",
        () -> Wiring.of(adjacency(), sensory(), types, new int[0][], null));
  }

  @Test
  void builderValidatesEachSynapse() {
    WiringBuilder b = new WiringBuilder(3, 2, 1);
    assertRejected("WiringBuilder: src must be in [0, 2], got 3", () -> b.addSynapse(3, 0, 1));
    assertRejected("WiringBuilder: dst must be in [0, 2], got -1", () -> b.addSynapse(0, -1, 1));
    assertRejected("WiringBuilder: polarity must be -1 or +1, got 0", () -> b.addSynapse(0, 1, 0));
    assertRejected("WiringBuilder: input must be in [0, 1], got 2",
        () -> b.addSensorySynapse(2, 0, 1));
    assertRejected("WiringBuilder: outputDim must be in [1, 3], got 4 (1 to units)",
        () -> new WiringBuilder(3, 2, 4));
    Wiring w = b.addSynapse(0, 1, 1).addSynapse(0, 1, -1).addSensorySynapse(1, 2, 1)
        .layers(new int[] {1, 2}, new int[] {0}).build();
    assertEquals(-1, w.polarity(0, 1), "a repeated synapse overwrites the polarity");
    assertEquals(1, w.synapseCount());
    assertEquals(1, w.sensorySynapseCount());
    assertEquals(2, w.numLayers());
  }

  @Test
  void provenanceNormalisesNumbersAndRejectsOtherValues() {
    WiringProvenance p = new WiringProvenance("g", java.util.Map.of("a", 3, "b", 0.5f), 1L);
    assertEquals(3L, p.args().get("a"));
    assertEquals(0.5, p.args().get("b"));
    assertRejected("WiringProvenance: argument x must be a string, boolean or number, got "
        + "java.util.ArrayList", () -> new WiringProvenance("g",
            java.util.Map.of("x", new java.util.ArrayList<>()), null));
    assertRejected("WiringProvenance: generator must not be blank, got \" \"",
        () -> new WiringProvenance(" ", null, null));
    assertEquals(NeuronType.COMMAND, NeuronType.fromNcpsName("command"));
    assertRejected("NeuronType: name must be one of motor, command, inter, got sensory",
        () -> NeuronType.fromNcpsName("sensory"));
  }
}
