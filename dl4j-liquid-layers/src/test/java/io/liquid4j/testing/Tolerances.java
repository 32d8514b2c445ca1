package io.liquid4j.testing;

/** Every numeric tolerance of the test suite, in one place. */
public final class Tolerances {

  private Tolerances() {}

  /** ncps parity in float64: outputs, states and gradients, absolute. */
  public static final double PARITY_ABS = 1e-10;

  /** Finite-difference gradient checks (GradientCheckUtil), double precision. */
  public static final double GRADCHECK_EPS = 1e-6;
  public static final double GRADCHECK_MAX_REL = 1e-5;
  public static final double GRADCHECK_MIN_ABS = 1e-9;

  /** Equality of two computations that should agree up to float64 rounding. */
  public static final double SAME_DOUBLE = 1e-12;

  /** Equality of two float32 computations of the same quantity. */
  public static final double SAME_FLOAT = 1e-5;
}
