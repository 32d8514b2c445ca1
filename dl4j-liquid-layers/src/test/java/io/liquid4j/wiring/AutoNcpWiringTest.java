package io.liquid4j.wiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.shade.jackson.databind.JsonNode;

class AutoNcpWiringTest {

  /** The ncps AutoNCP formulas, written out independently of the production code. */
  private static int[] expectedCounts(int units, int output, double sparsity) {
    double d = 1.0 - sparsity;
    int command = Math.max((int) (0.4 * (units - output)), 1);
    int inter = units - output - command;
    return new int[] {inter, command, output, Math.max((int) (inter * d), 1),
        Math.max((int) (command * d), 1), Math.max((int) (command * d * 2), 1),
        Math.max((int) (command * d), 1)};
  }

  @Test
  void derivedCountsMatchTheNcpsExamples() {
    NcpWiring a = new AutoNcpWiring(12, 3).toNcp();
    assertArrayEquals(new int[] {6, 3, 3, 3, 1, 3, 1}, new int[] {a.interNeurons(),
        a.commandNeurons(), a.motorNeurons(), a.sensoryFanout(), a.interFanout(),
        a.recurrentCommandSynapses(), a.motorFanin()});
    NcpWiring b = new AutoNcpWiring(19, 1).toNcp();
    assertArrayEquals(new int[] {11, 7, 1, 5, 3, 7, 3}, new int[] {b.interNeurons(),
        b.commandNeurons(), b.motorNeurons(), b.sensoryFanout(), b.interFanout(),
        b.recurrentCommandSynapses(), b.motorFanin()});
  }

  @ParameterizedTest
  @CsvSource({"12, 3, 0.5, 3", "12, 3, 0.5, 8", "19, 1, 0.5, 8", "19, 1, 0.5, 2", "40, 4, 0.1, 5",
      "40, 4, 0.9, 5", "4, 1, 1.0, 1"})
  void structureFollowsTheNcpRules(int units, int output, double sparsity, int inputDim) {
    AutoNcpWiring spec = new AutoNcpWiring(units, output, sparsity);
    int[] e = expectedCounts(units, output, sparsity);
    NcpWiring ncp = spec.toNcp();
    assertArrayEquals(e, new int[] {ncp.interNeurons(), ncp.commandNeurons(), ncp.motorNeurons(),
        ncp.sensoryFanout(), ncp.interFanout(), ncp.recurrentCommandSynapses(), ncp.motorFanin()});
    Wiring w = spec.build(inputDim);
    assertEquals(inputDim, w.inputDim());
    NcpRules.assertNcp(w, ncp);
    assertEquals(NcpRules.nonZero(w.adjacency()), w.synapseCount());
    assertEquals(NcpRules.nonZero(w.sensoryAdjacency()), w.sensorySynapseCount());
    assertEquals(spec.provenance(), w.provenance());
    assertEquals("AutoNcpWiring", w.provenance().generator());
  }

  @Test
  void eachInputHasExactlySensoryFanoutTargetsWhenNoInterNeuronNeedsFixing() {
    // with 8 inputs x 3 targets over 6 inter neurons every inter neuron is reached by pass (a)
    Wiring w = new AutoNcpWiring(12, 3).build(8);
    for (int k = 0; k < 8; k++) {
      assertEquals(3, w.sensoryFanOut(k), "input " + k);
    }
    assertEquals(24, w.sensorySynapseCount());
  }

  @Test
  void sameLayoutAndRulesAsTheNcpsGoldenWiring() {
    JsonNode g = Golden.wiringNode(Golden.AUTONCP);
    assertEquals("AutoNCP", g.get("class").asText());
    int units = g.get("args").get("units").asInt();
    int output = g.get("args").get("output_size").asInt();
    int inputDim = g.get("input_dim").asInt();
    AutoNcpWiring spec = new AutoNcpWiring(units, output);
    Wiring ours = spec.build(inputDim);
    Wiring theirs = Golden.wiring(Golden.AUTONCP);

    assertEquals(g.get("units").asInt(), ours.units());
    assertEquals(g.get("output_dim").asInt(), ours.outputDim());
    assertEquals(g.get("num_layers").asInt(), ours.numLayers());
    assertArrayEquals(Golden.layers(g), ours.layers());
    assertEquals(Golden.types(g), ours.neuronTypes());
    // the same rules hold for the ncps matrices and ours (the random draws differ)
    NcpRules.assertNcp(theirs, spec.toNcp());
    NcpRules.assertNcp(ours, spec.toNcp());
    // exact fan-outs are not compared: the fix-up passes add synapses depending on the draws
    assertEquals(g.get("sensory_synapse_count").asInt(), theirs.sensorySynapseCount());
    assertEquals(g.get("synapse_count").asInt(), theirs.synapseCount());
  }

  @Test
  void oneSpecBuildsSeveralValidWirings() {
    AutoNcpWiring spec = new AutoNcpWiring(12, 3);
    Wiring w4 = spec.build(4);
    Wiring w7 = spec.build(7);
    assertEquals(4, w4.inputDim());
    assertEquals(7, w7.inputDim());
    NcpRules.assertNcp(w4, spec.toNcp());
    NcpRules.assertNcp(w7, spec.toNcp());
    assertEquals(w4, spec.build(4), "rebuilding gives the same wiring");
    assertEquals(w7, spec.build(7));
  }

  @Test
  void seedDecidesTheWiring() {
    Wiring a = new AutoNcpWiring(19, 1, 0.5, 7).build(8);
    assertEquals(a, new AutoNcpWiring(19, 1, 0.5, 7).build(8));
    Wiring b = new AutoNcpWiring(19, 1, 0.5, 8).build(8);
    assertFalse(java.util.Arrays.deepEquals(a.adjacency(), b.adjacency())
        && java.util.Arrays.deepEquals(a.sensoryAdjacency(), b.sensoryAdjacency()));
    assertNotEquals(a, b);
  }

  @Test
  void specsCompareByValue() {
    assertEquals(new AutoNcpWiring(12, 3), new AutoNcpWiring(12, 3, 0.5, 22222));
    assertEquals(new AutoNcpWiring(12, 3).hashCode(), new AutoNcpWiring(12, 3, 0.5).hashCode());
    assertNotEquals(new AutoNcpWiring(12, 3), new AutoNcpWiring(12, 3, 0.6));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "3 | 1 | 0.5 | AutoNcpWiring: units must be >= 4, got 3",
      "12 | 10 | 0.5 | AutoNcpWiring: outputSize must be in [1, 9], got 10 (outputSize must be < units - 2)",
      "12 | 0 | 0.5 | AutoNcpWiring: outputSize must be in [1, 9], got 0 (outputSize must be < units - 2)",
      "12 | 3 | 0.05 | AutoNcpWiring: sparsityLevel must be in [0.1, 1.0], got 0.05",
      "12 | 3 | 1.01 | AutoNcpWiring: sparsityLevel must be in [0.1, 1.0], got 1.01",
      "12 | 3 | NaN | AutoNcpWiring: sparsityLevel must be in [0.1, 1.0], got NaN"})
  void invalidArgumentsAreRejectedWithTheirBound(int units, int output, double sparsity,
      String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AutoNcpWiring(units, output, sparsity));
    assertEquals(message, e.getMessage());
  }

  @Test
  void boundsOfTheCheckAreAccepted() {
    assertDoesNotThrow(() -> new AutoNcpWiring(12, 9, 0.1).build(1));
    assertDoesNotThrow(() -> new AutoNcpWiring(12, 3, 1.0).build(1));
  }

  @Test
  void inputDimMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AutoNcpWiring(12, 3).build(0));
    assertEquals("AutoNcpWiring: inputDim must be >= 1, got 0", e.getMessage());
  }
}
