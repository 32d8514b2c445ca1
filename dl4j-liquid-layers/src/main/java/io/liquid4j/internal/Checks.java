package io.liquid4j.internal;

import java.util.Arrays;

/**
 * Argument and shape checks whose messages are built from the same values they check, in the house
 * grammar {@code CfcLayer(name="cfc1"): backboneUnits must be >= 1, got 0}.
 */
public final class Checks {

  private Checks() {}

  /** The prefix naming a layer in messages: {@code CfcLayer(name="cfc1")} or {@code CfcLayer}. */
  public static String who(String layerType, String layerName) {
    return layerName == null ? layerType : layerType + "(name=\"" + layerName + "\")";
  }

  /** Fails unless {@code value >= min}. */
  public static void atLeast(String who, String argument, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(
          who + ": " + argument + " must be >= " + min + ", got " + value);
    }
  }

  /** Fails unless {@code min <= value < maxExclusive} (and the value is finite). */
  public static void inRangeHalfOpen(
      String who, String argument, double value, double min, double maxExclusive) {
    if (!(value >= min && value < maxExclusive)) {
      throw new IllegalArgumentException(
          who + ": " + argument + " must be in [" + min + ", " + maxExclusive + "), got " + value);
    }
  }

  /** Fails when {@code value} is null. */
  public static <T> T notNull(String who, String argument, T value) {
    if (value == null) {
      throw new IllegalArgumentException(who + ": " + argument + " must be set, got null");
    }
    return value;
  }

  /** An {@link IllegalArgumentException} for a bad input array shape. */
  public static IllegalArgumentException badShape(
      String who, String what, String expected, long[] actual) {
    return new IllegalArgumentException(
        who + ": " + what + " must have shape " + expected + ", got " + Arrays.toString(actual));
  }
}
