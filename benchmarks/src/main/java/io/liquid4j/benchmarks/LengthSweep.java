package io.liquid4j.benchmarks;

import io.liquid4j.runtime.LiquidRecurrentLayer;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Feeds a CfC network every sequence length from 1 to {@code maxLength} (a training step and an
 * inference call each) and prints, every 10 lengths, the graphs built so far, the time of the
 * calls and the process memory: the graph count and memory must level off however many lengths
 * are seen. Arguments: {@code [maxLength] [units] [fixedLength]}, defaults {@code 200 64 0}; a
 * fixed length above 0 repeats that length instead (the baseline: memory of a run that builds no
 * new graph).
 */
public final class LengthSweep {

  private LengthSweep() {}

  /** Runs the sweep. */
  public static void main(String[] args) {
    int maxLength = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int units = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int fixedLength = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    MultiLayerNetwork net = Workloads.network(Workloads.recurrent("cfc", units), 8);
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) net.getLayer(0);
    long windowStart = System.nanoTime();
    double slowestMs = 0;
    for (int t = 1; t <= maxLength; t++) {
      DataSet data = Workloads.data(16, 8, fixedLength > 0 ? fixedLength : t, t);
      long t0 = System.nanoTime();
      net.fit(data);
      net.output(data.getFeatures());
      slowestMs = Math.max(slowestMs, (System.nanoTime() - t0) / 1e6);
      if (t % 10 == 0 || t == 1) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT,
            "T<=%4d graphs=%2d  window %7.1f ms  slowest call %7.1f ms  heap %5d MiB  "
                + "physical %6d MiB%n",
            t, layer.graphCount(), (System.nanoTime() - windowStart) / 1e6, slowestMs,
            (rt.totalMemory() - rt.freeMemory()) >> 20, Pointer.physicalBytes() >> 20);
        windowStart = System.nanoTime();
        slowestMs = 0;
      }
    }
  }
}
