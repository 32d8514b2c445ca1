package io.liquid4j.wiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

/** The structural rules every NCP wiring obeys, whatever random numbers built it (ncps too). */
final class NcpRules {

  private NcpRules() {}

  /** Asserts ids, types, layers and the synapse pattern of an NCP built from {@code spec}. */
  static void assertNcp(Wiring w, NcpWiring spec) {
    int m = spec.motorNeurons();
    int c = spec.commandNeurons();
    int inter = spec.interNeurons();
    int f = w.inputDim();
    assertEquals(m + c + inter, w.units(), "units");
    assertEquals(m, w.outputDim(), "outputDim");
    assertEquals(m, w.countOf(NeuronType.MOTOR), "motor count");
    assertEquals(c, w.countOf(NeuronType.COMMAND), "command count");
    assertEquals(inter, w.countOf(NeuronType.INTER), "inter count");
    for (int id = 0; id < w.units(); id++) {
      NeuronType expected =
          id < m ? NeuronType.MOTOR : id < m + c ? NeuronType.COMMAND : NeuronType.INTER;
      assertEquals(expected, w.typeOf(id), "type of neuron " + id);
    }
    assertEquals(3, w.numLayers());
    assertArrayEquals(IntStream.range(m + c, m + c + inter).toArray(), w.neuronsOfLayer(0));
    assertArrayEquals(IntStream.range(m, m + c).toArray(), w.neuronsOfLayer(1));
    assertArrayEquals(IntStream.range(0, m).toArray(), w.neuronsOfLayer(2));

    // only sensory -> inter, inter -> command, command -> command, command -> motor
    for (int k = 0; k < f; k++) {
      for (int j = 0; j < w.units(); j++) {
        if (w.sensoryPolarity(k, j) != 0) {
          assertEquals(NeuronType.INTER, w.typeOf(j), "sensory " + k + " -> neuron " + j);
        }
      }
    }
    for (int i = 0; i < w.units(); i++) {
      for (int j = 0; j < w.units(); j++) {
        if (w.polarity(i, j) != 0) {
          NeuronType s = w.typeOf(i);
          NeuronType t = w.typeOf(j);
          boolean allowed = (s == NeuronType.INTER && t == NeuronType.COMMAND)
              || (s == NeuronType.COMMAND && t != NeuronType.INTER);
          assertTrue(allowed, "synapse " + i + "(" + s + ") -> " + j + "(" + t + ")");
        }
      }
    }
    // (a) each input reaches >= sensoryFanout inter neurons; every inter neuron has an input;
    // the extra synapses beyond F * sensoryFanout come in blocks of the fix-up fan-in
    int meanFanin = Math.max(1, Math.min(f * spec.sensoryFanout() / inter, f));
    for (int k = 0; k < f; k++) {
      assertTrue(w.sensoryFanOut(k) >= spec.sensoryFanout(), "fan-out of input " + k);
    }
    for (int id : w.neuronsOfLayer(0)) {
      assertTrue(w.sensoryFanIn(id) >= 1, "inter " + id + " has no sensory input");
      assertEquals(0, w.fanIn(id), "inter " + id + " has a neuron input");
    }
    int extra = w.sensorySynapseCount() - f * spec.sensoryFanout();
    assertTrue(extra >= 0 && extra % meanFanin == 0 && extra / meanFanin <= inter,
        "sensory fix-up synapses: " + extra);
    // (b) each inter neuron reaches >= interFanout command neurons; every command has an inter input
    for (int id : w.neuronsOfLayer(0)) {
      assertTrue(w.fanOut(id) >= spec.interFanout(), "fan-out of inter " + id);
    }
    for (int id : w.neuronsOfLayer(1)) {
      long fromInter = IntStream.range(m + c, w.units()).filter(i -> w.polarity(i, id) != 0).count();
      assertTrue(fromInter >= 1, "command " + id + " has no inter input");
      long toMotor = IntStream.range(0, m).filter(j -> w.polarity(id, j) != 0).count();
      assertTrue(toMotor >= 1, "command " + id + " has no motor target");
    }
    // (c) at most recurrentCommandSynapses command -> command synapses (repeats collapse)
    long recurrent = 0;
    for (int i = m; i < m + c; i++) {
      for (int j = m; j < m + c; j++) {
        recurrent += w.polarity(i, j) != 0 ? 1 : 0;
      }
    }
    assertTrue(recurrent <= spec.recurrentCommandSynapses(), "recurrent synapses " + recurrent);
    // (d) each motor neuron has >= motorFanin command inputs; motor neurons drive nothing
    for (int id = 0; id < m; id++) {
      assertTrue(w.fanIn(id) >= spec.motorFanin(), "fan-in of motor " + id);
      assertEquals(0, w.fanOut(id), "motor " + id + " has outgoing synapses");
      assertEquals(0, w.sensoryFanIn(id), "motor " + id + " has sensory input");
    }
  }

  /** Non-zero entries counted directly, to compare with the counters of {@link Wiring}. */
  static int nonZero(int[][] m) {
    int n = 0;
    for (int[] row : m) {
      for (int v : row) {
        n += v != 0 ? 1 : 0;
      }
    }
    return n;
  }
}
