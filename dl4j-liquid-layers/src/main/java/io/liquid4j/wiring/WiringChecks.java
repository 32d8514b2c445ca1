package io.liquid4j.wiring;

/**
 * Argument checks for the wiring package. Every message is built from the same values the check
 * uses, so the text cannot drift from the condition: {@code Owner: name must be >= 1, got 0}.
 */
final class WiringChecks {

  private WiringChecks() {}

  /** Throws unless {@code value >= min}. */
  static int atLeast(String owner, String name, int value, int min) {
    if (value < min) {
      throw fail(owner, name + " must be >= " + min + ", got " + value);
    }
    return value;
  }

  /** Throws unless {@code min <= value <= max}; {@code why} (nullable) explains the bound. */
  static int inRange(String owner, String name, int value, int min, int max, String why) {
    if (value < min || value > max) {
      String hint = why == null ? "" : " (" + why + ")";
      throw fail(owner, name + " must be in [" + min + ", " + max + "], got " + value + hint);
    }
    return value;
  }

  /** Throws unless {@code value} is in {@code [min, max]}, or {@code [min, max)}; NaN fails. */
  static double inRange(
      String owner, String name, double value, double min, double max, boolean maxInclusive) {
    boolean ok = value >= min && (maxInclusive ? value <= max : value < max);
    if (!ok) {
      String interval = "[" + min + ", " + max + (maxInclusive ? "]" : ")");
      throw fail(owner, name + " must be in " + interval + ", got " + value);
    }
    return value;
  }

  /** Throws unless {@code polarity} is -1 or +1 (a synapse that exists). */
  static int polarity(String owner, String name, int polarity) {
    if (polarity != -1 && polarity != 1) {
      throw fail(owner, name + " must be -1 or +1, got " + polarity);
    }
    return polarity;
  }

  /** Throws unless {@code value} is -1, 0 or +1 (an adjacency entry). */
  static int entry(String owner, String name, int value) {
    if (value < -1 || value > 1) {
      throw fail(owner, name + " must be -1, 0 or +1, got " + value);
    }
    return value;
  }

  /** Throws unless {@code value} is non-null. */
  static <T> T notNull(String owner, String name, T value) {
    if (value == null) {
      throw fail(owner, name + " must not be null");
    }
    return value;
  }

  /** An {@link IllegalArgumentException} with the owner prefix. */
  static IllegalArgumentException fail(String owner, String message) {
    return new IllegalArgumentException(owner + ": " + message);
  }
}
