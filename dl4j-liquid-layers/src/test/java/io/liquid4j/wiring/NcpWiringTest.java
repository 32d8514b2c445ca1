package io.liquid4j.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NcpWiringTest {

  private static NcpWiringBuilder valid() {
    return NcpWiring.builder().interNeurons(10).commandNeurons(6).motorNeurons(3)
        .sensoryFanout(2).interFanout(2).recurrentCommandSynapses(4).motorFanin(2);
  }

  @Test
  void builderAndConstructorAgree() {
    assertEquals(new NcpWiring(10, 6, 3, 2, 2, 4, 2, 22222), valid().build());
    assertEquals(new NcpWiring(10, 6, 3, 2, 2, 4, 2, 5), valid().seed(5).build());
    assertEquals(19, valid().build().units());
    assertEquals(3, valid().build().outputDim());
  }

  @Test
  void followsTheRulesForManyAndFewInputs() {
    NcpWiring spec = valid().build();
    for (int inputDim : new int[] {1, 2, 5, 20}) {
      Wiring w = spec.build(inputDim);
      NcpRules.assertNcp(w, spec);
      assertEquals("NcpWiring", w.provenance().generator());
      assertEquals(22222L, w.provenance().seed());
    }
  }

  @Test
  void singleInputReachesEveryInterNeuronThroughTheFixUpPass() {
    // 1 input x sensoryFanout 2 reaches 2 of 10 inter neurons; the other 8 get clip(0, 1, 1) = 1
    Wiring w = valid().build().build(1);
    assertEquals(10, w.sensorySynapseCount());
    assertEquals(10, w.sensoryFanOut(0));
  }

  @Test
  void commandNeuronsWithoutInterInputAreFixedUp() {
    // 1 inter neuron x interFanout 1 reaches 1 of 4 command neurons; the rest get 1 inter input
    NcpWiring spec = new NcpWiring(1, 4, 2, 1, 1, 0, 1, 3);
    Wiring w = spec.build(2);
    NcpRules.assertNcp(w, spec);
    assertEquals(4, w.fanOut(w.neuronsOfLayer(0)[0]));
  }

  @Test
  void noRecurrentSynapsesWhenAskedForNone() {
    NcpWiring spec = valid().recurrentCommandSynapses(0).build();
    Wiring w = spec.build(4);
    for (int i : w.neuronsOfLayer(1)) {
      for (int j : w.neuronsOfLayer(1)) {
        assertEquals(0, w.polarity(i, j), i + " -> " + j);
      }
    }
  }

  @Test
  void polaritiesAreRoughlyHalfExcitatory() {
    Wiring w = new NcpWiring(200, 150, 20, 100, 75, 300, 75, 1).build(50);
    int excitatory = 0;
    int total = 0;
    for (int[] row : w.adjacency()) {
      for (int v : row) {
        excitatory += v > 0 ? 1 : 0;
        total += v != 0 ? 1 : 0;
      }
    }
    double ratio = excitatory / (double) total;
    assertEquals(0.5, ratio, 0.03, "excitatory fraction of " + total);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of((UnaryOperator<NcpWiringBuilder>) b -> b.interNeurons(0),
            "NcpWiring: interNeurons must be >= 1, got 0"),
        Arguments.of((UnaryOperator<NcpWiringBuilder>) b -> b.commandNeurons(0),
            "NcpWiring: commandNeurons must be >= 1, got 0"),
        Arguments.of((UnaryOperator<NcpWiringBuilder>) b -> b.motorNeurons(-1),
            "NcpWiring: motorNeurons must be >= 1, got -1"),
        Arguments.of((UnaryOperator<NcpWiringBuilder>) b -> b.sensoryFanout(11),
            "NcpWiring: sensoryFanout must be in [1, 10], got 11 (at most interNeurons)"),
        Arguments.of((UnaryOperator<NcpWiringBuilder>) b -> b.sensoryFanout(0),
            "NcpWiring: sensoryFanout must be in [1, 10], got 0 (at most interNeurons)"),
        Arguments.of((UnaryOperator<NcpWiringBuilder>) b -> b.interFanout(7),
            "NcpWiring: interFanout must be in [1, 6], got 7 (at most commandNeurons)"),
        Arguments.of((UnaryOperator<NcpWiringBuilder>) b -> b.recurrentCommandSynapses(-1),
            "NcpWiring: recurrentCommandSynapses must be >= 0, got -1"),
        Arguments.of((UnaryOperator<NcpWiringBuilder>) b -> b.motorFanin(7),
            "NcpWiring: motorFanin must be in [1, 6], got 7 (at most commandNeurons)"),
        Arguments.of((UnaryOperator<NcpWiringBuilder>) b -> b.motorFanin(0),
            "NcpWiring: motorFanin must be in [1, 6], got 0 (at most commandNeurons)"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidArgumentsAreRejectedWithTheirBound(UnaryOperator<NcpWiringBuilder> change,
      String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> change.apply(valid()).build());
    assertEquals(message, e.getMessage());
  }

  @Test
  void inputDimMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> valid().build().build(0));
    assertEquals("NcpWiring: inputDim must be >= 1, got 0", e.getMessage());
  }
}
