package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import io.liquid4j.wiring.AutoNcpWiring;
import io.liquid4j.wiring.FullyConnectedWiring;
import io.liquid4j.wiring.NcpWiring;
import io.liquid4j.wiring.WiringSpec;
import java.util.function.UnaryOperator;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checks of {@link WiredCfcLayer} in double precision, one per option,
 * on tiny shapes: nIn 2, an NCP of 2 inter, 2 command and 1 motor neurons (or AutoNCP(6, 1), or a
 * fully connected wiring), batch 2, T = 5 run as chunks of 2, 2 and 1 steps.
 */
class WiredCfcGradientCheckTest {

  private static final int N_IN = 2;
  private static final int BATCH = 2;
  private static final int T = 5;
  private static final WiringSpec NCP = new NcpWiring(2, 2, 1, 2, 1, 1, 1, 7);

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private static WiredCfcLayer.Builder base(WiringSpec wiring) {
    return WiredCfcLayer.builder().wiring(wiring).maxChunkLength(2);
  }

  @Test
  void defaultMode() {
    check(base(NCP).build(), RNNFormat.NCW, false, false);
  }

  @Test
  void noGate() {
    check(base(NCP).mode(CfcMode.NO_GATE).build(), RNNFormat.NCW, false, false);
  }

  @Test
  void pure() {
    check(base(NCP).mode(CfcMode.PURE).build(), RNNFormat.NCW, false, false);
  }

  @Test
  void autoNcp() {
    check(base(new AutoNcpWiring(6, 1)).build(), RNNFormat.NCW, false, false);
  }

  @Test
  void mixedMemory() {
    check(base(NCP).mixedMemory(true).build(), RNNFormat.NCW, false, false);
  }

  @Test
  void timespans() {
    check(base(NCP).timespansInput(true).build(), RNNFormat.NCW, true, false);
  }

  @Test
  void pureWithTimespans() {
    check(base(NCP).mode(CfcMode.PURE).timespansInput(true).build(), RNNFormat.NCW, true, false);
  }

  @Test
  void raggedMask() {
    check(base(NCP).build(), RNNFormat.NCW, false, true);
  }

  @Test
  void lastStepOnlyWithRaggedMask() {
    check(base(NCP).returnSequences(false).build(), RNNFormat.NCW, false, true);
  }

  @Test
  void projection() {
    check(base(NCP).projSize(2).build(), RNNFormat.NCW, false, false);
  }

  @Test
  void nwc() {
    check(base(NCP).dataFormat(RNNFormat.NWC).build(), RNNFormat.NWC, false, true);
  }

  @Test
  void fullyConnected() {
    check(base(new FullyConnectedWiring(3, 1)).build(), RNNFormat.NCW, false, false);
  }

  private static void check(WiredCfcLayer layer, RNNFormat format, boolean timed, boolean ragged) {
    Nd4j.getRandom().setSeed(42);
    int features = N_IN + (timed ? 1 : 0);
    boolean sequence = layer.isReturnSequences();
    MultiLayerNetwork net = Nets.gradientCheckNet(layer, features, 2, sequence, format);
    INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, features, T); // NCW
    if (timed) { // elapsed times in [0.2, 2)
      x.get(all(), point(N_IN), all()).assign(Nd4j.rand(DataType.DOUBLE, BATCH, T).muli(1.8)
          .addi(0.2));
    }
    INDArray mask = null;
    if (ragged) {
      mask = Nd4j.ones(DataType.DOUBLE, BATCH, T);
      mask.get(point(1), interval(3, T)).assign(0); // sample 1 has 3 valid steps
    }
    INDArray y = sequence ? Nd4j.randn(DataType.DOUBLE, BATCH, 2, T)
        : Nd4j.randn(DataType.DOUBLE, BATCH, 2);
    UnaryOperator<INDArray> toFormat = a -> format == RNNFormat.NWC && a.rank() == 3
        ? a.permute(0, 2, 1).dup() : a;
    boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
        .input(toFormat.apply(x)).labels(toFormat.apply(y)).inputMask(mask)
        .labelMask(sequence ? mask : null)
        .epsilon(Tolerances.GRADCHECK_EPS).maxRelError(Tolerances.GRADCHECK_MAX_REL)
        .minAbsoluteError(Tolerances.GRADCHECK_MIN_ABS)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
    assertTrue(ok, "gradient check failed for " + layer);
  }

  private static org.nd4j.linalg.indexing.INDArrayIndex all() {
    return org.nd4j.linalg.indexing.NDArrayIndex.all();
  }

  private static org.nd4j.linalg.indexing.INDArrayIndex point(long i) {
    return org.nd4j.linalg.indexing.NDArrayIndex.point(i);
  }

  private static org.nd4j.linalg.indexing.INDArrayIndex interval(long from, long to) {
    return org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to);
  }
}
