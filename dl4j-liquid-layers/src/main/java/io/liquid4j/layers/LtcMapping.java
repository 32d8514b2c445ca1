package io.liquid4j.layers;

/**
 * The elementwise map an LTC layer applies to its inputs before the sensory synapses, or to its
 * motor neurons' states to give its outputs (ncps {@code input_mapping} / {@code output_mapping}).
 */
public enum LtcMapping {
  /** {@code y = x ⊙ w + b} (parameters {@code inputW, inputb} or {@code outputW, outputb}). */
  AFFINE,
  /** {@code y = x ⊙ w} (parameter {@code inputW} or {@code outputW}). */
  LINEAR,
  /** {@code y = x}, no parameters (ncps: any other value, e.g. {@code None}). */
  NONE;

  /** Whether the map has a scale parameter. */
  public boolean hasWeight() {
    return this != NONE;
  }

  /** Whether the map has an offset parameter. */
  public boolean hasBias() {
    return this == AFFINE;
  }
}
