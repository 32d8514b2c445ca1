package io.liquid4j.solver;

/**
 * The coefficients of an explicit Runge-Kutta method: stage {@code i} evaluates the derivative at
 * {@code v + h·Σ_{j<i} a[i][j]·k_j}, and the step is {@code v + h·Σ_i b[i]·k_i}. Only
 * autonomous systems are integrated here (the LTC equation has no explicit time dependence within a
 * step), so the nodes {@code c} are not needed.
 */
public final class ButcherTableau {

  /** Forward Euler: one stage, order 1. */
  public static final ButcherTableau EULER =
      new ButcherTableau("Euler", 1, new double[][] {{}}, new double[] {1.0});

  /** The classical fourth-order Runge-Kutta method. */
  public static final ButcherTableau RK4 = new ButcherTableau("RK4", 4,
      new double[][] {{}, {0.5}, {0.0, 0.5}, {0.0, 0.0, 1.0}},
      new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6});

  private final String name;
  private final int order;
  private final double[][] a;
  private final double[] b;

  private ButcherTableau(String name, int order, double[][] a, double[] b) {
    this.name = name;
    this.order = order;
    this.a = a;
    this.b = b;
  }

  /** Number of stages. */
  public int stages() {
    return b.length;
  }

  /** The global order of accuracy. */
  public int order() {
    return order;
  }

  /** {@code a[i][j]}, for {@code j < i}. */
  public double a(int i, int j) {
    return a[i][j];
  }

  /** The weight of stage {@code i}. */
  public double b(int i) {
    return b[i];
  }

  @Override
  public String toString() {
    return name;
  }
}
