package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liquid4j.testing.LayerHarness;
import io.liquid4j.testing.Tolerances;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LTC from 32 units, where {@code LtcCell} spreads the state over the synapses by a matrix product
 * instead of a broadcast (the golden cases and gradient checks use fewer units): the output equals
 * the ncps equations written as plain double loops, and the gradient agrees with central
 * differences along random directions (a full finite-difference check of ~4000 parameters would
 * take minutes).
 */
class LtcWideTest {

  private static final int UNITS = 32;
  private static final int N_IN = 2;
  private static final int UNFOLDS = 2;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private static LayerHarness harness() {
    return new LayerHarness(LtcLayer.builder().units(UNITS).odeUnfolds(UNFOLDS).maxChunkLength(2)
        .build(), N_IN, DataType.DOUBLE, 17);
  }

  @Test
  void outputEqualsTheNcpsEquations() {
    LayerHarness h = harness();
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, N_IN, 3);
    INDArray out = h.forward(x, null, false);
    Map<String, INDArray> p = h.layer().paramTable();
    for (int b = 0; b < 2; b++) {
      double[] v = new double[UNITS];
      for (int t = 0; t < 3; t++) {
        v = step(p, new double[] {x.getDouble(b, 0, t), x.getDouble(b, 1, t)}, v);
        for (int j = 0; j < UNITS; j++) {
          double expected = v[j] * p.get("outputW").getDouble(j) + p.get("outputb").getDouble(j);
          assertEquals(expected, out.getDouble(b, j, t), Tolerances.SAME_DOUBLE,
              "sample " + b + ", step " + t + ", neuron " + j);
        }
      }
    }
  }

  /** ncps's fused semi-implicit step (Δt = 1, softplus on w, sensoryW, cm, gleak; dense wiring). */
  private static double[] step(Map<String, INDArray> p, double[] x, double[] v0) {
    double[] ns = new double[UNITS];
    double[] ds = new double[UNITS];
    for (int k = 0; k < N_IN; k++) {
      double xk = x[k] * p.get("inputW").getDouble(k) + p.get("inputb").getDouble(k);
      for (int j = 0; j < UNITS; j++) {
        double a = softplus(p.get("sensoryW").getDouble(k, j)) * sigmoid(
            p.get("sensorySigma").getDouble(k, j) * (xk - p.get("sensoryMu").getDouble(k, j)));
        ns[j] += a * p.get("sensoryErev").getDouble(k, j);
        ds[j] += a;
      }
    }
    double[] v = v0.clone();
    for (int u = 0; u < UNFOLDS; u++) {
      double[] next = new double[UNITS];
      for (int j = 0; j < UNITS; j++) {
        double cm = softplus(p.get("cm").getDouble(j)) * UNFOLDS;
        double gleak = softplus(p.get("gleak").getDouble(j));
        double num = cm * v[j] + gleak * p.get("vleak").getDouble(j) + ns[j];
        double den = cm + gleak + ds[j] + 1e-8;
        for (int i = 0; i < UNITS; i++) {
          double bij = softplus(p.get("w").getDouble(i, j))
              * sigmoid(p.get("sigma").getDouble(i, j) * (v[i] - p.get("mu").getDouble(i, j)));
          num += bij * p.get("erev").getDouble(i, j);
          den += bij;
        }
        next[j] = num / den;
      }
      v = next;
    }
    return v;
  }

  private static double softplus(double u) {
    return Math.log1p(Math.exp(u));
  }

  private static double sigmoid(double u) {
    return 1 / (1 + Math.exp(-u));
  }

  @Test
  void gradientAgreesWithCentralDifferencesAlongRandomDirections() {
    LayerHarness h = harness();
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, N_IN, 3);
    INDArray weights = Nd4j.randn(DataType.DOUBLE, 2, UNITS, 3); // loss = sum(y * weights)
    h.forward(x, null, true);
    Pair<Gradient, INDArray> g = h.backward(weights);
    INDArray params = h.layer().params();
    INDArray grad = Nd4j.create(DataType.DOUBLE, params.length());
    Map<String, INDArray> table = h.layer().paramTable();
    long offset = 0;
    for (String key : table.keySet()) { // the flat parameter order is the table's order
      long n = table.get(key).length();
      grad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n))
          .assign(g.getFirst().getGradientFor(key).reshape(n));
      offset += n;
    }
    double eps = 1e-6;
    for (int trial = 0; trial < 3; trial++) {
      INDArray d = Nd4j.randn(DataType.DOUBLE, params.length());
      INDArray theta = params.dup();
      params.assign(theta.add(d.mul(eps)));
      double plus = h.forward(x, null, false).mul(weights).sumNumber().doubleValue();
      params.assign(theta.sub(d.mul(eps)));
      double minus = h.forward(x, null, false).mul(weights).sumNumber().doubleValue();
      params.assign(theta);
      double numeric = (plus - minus) / (2 * eps);
      double analytic = grad.mul(d.reshape(grad.shape())).sumNumber().doubleValue();
      assertEquals(numeric, analytic, 1e-6 * Math.max(1, Math.abs(numeric)),
          "directional derivative " + trial);
    }
    // and along the input: the input gradient the layer passes down
    INDArray dx = Nd4j.randn(DataType.DOUBLE, x.shape());
    double plus = h.forward(x.add(dx.mul(eps)), null, false).mul(weights).sumNumber().doubleValue();
    double minus = h.forward(x.sub(dx.mul(eps)), null, false).mul(weights).sumNumber()
        .doubleValue();
    assertEquals((plus - minus) / (2 * eps), g.getSecond().mul(dx).sumNumber().doubleValue(),
        1e-6 * Math.max(1, Math.abs(plus - minus) / (2 * eps)), "input directional derivative");
  }
}
