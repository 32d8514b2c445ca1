package io.liquid4j.internal;

/**
 * Fails early, with the remedy, when DL4J's {@code LastTimeStep} or {@code Bidirectional} wraps a
 * liquid layer.
 *
 * <p>In M2.1 both wrappers ask {@code TimeSeriesUtils.getFormatFromRnnLayer} for the wrapped
 * layer's format, which only knows built-in layer types ({@code BaseRecurrentLayer} and DL4J's own
 * wrappers) and throws {@code IllegalStateException: Unable to get RNNFormat from layer of type}
 * for any other (deeplearning4j issue #10024). {@code LastTimeStepLayer} asks in its forward pass,
 * after the wrapped layer ran; so the wrapper is detected from the call stack when the
 * configuration sets input types or the network is initialised, and the message points to {@code
 * returnSequences(false)} or {@code BidirectionalLiquidLayer}.
 */
public final class WrapperGuard {

  private static final String LAST_TIME_STEP =
      "org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep";
  private static final String BIDIRECTIONAL =
      "org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional";
  private static final int DEPTH = 8;

  private WrapperGuard() {}

  /** Throws when the caller (within a few frames) is DL4J's LastTimeStep or Bidirectional. */
  public static void rejectDl4jRnnWrappers(String who) {
    String wrapper = StackWalker.getInstance().walk(frames -> frames.limit(DEPTH)
        .map(StackWalker.StackFrame::getClassName)
        .filter(c -> c.equals(LAST_TIME_STEP) || c.equals(BIDIRECTIONAL))
        .findFirst().orElse(null));
    if (LAST_TIME_STEP.equals(wrapper)) {
      throw new IllegalArgumentException(who + ": cannot be wrapped in DL4J's LastTimeStep, "
          + "expected a built-in recurrent layer, got a liquid layer (DL4J 1.0.0-M2.1 "
          + "TimeSeriesUtils.getFormatFromRnnLayer knows built-in layers only, issue #10024); "
          + "build the layer with returnSequences(false) instead: it outputs the last valid step "
          + "[batch, size], masks respected");
    }
    if (BIDIRECTIONAL.equals(wrapper)) {
      throw new IllegalArgumentException(who + ": cannot be wrapped in DL4J's Bidirectional, "
          + "expected a built-in recurrent layer, got a liquid layer (DL4J 1.0.0-M2.1 "
          + "TimeSeriesUtils.getFormatFromRnnLayer knows built-in layers only, issue #10024); use "
          + "io.liquid4j.layers.BidirectionalLiquidLayer.builder().layer(...).mode(...) instead: "
          + "same merge modes, masks handled as DL4J's");
    }
  }
}
