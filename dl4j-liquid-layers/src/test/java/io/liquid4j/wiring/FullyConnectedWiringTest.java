package io.liquid4j.wiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FullyConnectedWiringTest {

  @Test
  void everyPairIsConnected() {
    Wiring w = new FullyConnectedWiring(8, 2).build(3);
    assertEquals(64, w.synapseCount());
    assertEquals(24, w.sensorySynapseCount());
    assertEquals(1, w.numLayers());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, w.neuronsOfLayer(0));
    assertEquals(2, w.outputDim());
    assertEquals(2, w.countOf(NeuronType.MOTOR));
    assertEquals(6, w.countOf(NeuronType.INTER));
    assertEquals(NeuronType.MOTOR, w.typeOf(1));
    assertEquals(NeuronType.INTER, w.typeOf(2));
  }

  @Test
  void defaultOutputIsEveryUnit() {
    Wiring w = new FullyConnectedWiring(5).build(2);
    assertEquals(5, w.outputDim());
    assertEquals(5, w.countOf(NeuronType.MOTOR));
    assertEquals(FullyConnectedWiring.DEFAULT_SEED, w.provenance().seed());
  }

  @Test
  void withoutSelfConnectionsTheDiagonalIsEmpty() {
    Wiring w = new FullyConnectedWiring(7, 7, 3, false).build(2);
    assertEquals(49 - 7, w.synapseCount());
    for (int i = 0; i < 7; i++) {
      assertEquals(0, w.polarity(i, i));
    }
    assertEquals(false, w.provenance().args().get("selfConnections"));
  }

  @Test
  void twoThirdsOfTheSynapsesAreExcitatory() {
    Wiring w = new FullyConnectedWiring(60).build(40);
    int excitatory = 0;
    for (int[] row : w.adjacency()) {
      for (int v : row) {
        excitatory += v > 0 ? 1 : 0;
      }
    }
    // 3600 synapses: the binomial standard deviation of the fraction is 0.008
    assertEquals(2.0 / 3.0, excitatory / 3600.0, 0.03);
    int sensoryExcitatory = 0;
    for (int[] row : w.sensoryAdjacency()) {
      for (int v : row) {
        sensoryExcitatory += v > 0 ? 1 : 0;
      }
    }
    assertEquals(2.0 / 3.0, sensoryExcitatory / 2400.0, 0.03);
  }

  @Test
  void seedDeterminesThePolarities() {
    assertEquals(new FullyConnectedWiring(10, 3, 42, true).build(4),
        new FullyConnectedWiring(10, 3, 42, true).build(4));
    assertFalse(Arrays.deepEquals(new FullyConnectedWiring(10, 3, 42, true).build(4).adjacency(),
        new FullyConnectedWiring(10, 3, 43, true).build(4).adjacency()));
  }

  @Test
  void neuronPartDoesNotDependOnTheInputDimension() {
    FullyConnectedWiring spec = new FullyConnectedWiring(10);
    assertArrayEquals(spec.build(2).adjacency(), spec.build(9).adjacency());
  }

  @Test
  void invalidArgumentsAreRejectedWithTheirBound() {
    assertEquals("FullyConnectedWiring: units must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new FullyConnectedWiring(0))
            .getMessage());
    assertEquals("FullyConnectedWiring: outputDim must be in [1, 4], got 5 (1 to units)",
        assertThrows(IllegalArgumentException.class, () -> new FullyConnectedWiring(4, 5))
            .getMessage());
    assertEquals("FullyConnectedWiring: outputDim must be in [1, 4], got 0 (1 to units)",
        assertThrows(IllegalArgumentException.class, () -> new FullyConnectedWiring(4, 0))
            .getMessage());
    assertEquals("FullyConnectedWiring: inputDim must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new FullyConnectedWiring(4).build(0))
            .getMessage());
  }
}
