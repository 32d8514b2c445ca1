package io.liquid4j.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomWiringTest {

  @Test
  void synapseCountsAreRoundedHalfToEvenLikePython() {
    Wiring w = new RandomWiring(10, 2, 0.25).build(3);
    assertEquals(75, w.synapseCount()); // round(100 * 0.75)
    assertEquals(22, w.sensorySynapseCount()); // round(22.5) = 22 in Python
    assertEquals(38, new RandomWiring(10, 2, 0.25).build(5).sensorySynapseCount()); // 37.5
    assertEquals(1, w.numLayers());
    assertEquals(2, w.countOf(NeuronType.MOTOR));
    assertEquals(8, w.countOf(NeuronType.INTER));
  }

  @Test
  void zeroSparsityIsFullyConnected() {
    Wiring w = new RandomWiring(6, 6, 0.0).build(2);
    assertEquals(36, w.synapseCount());
    assertEquals(12, w.sensorySynapseCount());
  }

  @Test
  void twoThirdsOfTheSynapsesAreExcitatory() {
    Wiring w = new RandomWiring(80, 4, 0.5).build(3);
    int excitatory = 0;
    for (int[] row : w.adjacency()) {
      for (int v : row) {
        excitatory += v > 0 ? 1 : 0;
      }
    }
    assertEquals(2.0 / 3.0, excitatory / (double) w.synapseCount(), 0.03);
  }

  @Test
  void seedDeterminesTheGraph() {
    assertEquals(new RandomWiring(12, 3, 0.6, 9).build(4), new RandomWiring(12, 3, 0.6, 9).build(4));
    assertFalse(Arrays.deepEquals(new RandomWiring(12, 3, 0.6, 9).build(4).adjacency(),
        new RandomWiring(12, 3, 0.6, 10).build(4).adjacency()));
  }

  @Test
  void invalidArgumentsAreRejectedWithTheirBound() {
    assertEquals("RandomWiring: sparsityLevel must be in [0.0, 1.0), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> new RandomWiring(4, 1, 1.0))
            .getMessage());
    assertEquals("RandomWiring: sparsityLevel must be in [0.0, 1.0), got -0.1",
        assertThrows(IllegalArgumentException.class, () -> new RandomWiring(4, 1, -0.1))
            .getMessage());
    assertEquals("RandomWiring: units must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new RandomWiring(0, 1, 0.5))
            .getMessage());
    assertEquals("RandomWiring: outputDim must be in [1, 4], got 9 (1 to units)",
        assertThrows(IllegalArgumentException.class, () -> new RandomWiring(4, 9, 0.5))
            .getMessage());
  }
}
