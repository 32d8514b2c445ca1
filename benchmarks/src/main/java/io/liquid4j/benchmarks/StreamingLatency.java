package io.liquid4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Latency of one streaming step ({@code MultiLayerNetwork.rnnTimeStep} on a {@code [1, nIn]}
 * input, state carried) for each model, measured in one run: median and 90th percentile over
 * {@code steps} calls after {@code steps} warm-up calls. Arguments: {@code [units] [steps] [nIn]
 * [models]}, defaults {@code 19 1000 8 lstm,gru,cfc}.
 */
public final class StreamingLatency {

  private StreamingLatency() {}

  /** Runs the measurement and prints one line per model. */
  public static void main(String[] args) {
    int units = args.length > 0 ? Integer.parseInt(args[0]) : 19;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int nIn = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    String[] models = (args.length > 3 ? args[3] : "lstm,gru,cfc").split(",");
    System.out.printf(Locale.ROOT, "OMP_NUM_THREADS=%s batch=1 units=%d nIn=%d steps=%d%n",
        System.getenv("OMP_NUM_THREADS"), units, nIn, steps);
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.randn(DataType.FLOAT, 1, nIn, 2 * steps);
    double lstm = Double.NaN;
    for (String model : models) {
      MultiLayerNetwork net = Workloads.network(Workloads.recurrent(model, units), nIn);
      long[] ns = new long[steps];
      for (int i = 0; i < 2 * steps; i++) {
        INDArray step = x.slice(i, 2).reshape(1, nIn);
        long t0 = System.nanoTime();
        net.rnnTimeStep(step);
        if (i >= steps) {
          ns[i - steps] = System.nanoTime() - t0;
        }
      }
      Arrays.sort(ns);
      double median = ns[steps / 2] / 1e3;
      if (model.equals("lstm")) {
        lstm = median;
      }
      String ratio = Double.isNaN(lstm) ? "" // LSTM not measured (yet): list it first
          : String.format(Locale.ROOT, "  (%.2fx LSTM)", median / lstm);
      System.out.printf(Locale.ROOT, "%-5s params=%6d  rnnTimeStep median %7.1f us  p90 %7.1f us"
          + "%s%n", model, net.numParams(), median, ns[steps * 9 / 10] / 1e3, ratio);
    }
  }
}
