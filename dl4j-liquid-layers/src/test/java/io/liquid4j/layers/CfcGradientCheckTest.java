package io.liquid4j.layers;

import io.liquid4j.testing.GradCheck;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checks of CfC in double precision, for every mode and option, on tiny
 * shapes. {@code maxChunkLength(2)} makes a 5-step sequence run as chunks 2+2+1, so every check
 * also covers backpropagation across chunk boundaries.
 */
class CfcGradientCheckTest {

  private static final int N_IN = 2;
  private static final int STEPS = 5;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  static CfcLayer.Builder tiny() {
    return CfcLayer.builder().units(3).backboneUnits(4).maxChunkLength(2);
  }

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("default mode", tiny(), false, false),
        Arguments.of("pure mode", tiny().mode(CfcMode.PURE), false, false),
        Arguments.of("no_gate mode", tiny().mode(CfcMode.NO_GATE), false, false),
        Arguments.of("no backbone", tiny().backboneLayers(0), false, false),
        Arguments.of("pure, no backbone", tiny().mode(CfcMode.PURE).backboneLayers(0), false, false),
        Arguments.of("two backbone layers, relu", tiny().backboneLayers(2)
            .backboneActivation(BackboneActivation.RELU), false, false),
        Arguments.of("gelu", tiny().backboneActivation(BackboneActivation.GELU), false, false),
        Arguments.of("silu", tiny().backboneActivation(BackboneActivation.SILU), false, false),
        Arguments.of("tanh", tiny().backboneActivation(BackboneActivation.TANH), false, false),
        Arguments.of("mixed memory", tiny().mixedMemory(true), false, false),
        Arguments.of("projection", tiny().projSize(2), false, false),
        Arguments.of("last step only", tiny().returnSequences(false), false, false),
        Arguments.of("timespans", tiny(), true, false),
        Arguments.of("pure, timespans", tiny().mode(CfcMode.PURE), true, false),
        Arguments.of("ragged mask", tiny(), false, true),
        Arguments.of("mixed memory, timespans, ragged mask", tiny().mixedMemory(true), true, true),
        Arguments.of("last step only, ragged mask", tiny().returnSequences(false), false, true),
        Arguments.of("NWC", tiny().dataFormat(RNNFormat.NWC), false, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void gradientsMatchFiniteDifferences(String name, CfcLayer.Builder builder, boolean timespans,
      boolean ragged) {
    GradCheck.assertLayerGradientsCorrect(name, builder.timespansInput(timespans).build(), N_IN,
        STEPS, timespans, ragged);
  }
}
