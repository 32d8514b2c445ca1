package io.liquid4j.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Activations of the CfC backbone, as ncps names them ({@code activation=}"lecun_tanh", ...). */
public enum BackboneActivation {
  /** {@code 1.7159 * tanh(0.666 * u)} (ncps's default). */
  LECUN_TANH,
  /** {@code max(u, 0)}. */
  RELU,
  /** {@code tanh(u)}. */
  TANH,
  /** Exact GELU, {@code 0.5 * u * (1 + erf(u / sqrt(2)))} (PyTorch's default form). */
  GELU,
  /** {@code u * sigmoid(u)}. */
  SILU;

  /**
   * The activation as {@code outerScale * core(innerScale * u)}, so that a cell can fold both
   * scales into the neighbouring weights once per graph instead of scaling at every step.
   */
  public double innerScale() {
    return this == LECUN_TANH ? 0.666 : 1.0;
  }

  /** See {@link #innerScale()}. */
  public double outerScale() {
    return this == LECUN_TANH ? 1.7159 : 1.0;
  }

  /** The activation without its scales: {@code apply(u) = outerScale * core(innerScale * u)}. */
  public SDVariable core(SameDiff sd, SDVariable u) {
    return this == LECUN_TANH ? sd.math.tanh(u) : apply(sd, u);
  }

  /** Applies the activation in a SameDiff graph. */
  public SDVariable apply(SameDiff sd, SDVariable u) {
    switch (this) {
      case LECUN_TANH:
        return sd.math.tanh(u.mul(0.666)).mul(1.7159);
      case RELU:
        return sd.nn.relu(u, 0.0);
      case TANH:
        return sd.math.tanh(u);
      case GELU:
        return u.mul(0.5).mul(sd.math.erf(u.mul(1.0 / Math.sqrt(2.0))).add(1.0));
      case SILU:
        return u.mul(sd.nn.sigmoid(u));
      default:
        throw new IllegalStateException("unknown activation " + this);
    }
  }
}
