package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liquid4j.runtime.LiquidRecurrentLayer;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import io.liquid4j.wiring.NcpWiring;
import io.liquid4j.wiring.Wiring;
import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link WiredCfcLayer} against the equations of {@link io.liquid4j.cells.WiredCfcCell} written as
 * plain {@code double} loops, for the modes and options the ncps golden cases do not cover (pure,
 * no_gate, timespans, mixed memory, projection), with random parameters from the layer's own
 * initialisation.
 */
class WiredCfcReferenceTest {

  private static final int F = 2;
  private static final int B = 2;
  private static final int T = 3;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @ParameterizedTest(name = "{0} timed={1} mixed={2} proj={3}")
  @CsvSource({"DEFAULT,false,false,0", "NO_GATE,true,false,0", "PURE,true,false,0",
      "PURE,false,true,2", "DEFAULT,true,true,3"})
  void matchesThePlainEquations(CfcMode mode, boolean timed, boolean mixed, int proj) {
    WiredCfcLayer conf = WiredCfcLayer.builder().wiring(new NcpWiring(3, 2, 2, 2, 1, 1, 1, 3))
        .mode(mode).timespansInput(timed).mixedMemory(mixed).projSize(proj).maxChunkLength(2)
        .build();
    int features = F + (timed ? 1 : 0);
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) Nets.gradientCheckNet(conf, features, 1,
        true, RNNFormat.NCW).getLayer(0);
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.randn(DataType.DOUBLE, B, features, T);
    if (timed) {
      x.slice(F, 1).assign(Nd4j.rand(DataType.DOUBLE, B, T).muli(1.8).addi(0.2));
    }
    INDArray out = layer.rnnTimeStep(x, LayerWorkspaceMgr.noWorkspaces());
    INDArray h = layer.rnnGetPreviousState().get("h");
    Map<String, INDArray> p = layer.paramTable();
    Wiring w = conf.getWiring();
    int s = w.units();
    for (int b = 0; b < B; b++) {
      double[] state = new double[s];
      double[] memory = new double[s];
      for (int t = 0; t < T; t++) {
        double[] xt = new double[F];
        for (int k = 0; k < F; k++) {
          xt[k] = x.getDouble(b, k, t);
        }
        double dt = timed ? x.getDouble(b, F, t) : 1.0;
        if (mixed) {
          double[] g = add(affine(xt, m(p, "lstmInputW"), v(p, "lstmInputb"), null),
              affine(state, m(p, "lstmRecurrentW"), new double[4 * s], null));
          for (int j = 0; j < s; j++) {
            memory[j] = memory[j] * sigmoid(g[2 * s + j] + 1) + Math.tanh(g[j]) * sigmoid(g[s + j]);
            state[j] = Math.tanh(memory[j]) * sigmoid(g[3 * s + j]);
          }
        }
        state = step(conf, p, w, xt, state, dt);
        double[] y = last(w, state);
        if (proj > 0) {
          y = affine(y, m(p, "fcW"), v(p, "fcb"), null);
        }
        for (int j = 0; j < y.length; j++) {
          assertEquals(y[j], out.getDouble(b, j, t), Tolerances.SAME_DOUBLE, "y " + b + "," + j);
        }
      }
      for (int j = 0; j < s; j++) {
        assertEquals(state[j], h.getDouble(b, j), Tolerances.SAME_DOUBLE, "h " + b + "," + j);
      }
    }
  }

  private static double[] step(WiredCfcLayer conf, Map<String, INDArray> p, Wiring w,
      double[] x, double[] h, double dt) {
    double[] next = new double[h.length];
    double[] input = x;
    int offset = 0;
    for (int l = 0; l < w.numLayers(); l++) {
      int n = w.neuronsOfLayer(l).length;
      double[] z = new double[input.length + n];
      System.arraycopy(input, 0, z, 0, input.length);
      System.arraycopy(h, offset, z, input.length, n);
      double[][] mask = conf.sparsityMask(l);
      String k = "layer" + l;
      double[] ff1 = affine(z, m(p, k + "ff1W"), v(p, k + "ff1b"), mask);
      double[] hl = new double[n];
      for (int j = 0; j < n; j++) {
        if (conf.getMode() == CfcMode.PURE) {
          double a = p.get(k + "A").getDouble(0, j);
          double tau = Math.abs(p.get(k + "wTau").getDouble(0, j));
          hl[j] = a - a * ff1[j] * Math.exp(-dt * (tau + Math.abs(ff1[j])));
        } else {
          double f2 = Math.tanh(affine(z, m(p, k + "ff2W"), v(p, k + "ff2b"), mask)[j]);
          double ta = affine(z, m(p, k + "timeAW"), v(p, k + "timeAb"), null)[j];
          double tb = affine(z, m(p, k + "timeBW"), v(p, k + "timeBb"), null)[j];
          double gate = sigmoid(dt * ta + tb);
          double f1 = Math.tanh(ff1[j]);
          hl[j] = conf.getMode() == CfcMode.NO_GATE ? f1 + gate * f2 : f1 * (1 - gate) + gate * f2;
        }
      }
      System.arraycopy(hl, 0, next, offset, n);
      input = hl;
      offset += n;
    }
    return next;
  }

  private static double[] last(Wiring w, double[] state) {
    int n = w.neuronsOfLayer(w.numLayers() - 1).length;
    double[] y = new double[n];
    System.arraycopy(state, state.length - n, y, 0, n);
    return y;
  }

  /** {@code z (W ⊙ mask) + b}, W {@code [in, out]}; mask null = dense. */
  private static double[] affine(double[] z, double[][] w, double[] b, double[][] mask) {
    double[] out = b.clone();
    for (int j = 0; j < out.length; j++) {
      for (int i = 0; i < z.length; i++) {
        out[j] += z[i] * w[i][j] * (mask == null ? 1 : mask[i][j]);
      }
    }
    return out;
  }

  private static double[] add(double[] a, double[] b) {
    double[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i];
    }
    return out;
  }

  private static double sigmoid(double u) {
    return 1 / (1 + Math.exp(-u));
  }

  private static double[][] m(Map<String, INDArray> p, String key) {
    return p.get(key).toDoubleMatrix();
  }

  private static double[] v(Map<String, INDArray> p, String key) {
    return p.get(key).toDoubleVector();
  }
}
