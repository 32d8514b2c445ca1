package io.liquid4j.benchmarks.ops;

import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Cost of single ND4J ops on LTC-sized tensors (throwaway). */
public final class OpCost {

  private OpCost() {}
  static void measure() {
    INDArray v = Nd4j.rand(DataType.FLOAT, 32, 64, 1);
    INDArray p = Nd4j.rand(DataType.FLOAT, 64, 64);
    INDArray big = Nd4j.rand(DataType.FLOAT, 32, 64, 64);
    INDArray big2 = Nd4j.rand(DataType.FLOAT, 32, 64, 64);
    INDArray v2 = Nd4j.rand(DataType.FLOAT, 32, 64);
    INDArray flat = Nd4j.rand(DataType.FLOAT, 32, 4096);
    INDArray flatP = Nd4j.rand(DataType.FLOAT, 1, 4096);
    time("broadcast [B,S,1]*[S,S]", () -> v.mul(p));
    time("broadcast [B,S,S]*[S,S]", () -> big.mul(p));
    time("same-shape [B,S,S]*[B,S,S]", () -> big.mul(big2));
    time("flat [B,S*S]*[1,S*S] bcast", () -> flat.mul(flatP));
    time("flat mulRowVector", () -> flat.mulRowVector(flatP));
    time("sigmoid [B,S,S]", () -> Transforms.sigmoid(big, true));
    time("sum(1) [B,S,S]", () -> big.sum(1));
    time("sum(0) [B,S,S] (param grad)", () -> big.sum(0));
    time("mmul [B,S]x[S,S*S]", () -> v2.mmul(Nd4j.rand(DataType.FLOAT, 64, 4096)));
    time("batched mmul [B,1,S]x[B,S,S]", () -> Nd4j.matmul(v2.reshape(32, 1, 64), big));
  }

  private static void time(String name, Supplier<INDArray> op) {
    for (int i = 0; i < 20; i++) {
      op.get();
    }
    long t = System.nanoTime();
    int n = 200;
    for (int i = 0; i < n; i++) {
      op.get();
    }
    System.err.printf("%-34s %8.1f us%n", name, (System.nanoTime() - t) / 1e3 / n);
  }

  /** Runs the measurement (measure); settings as system properties, see above. */
  public static void main(String[] args) throws Exception {
    measure();
  }
}
