package io.liquid4j.benchmarks.ops;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Forward vs gradient cost of LTC-like SameDiff chains (throwaway). */
public final class GradCost {

  private GradCost() {}
  static void measure() {
    for (String variant : new String[] {"full", "tiled", "tiledV"}) {
      run(variant);
    }
  }

  private static void run(String variant) {
    SameDiff sd = SameDiff.create();
    SDVariable v0 = sd.placeHolder("v", DataType.FLOAT, -1, 64);
    SDVariable sigma = sd.var("sigma", Nd4j.rand(DataType.FLOAT, 64, 64));
    SDVariable mu = sd.var("mu", Nd4j.rand(DataType.FLOAT, 64, 64));
    SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 64, 64));
    SDVariable zeros = sd.zerosLike(sd.tile(sd.expandDims(v0, 2), 1, 1, 64));
    SDVariable sigmaT = zeros.add(sigma);
    SDVariable muT = zeros.add(mu);
    SDVariable wT = zeros.add(w);
    SDVariable v = v0;
    int n = 10;
    for (int i = 0; i < n; i++) {
      SDVariable e = sd.expandDims(v, 2);
      SDVariable z;
      switch (variant) {
        case "bcastMul" -> z = e.mul(sigma);
        case "bcastSub" -> z = e.sub(mu);
        case "sigmoid" -> z = sd.nn.sigmoid(e.add(sd.zerosLike(sd.expandDims(v0, 1).mul(sigma))));
        case "mulSum" -> z = e.mul(sigma).mul(w);
        case "tiled" -> z = sd.nn.sigmoid(e.mul(sigmaT).sub(muT)).mul(wT);
        case "tiledV" -> z = sd.nn.sigmoid(sd.tile(e, 1, 1, 64).mul(sigmaT).sub(muT)).mul(wT);
        default -> z = sd.nn.sigmoid(e.mul(sigma).sub(mu)).mul(w);
      }
      v = sd.math.tanh(z.sum(1));
    }
    SDVariable loss = v.sum();
    sd.setLossVariables(loss);
    Map<String, org.nd4j.linalg.api.ndarray.INDArray> ph =
        Map.of("v", Nd4j.rand(DataType.FLOAT, 32, 64));
    for (int i = 0; i < 3; i++) {
      sd.output(ph, loss.name());
      sd.calculateGradients(ph, "sigma", "mu", "w", "v");
    }
    long t = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      sd.output(ph, loss.name());
    }
    double fwd = (System.nanoTime() - t) / 1e3 / 5 / n;
    t = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      sd.calculateGradients(ph, "sigma", "mu", "w", "v");
    }
    double grad = (System.nanoTime() - t) / 1e3 / 5 / n;
    System.err.printf("%-10s per link: forward %8.1f us, gradients %8.1f us%n", variant, fwd, grad);
  }

  /** Runs the measurement (measure); settings as system properties, see above. */
  public static void main(String[] args) throws Exception {
    measure();
  }
}
