package io.liquid4j.layers;

/** The three CfC update rules of ncps ({@code mode=}"default", "pure", "no_gate"). */
public enum CfcMode {
  /** {@code h' = tanh(ff1) * (1 - s) + s * tanh(ff2)}, {@code s = sigmoid(Δt * tA + tB)}. */
  DEFAULT,
  /** The closed-form solution alone: {@code h' = A - A * ff1 * exp(-Δt * (|wTau| + |ff1|))}. */
  PURE,
  /** {@code h' = tanh(ff1) + s * tanh(ff2)}: the time gate scales ff2 only. */
  NO_GATE
}
