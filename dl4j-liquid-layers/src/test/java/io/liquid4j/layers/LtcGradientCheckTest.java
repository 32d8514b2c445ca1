package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.solver.LtcSolver;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import io.liquid4j.wiring.AutoNcpWiring;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Finite-difference gradient checks of {@link LtcLayer} in double precision, one per option, on
 * tiny shapes (nIn 2, 3-6 units, T 5, chunks of 2 so that state gradients cross chunk borders).
 */
class LtcGradientCheckTest {

  private static final int N_IN = 2;
  private static final int T = 5;
  private static final int BATCH = 2;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  /** name, layer options, data format, timespans, ragged mask. */
  static Stream<Arguments> cases() {
    return Stream.of(
        c("semi-implicit", b -> b, RNNFormat.NCW, false, false),
        c("explicit Euler", b -> b.solver(LtcSolver.EXPLICIT_EULER), RNNFormat.NCW, false, false),
        c("RK4", b -> b.solver(LtcSolver.RK4).odeUnfolds(2), RNNFormat.NCW, false, false),
        c("no implicit constraints", b -> b.implicitConstraints(false), RNNFormat.NCW, false, false),
        c("linear mappings", b -> b.inputMapping(LtcMapping.LINEAR)
            .outputMapping(LtcMapping.LINEAR), RNNFormat.NCW, false, false),
        c("no mappings", b -> b.inputMapping(LtcMapping.NONE).outputMapping(LtcMapping.NONE),
            RNNFormat.NCW, false, false),
        c("AutoNCP wiring, 2 motors", b -> sparse(), RNNFormat.NCW, false, false),
        c("mixed memory", b -> b.mixedMemory(true), RNNFormat.NCW, false, false),
        c("timespans", b -> b.timespansInput(true), RNNFormat.NCW, true, false),
        c("timespans RK4", b -> b.timespansInput(true).solver(LtcSolver.RK4).odeUnfolds(2),
            RNNFormat.NCW, true, false),
        c("ragged mask", b -> b, RNNFormat.NCW, false, true),
        c("last step only", b -> b.returnSequences(false), RNNFormat.NCW, false, false),
        c("NWC", b -> b.dataFormat(RNNFormat.NWC), RNNFormat.NWC, false, false));
  }

  private static LtcLayer.Builder sparse() {
    return LtcLayer.builder().wiring(new AutoNcpWiring(6, 2)).odeUnfolds(3).maxChunkLength(2);
  }

  private static Arguments c(String name, UnaryOperator<LtcLayer.Builder> options,
      RNNFormat format, boolean timespans, boolean mask) {
    return Arguments.of(name, options, format, timespans, mask);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(String name, UnaryOperator<LtcLayer.Builder> options,
      RNNFormat format, boolean timespans, boolean masked) {
    LtcLayer conf = options.apply(LtcLayer.builder().units(3).odeUnfolds(3).maxChunkLength(2))
        .build();
    int features = N_IN + (timespans ? 1 : 0);
    Nd4j.getRandom().setSeed(42);
    INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, features, T);
    if (timespans) {
      x.get(NDArrayIndex.all(), NDArrayIndex.point(N_IN), NDArrayIndex.all())
          .assign(Nd4j.rand(DataType.DOUBLE, BATCH, T).addi(0.5));
    }
    boolean sequence = conf.returnSequences();
    int out = 2;
    INDArray y = sequence ? Nd4j.randn(DataType.DOUBLE, BATCH, out, T)
        : Nd4j.randn(DataType.DOUBLE, BATCH, out);
    if (format == RNNFormat.NWC) {
      x = x.permute(0, 2, 1).dup();
      y = sequence ? y.permute(0, 2, 1).dup() : y;
    }
    INDArray mask = null;
    if (masked) {
      mask = Nd4j.ones(DataType.DOUBLE, BATCH, T);
      mask.get(NDArrayIndex.point(1), NDArrayIndex.interval(3, T)).assign(0);
    }
    MultiLayerNetwork net = Nets.gradientCheckNet(conf, features, out, sequence, format);
    boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
        .input(x).labels(y).inputMask(mask).labelMask(sequence ? mask : null)
        .epsilon(Tolerances.GRADCHECK_EPS).maxRelError(Tolerances.GRADCHECK_MAX_REL)
        .minAbsoluteError(Tolerances.GRADCHECK_MIN_ABS));
    assertTrue(ok, name + ": gradient check failed");
  }
}
