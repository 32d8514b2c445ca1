package io.liquid4j.internal;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A layer's input checked and split into the cell's features {@code [B, nIn, T]}, elapsed times
 * {@code [B, 1, T]} (or null) and a feature mask {@code [B, 1, T]} (or null when there is no mask
 * or it is all ones), all detached copies in the network's data type.
 */
public record SequenceInput(INDArray features, INDArray elapsed, INDArray mask) {

  /** Batch size. */
  public int batchSize() {
    return (int) features.size(0);
  }

  /** Number of time steps. */
  public int length() {
    return (int) features.size(2);
  }

  /**
   * Checks and splits {@code raw} ({@code [B, F, T]} in NCW or {@code [B, T, F]} in NWC, where
   * {@code F = nIn + 1} when the last feature is the elapsed time).
   *
   * @param mask DL4J feature mask {@code [B, T]}, or null
   */
  public static SequenceInput of(
      LiquidGraphSource layer, INDArray raw, INDArray mask, DataType dataType) {
    String who = layer.describe();
    int expectedFeatures = layer.nIn() + (layer.timespansInput() ? 1 : 0);
    boolean nwc = layer.dataFormat() == RNNFormat.NWC;
    String layout = nwc ? "[batch, time, " + expectedFeatures + "] (NWC)"
        : "[batch, " + expectedFeatures + ", time] (NCW)";
    String featureNote = layer.timespansInput()
        ? " (nIn=" + layer.nIn() + " features plus the elapsed time as the last feature)" : "";
    if (raw.rank() != 3) {
      throw Checks.badShape(who, "the input", layout + featureNote, raw.shape());
    }
    INDArray ncw = nwc ? raw.permute(0, 2, 1) : raw;
    if (ncw.size(1) != expectedFeatures) {
      throw Checks.badShape(who, "the input", layout + featureNote, raw.shape());
    }
    if (ncw.size(2) < 1) {
      throw Checks.badShape(who, "the input", layout + " with at least one step", raw.shape());
    }
    long batch = ncw.size(0);
    long length = ncw.size(2);
    INDArray cast = ncw.dataType() == dataType ? ncw : ncw.castTo(dataType);
    INDArray features;
    INDArray elapsed = null;
    if (layer.timespansInput()) {
      features = cast.get(NDArrayIndex.all(), NDArrayIndex.interval(0, layer.nIn()),
          NDArrayIndex.all()).dup('c');
      elapsed = cast.get(NDArrayIndex.all(), NDArrayIndex.interval(layer.nIn(), expectedFeatures),
          NDArrayIndex.all()).dup('c');
      checkElapsed(who, elapsed);
    } else {
      features = cast.dup('c');
    }
    return new SequenceInput(features, elapsed, checkMask(who, mask, batch, length, dataType));
  }

  /**
   * Elapsed times must be finite and {@code >= 0}. The fast path is two reductions; only a failing
   * input is searched for the first bad value, which the message reports with its sample and step.
   */
  private static void checkElapsed(String who, INDArray elapsed) {
    double sum = elapsed.sumNumber().doubleValue();
    double min = elapsed.minNumber().doubleValue();
    if (Double.isFinite(sum) && min >= 0) {
      return;
    }
    long steps = elapsed.size(2);
    double[] values = elapsed.dup('c').data().asDouble(); // [B, 1, T]
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      String where = " at sample " + (i / steps) + ", step " + (i % steps);
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(who + ": elapsed times (the last input feature) must "
            + "be finite, got " + v + where);
      }
      if (v < 0) {
        throw new IllegalArgumentException(who + ": elapsed times (the last input feature) must "
            + "be >= 0, got " + v + where);
      }
    }
  }

  /**
   * Checks a feature mask's rank as soon as the network hands it to the layer, before the layers
   * after it see it (DL4J's own layers fail on a bad mask with messages that name no layer). The
   * length is checked with the input, in {@link #of}.
   */
  public static void checkMaskRank(LiquidGraphSource layer, INDArray mask) {
    if (mask == null) {
      return;
    }
    boolean ok = mask.rank() == 2 || (mask.rank() == 3 && mask.size(1) == 1);
    if (!ok) {
      throw Checks.badShape(layer.describe(), "the feature mask", "[" + mask.size(0) + ", time]",
          mask.shape());
    }
  }

  private static INDArray checkMask(
      String who, INDArray mask, long batch, long length, DataType dataType) {
    if (mask == null) {
      return null;
    }
    boolean shapeOk = (mask.rank() == 2 && mask.size(0) == batch && mask.size(1) == length)
        || (mask.rank() == 3 && mask.size(0) == batch && mask.size(1) == 1
            && mask.size(2) == length);
    if (!shapeOk) {
      throw Checks.badShape(who, "the feature mask", "[" + batch + ", " + length + "]",
          mask.shape());
    }
    if (mask.minNumber().doubleValue() >= 1.0 && mask.maxNumber().doubleValue() <= 1.0) {
      return null; // all ones: the unmasked graph gives the same result with fewer ops
    }
    INDArray m = mask.dataType() == dataType ? mask : mask.castTo(dataType);
    return m.reshape('c', batch, 1, length).dup('c');
  }

  /** Steps {@code [start, start + length)} of a {@code [B, *, T]} array, as a detached copy. */
  public static INDArray steps(INDArray array, int start, int length) {
    if (array == null) {
      return null;
    }
    if (start == 0 && length == array.size(2)) {
      return array;
    }
    return array.get(NDArrayIndex.all(), NDArrayIndex.all(),
        NDArrayIndex.interval(start, start + length)).dup('c');
  }

  /** Zeros shaped like a state part. */
  public static INDArray zeros(DataType dataType, long batch, long size) {
    return Nd4j.zeros(dataType, batch, size);
  }
}
