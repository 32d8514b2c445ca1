package io.liquid4j.layers;

import io.liquid4j.testing.GradCheck;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checks of {@link GruLayer} in double precision on tiny shapes. Every
 * case but one uses {@code maxChunkLength(2)}, so a 5-step sequence runs as chunks 2+2+1 and the
 * checks cover backpropagation across chunk boundaries; one case runs in a single chunk.
 */
class GruGradientCheckTest {

  private static final int N_IN = 2;
  private static final int STEPS = 5;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  static GruLayer.Builder tiny() {
    return GruLayer.builder().units(3).maxChunkLength(2);
  }

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("plain", tiny(), false),
        Arguments.of("one chunk", tiny().maxChunkLength(8), false),
        Arguments.of("ragged mask", tiny(), true),
        Arguments.of("last step only", tiny().returnSequences(false), false),
        Arguments.of("last step only, ragged mask", tiny().returnSequences(false), true),
        Arguments.of("NWC, ragged mask", tiny().dataFormat(RNNFormat.NWC), true),
        Arguments.of("Xavier weights", tiny().weightInit(WeightInit.XAVIER), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void gradientsMatchFiniteDifferences(String name, GruLayer.Builder builder, boolean ragged) {
    GradCheck.assertLayerGradientsCorrect(name, builder.build(), N_IN, STEPS, false, ragged);
  }
}
