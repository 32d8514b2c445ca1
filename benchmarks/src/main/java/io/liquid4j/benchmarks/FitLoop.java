package io.liquid4j.benchmarks;

import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A plain training loop of one model, for profilers (JFR, async-profiler): arguments {@code model
 * [iterations] [batch] [steps] [units]}, defaults {@code cfc 50 32 50 64}.
 */
public final class FitLoop {

  private FitLoop() {}

  /** Runs the loop and prints the median iteration time. */
  public static void main(String[] args) {
    String model = args.length > 0 ? args[0] : "cfc";
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    int units = args.length > 4 ? Integer.parseInt(args[4]) : 64;
    DataSet data = Workloads.data(batch, 8, steps, 7);
    MultiLayerNetwork net = Workloads.network(Workloads.recurrent(model, units), 8);
    double median = SideBySide.medianFitMs(net, data, iterations);
    System.out.printf(Locale.ROOT, "%s fit median %.1f ms%n", model, median);
  }
}
