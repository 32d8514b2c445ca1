package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liquid4j.runtime.LiquidRecurrentLayer;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GruLayer} against PyTorch's GRU equations (see {@link io.liquid4j.cells.GruCell}) written
 * as plain {@code double} loops: every output step, the final state from {@code rnnTimeStep}, and
 * the last-step output of {@code returnSequences(false)}, with and without a ragged mask, in NCW
 * and NWC, in one chunk and across chunks. Parameters are drawn from U(-1, 1) (wider than the
 * initialisation, so that the gates saturate and mistakes show).
 */
class GruReferenceTest {

  private static final int B = 3;
  private static final int T = 6;
  private static final int F = 2;
  private static final int S = 4;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @ParameterizedTest(name = "{0}, maxChunkLength {1}")
  @CsvSource({"NCW,32", "NWC,32", "NCW,4", "NWC,2"})
  void matchesThePlainEquations(RNNFormat format, int chunk) {
    Nd4j.getRandom().setSeed(11);
    Map<String, INDArray> params = Map.of(
        "inputW", uniform(F, 3 * S), "recurrentW", uniform(S, 3 * S),
        "inputb", uniform(3 * S), "recurrentb", uniform(3 * S));
    INDArray ncw = Nd4j.randn(DataType.DOUBLE, B, F, T).muli(1.5);
    INDArray x = format == RNNFormat.NWC ? ncw.permute(0, 2, 1).dup() : ncw;
    double[][][] expected = reference(params, ncw, new int[] {T, T, T}); // [B][T][S]

    // All steps and the final state, through the streaming API.
    LiquidRecurrentLayer seq = load(net(true, format, chunk), params);
    INDArray out = seq.rnnTimeStep(x, LayerWorkspaceMgr.noWorkspaces());
    assertArrayEquals(format == RNNFormat.NWC ? new long[] {B, T, S} : new long[] {B, S, T},
        out.shape());
    INDArray h = seq.rnnGetPreviousState().get("h");
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < T; t++) {
        for (int j = 0; j < S; j++) {
          double got = format == RNNFormat.NWC ? out.getDouble(b, t, j) : out.getDouble(b, j, t);
          assertEquals(expected[b][t][j], got, Tolerances.SAME_DOUBLE, "y " + b + "," + j + "," + t);
        }
      }
      for (int j = 0; j < S; j++) {
        assertEquals(expected[b][T - 1][j], h.getDouble(b, j), Tolerances.SAME_DOUBLE, "h " + b);
      }
    }

    // Last valid step only, with a ragged mask: sample 1 has 4 steps, sample 2 has 1.
    MultiLayerNetwork last = net(false, format, chunk);
    load(last, params);
    int[] lengths = {T, 4, 1};
    INDArray mask = Nd4j.zeros(DataType.DOUBLE, B, T);
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < lengths[b]; t++) {
        mask.putScalar(b, t, 1.0);
      }
    }
    double[][][] masked = reference(params, ncw, lengths);
    INDArray y = last.feedForward(x, mask, null).get(1);
    assertArrayEquals(new long[] {B, S}, y.shape());
    for (int b = 0; b < B; b++) {
      for (int j = 0; j < S; j++) {
        assertEquals(masked[b][lengths[b] - 1][j], y.getDouble(b, j), Tolerances.SAME_DOUBLE,
            "last step " + b + "," + j);
      }
    }
  }

  private static MultiLayerNetwork net(boolean sequences, RNNFormat format, int chunk) {
    return Nets.gradientCheckNet(GruLayer.builder().units(S).returnSequences(sequences)
        .dataFormat(format).maxChunkLength(chunk).build(), F, 1, sequences, format);
  }

  private static LiquidRecurrentLayer load(MultiLayerNetwork net, Map<String, INDArray> params) {
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) net.getLayer(0);
    params.forEach(layer::setParam);
    return layer;
  }

  private static INDArray uniform(long... shape) {
    return Nd4j.rand(DataType.DOUBLE, shape).muli(2).subi(1);
  }

  /** The GRU over the first {@code lengths[b]} steps of each sample; {@code [B][T][S]}. */
  private static double[][][] reference(Map<String, INDArray> p, INDArray x, int[] lengths) {
    double[][] wi = p.get("inputW").toDoubleMatrix();
    double[][] wh = p.get("recurrentW").toDoubleMatrix();
    double[] bi = p.get("inputb").toDoubleVector();
    double[] bh = p.get("recurrentb").toDoubleVector();
    double[][][] out = new double[B][T][S];
    for (int b = 0; b < B; b++) {
      double[] h = new double[S];
      for (int t = 0; t < lengths[b]; t++) {
        double[] gi = bi.clone();
        double[] gh = bh.clone();
        for (int j = 0; j < 3 * S; j++) {
          for (int k = 0; k < F; k++) {
            gi[j] += x.getDouble(b, k, t) * wi[k][j];
          }
          for (int k = 0; k < S; k++) {
            gh[j] += h[k] * wh[k][j];
          }
        }
        double[] next = new double[S];
        for (int j = 0; j < S; j++) {
          double r = sigmoid(gi[j] + gh[j]);
          double z = sigmoid(gi[S + j] + gh[S + j]);
          double n = Math.tanh(gi[2 * S + j] + r * gh[2 * S + j]);
          next[j] = (1 - z) * n + z * h[j];
        }
        h = next;
        out[b][t] = h.clone();
      }
    }
    return out;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
