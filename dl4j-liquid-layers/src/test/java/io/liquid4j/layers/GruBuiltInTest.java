package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.runtime.LiquidRecurrentLayer;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link GruLayer} against ND4J's built-in fused {@code gru} op ({@code sd.rnn().gru}, libnd4j),
 * the "compare a custom layer with the built-in equivalent" pattern. The built-in op has the same
 * gate order ({@code r | z | n}, weights {@code [in, 3S]}) but a single bias, added outside {@code
 * r ⊙ (...)}: it equals our layer exactly when the {@code n} block of {@code recurrentb} (PyTorch's
 * {@code b_hn}) is zero, with {@code bias = inputb + recurrentb}; with {@code b_hn != 0} it cannot
 * express PyTorch's GRU, which is why the layer keeps both biases.
 */
class GruBuiltInTest {

  private static final int B = 2;
  private static final int F = 3;
  private static final int S = 4;
  private static final int T = 5;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @Test
  void equalsTheBuiltInGruOpWhenTheRecurrentCandidateBiasIsZero() {
    Nd4j.getRandom().setSeed(5);
    INDArray inputW = uniform(F, 3 * S);
    INDArray recurrentW = uniform(S, 3 * S);
    INDArray inputb = uniform(3 * S);
    INDArray recurrentb = uniform(3 * S);
    recurrentb.get(NDArrayIndex.interval(2 * S, 3 * S)).assign(0); // b_hn = 0
    INDArray x = Nd4j.randn(DataType.DOUBLE, B, F, T);

    INDArray ours = ours(x, inputW, recurrentW, inputb, recurrentb);
    INDArray builtIn = builtIn(x, inputW, recurrentW, inputb.add(recurrentb));
    assertEquals(0.0, ours.sub(builtIn).amaxNumber().doubleValue(), Tolerances.SAME_DOUBLE);

    // b_hn sits inside r ⊙ (...): moving it into the single bias changes the result.
    recurrentb.get(NDArrayIndex.interval(2 * S, 3 * S)).assign(0.5);
    INDArray withHn = ours(x, inputW, recurrentW, inputb, recurrentb);
    INDArray merged = builtIn(x, inputW, recurrentW, inputb.add(recurrentb));
    assertTrue(withHn.sub(merged).amaxNumber().doubleValue() > 1e-3,
        "b_hn inside the reset gate must differ from a merged bias");
  }

  /** Our layer's output, {@code [B, S, T]}. */
  private static INDArray ours(INDArray x, INDArray inputW, INDArray recurrentW, INDArray inputb,
      INDArray recurrentb) {
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) Nets.gradientCheckNet(
        GruLayer.builder().units(S).build(), F, 1, true, RNNFormat.NCW).getLayer(0);
    layer.setParam("inputW", inputW);
    layer.setParam("recurrentW", recurrentW);
    layer.setParam("inputb", inputb);
    layer.setParam("recurrentb", recurrentb);
    return layer.rnnTimeStep(x, LayerWorkspaceMgr.noWorkspaces());
  }

  /** ND4J's {@code gru} op (time-major {@code [T, B, F]} in, {@code [T, B, S]} out), as {@code [B, S, T]}. */
  private static INDArray builtIn(INDArray x, INDArray wx, INDArray wh, INDArray bias) {
    SameDiff sd = SameDiff.create();
    SDVariable h = sd.rnn().gru(sd.constant(x.permute(2, 0, 1).dup()),
        sd.constant(Nd4j.zeros(DataType.DOUBLE, B, S)), sd.constant(wx), sd.constant(wh),
        sd.constant(bias));
    return h.eval().permute(1, 2, 0);
  }

  private static INDArray uniform(long... shape) {
    return Nd4j.rand(DataType.DOUBLE, shape).muli(2).subi(1);
  }
}
