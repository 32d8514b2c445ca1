package io.liquid4j.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.common.function.Consumer;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
}
