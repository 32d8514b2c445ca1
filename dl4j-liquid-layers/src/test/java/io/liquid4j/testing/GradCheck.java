package io.liquid4j.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.common.function.Consumer;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import io.liquid4j.layers.AbstractLiquidLayer;
import io.liquid4j.layers.TimespanInputs;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Finite-difference gradient checks (DL4J's GradientCheckUtil) with the suite's tolerances. */
public final class GradCheck {

  private GradCheck() {}

  /** Asserts that every parameter gradient of {@code net} matches central differences. */
  public static void assertGradientsCorrect(String what, MultiLayerNetwork net, INDArray input,
      INDArray labels, INDArray inputMask, INDArray labelMask) {
    assertGradientsCorrect(what, net, input, labels, inputMask, labelMask, null);
  }

  /** As above, with a hook run before every evaluation (for example to reseed dropout). */
  public static void assertGradientsCorrect(String what, MultiLayerNetwork net, INDArray input,
      INDArray labels, INDArray inputMask, INDArray labelMask,
      Consumer<MultiLayerNetwork> callEachIter) {
    boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
        .net(net).input(input).labels(labels).inputMask(inputMask).labelMask(labelMask)
        .epsilon(Tolerances.GRADCHECK_EPS).maxRelError(Tolerances.GRADCHECK_MAX_REL)
        .minAbsoluteError(Tolerances.GRADCHECK_MIN_ABS)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).callEachIter(callEachIter));
    assertTrue(ok, what + ": gradient check failed (see the log for the failing parameters)");
  }

  /**
   * The standard case for one liquid layer: {@code layer -> RnnOutputLayer/OutputLayer(MSE, 2)} in
   * double, random input of 3 sequences ({@code nIn} features, optionally plus elapsed times in
   * [0.2, 2.0]), optionally a ragged mask (valid lengths steps, 3 and 1), in the layer's format.
   */
  public static void assertLayerGradientsCorrect(String what, AbstractLiquidLayer layer, int nIn,
      int steps, boolean timespans, boolean ragged) {
    int batch = 3;
    RNNFormat format = layer.dataFormat();
    MultiLayerNetwork net = Nets.gradientCheckNet(layer, nIn + (timespans ? 1 : 0), 2,
        layer.returnSequences(), format);
    Nd4j.getRandom().setSeed(42);
    INDArray x = Nd4j.randn(DataType.DOUBLE, batch, nIn, steps);
    if (timespans) {
      INDArray dt = Nd4j.rand(DataType.DOUBLE, batch, steps).muli(1.8).addi(0.2);
      x = TimespanInputs.appendNcw(x, dt);
    }
    INDArray mask = null;
    if (ragged) {
      mask = Nd4j.ones(DataType.DOUBLE, batch, steps);
      mask.get(NDArrayIndex.point(1), NDArrayIndex.interval(3, steps)).assign(0);
      mask.get(NDArrayIndex.point(2), NDArrayIndex.interval(1, steps)).assign(0);
    }
    INDArray y = layer.returnSequences()
        ? Nd4j.randn(DataType.DOUBLE, batch, 2, steps) : Nd4j.randn(DataType.DOUBLE, batch, 2);
    if (format == RNNFormat.NWC) {
      x = x.permute(0, 2, 1).dup();
      y = y.permute(0, 2, 1).dup();
    }
    assertGradientsCorrect(what, net, x, y, mask, layer.returnSequences() ? mask : null);
  }
}
