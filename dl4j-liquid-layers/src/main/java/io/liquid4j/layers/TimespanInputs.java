package io.liquid4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The elapsed-time convention of liquid layers: with {@code timespansInput(true)} the last input
 * feature of every step is the time elapsed since the previous step, one value per sample and step
 * (ncps's {@code timespans}, with the per-sample semantics ncps intends but mis-broadcasts for batch
 * &gt; 1). This keeps one input array, so it works unchanged in a {@code MultiLayerNetwork}; in a
 * {@code ComputationGraph} either feed the appended array or merge a separate elapsed-time input
 * with {@code MergeVertex} (features first, elapsed time last) in front of the layer.
 */
public final class TimespanInputs {

  private TimespanInputs() {}

  /**
   * Appends elapsed times to NCW features.
   *
   * @param features {@code [B, F, T]}
   * @param timespans {@code [B, T]}
   * @return {@code [B, F + 1, T]}
   */
  public static INDArray appendNcw(INDArray features, INDArray timespans) {
    check(features, timespans, features.size(2));
    INDArray dt = timespans.castTo(features.dataType())
        .reshape('c', timespans.size(0), 1, timespans.size(1));
    return Nd4j.concat(1, features, dt);
  }

  /**
   * Appends elapsed times to NWC features.
   *
   * @param features {@code [B, T, F]}
   * @param timespans {@code [B, T]}
   * @return {@code [B, T, F + 1]}
   */
  public static INDArray appendNwc(INDArray features, INDArray timespans) {
    check(features, timespans, features.size(1));
    INDArray dt = timespans.castTo(features.dataType())
        .reshape('c', timespans.size(0), timespans.size(1), 1);
    return Nd4j.concat(2, features, dt);
  }

  private static void check(INDArray features, INDArray timespans, long steps) {
    if (features.rank() != 3 || timespans.rank() != 2 || timespans.size(0) != features.size(0)
        || timespans.size(1) != steps) {
      throw new IllegalArgumentException("TimespanInputs: timespans must have shape [batch, time] = ["
          + features.size(0) + ", " + (features.rank() == 3 ? steps : "?") + "] matching features "
          + java.util.Arrays.toString(features.shape()) + ", got "
          + java.util.Arrays.toString(timespans.shape()));
    }
  }
}
