package io.liquid4j.internal;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks of a layer's parameter values, run once when a runtime layer first binds its parameters
 * (after {@code init}, a {@code ModelSerializer} restore, a clone or a replica copy), so a broken
 * model file fails with a message naming the layer and the parameter instead of returning NaN
 * outputs. Values that become non-finite later, during training, are left to DL4J's usual NaN-score
 * handling (for example early stopping's invalid-score condition), as DL4J's own layers do.
 *
 * <p>Cost: one reduction over the flat parameter view; the per-parameter search runs only when it
 * finds a non-finite value.
 */
public final class ParameterChecks {

  private ParameterChecks() {}

  /**
   * Fails when any parameter is NaN or infinite.
   *
   * @param who the layer, as {@code CfcLayer(name="cfc1")}
   * @param flat the layer's flat parameter view (may be null when the layer has none)
   * @param table the same values by parameter key
   * @throws IllegalStateException naming the first non-finite parameter, its index and value
   */
  public static void requireFinite(String who, INDArray flat, Map<String, INDArray> table) {
    if (flat == null || flat.isEmpty() || Double.isFinite(flat.sumNumber().doubleValue())) {
      return;
    }
    for (Map.Entry<String, INDArray> e : table.entrySet()) {
      INDArray p = e.getValue();
      double[] values = p.dup('c').data().asDouble();
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          long[] index = p.rank() == 0 ? new long[0] : unravel(i, p.shape());
          long bad = Arrays.stream(values).filter(v -> !Double.isFinite(v)).count();
          throw new IllegalStateException(who + ": parameter \"" + e.getKey()
              + "\" must be finite, got " + values[i] + " at " + Arrays.toString(index) + " ("
              + bad + " of " + values.length + " values non-finite); the model file or the "
              + "parameters set on this network are broken");
        }
      }
    }
  }

  private static long[] unravel(long flatIndex, long[] shape) {
    long[] index = new long[shape.length];
    long rest = flatIndex;
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d] = rest % shape[d];
      rest /= shape[d];
    }
    return index;
  }
}
