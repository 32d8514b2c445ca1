package io.liquid4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training-step medians of CfC, GRU and DL4J's LSTM measured in one run, and the first-call time of
 * a new sequence length (graph build plus gradient function). Arguments: {@code [iterations]
 * [batch] [steps] [units] [models]}, defaults {@code 20 32 50 64 lstm,cfc} (models: lstm, cfc,
 * gru, ltc, ltc-ncp; list lstm first for the ratios).
 */
public final class SideBySide {

  private SideBySide() {}

  /** Runs the comparison and prints one line per measurement. */
  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int units = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    String[] models = (args.length > 4 ? args[4] : "lstm,cfc").split(",");
    int nIn = 8;
    System.out.printf(Locale.ROOT, "OMP_NUM_THREADS=%s batch=%d T=%d units=%d nIn=%d%n",
        System.getenv("OMP_NUM_THREADS"), batch, steps, units, nIn);
    DataSet data = Workloads.data(batch, nIn, steps, 7);
    double lstm = Double.NaN;
    for (String model : models) {
      MultiLayerNetwork net = Workloads.network(Workloads.recurrent(model, units), nIn);
      long t0 = System.nanoTime();
      net.fit(data);
      double firstMs = (System.nanoTime() - t0) / 1e6;
      double median = medianFitMs(net, data, iterations);
      if (model.equals("lstm")) {
        lstm = median;
      }
      DataSet other = Workloads.data(batch, nIn, steps + 13, 8);
      t0 = System.nanoTime();
      net.fit(other);
      double newLengthMs = (System.nanoTime() - t0) / 1e6;
      double newLengthMedian = medianFitMs(net, other, Math.max(3, iterations / 4));
      System.out.printf(Locale.ROOT,
          "%-5s params=%7d  fit median %8.1f ms (%.2fx LSTM)  first fit %8.1f ms  "
              + "first fit at T=%d %8.1f ms (then %.1f ms)%n",
          model, net.numParams(), median, median / lstm, firstMs, steps + 13, newLengthMs,
          newLengthMedian);
    }
  }

  static double medianFitMs(MultiLayerNetwork net, DataSet data, int iterations) {
    for (int i = 0; i < 3; i++) {
      net.fit(data);
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      net.fit(data);
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  static String describe(double[] values) {
    return Arrays.toString(values);
  }
}
