package io.liquid4j.solver;

/**
 * The ODE scheme of an LTC layer. Each runs {@code odeUnfolds} sub-steps of {@code h = Δt /
 * odeUnfolds} per time step, on the same {@link ConductanceOde}.
 */
public enum LtcSolver {
  /** ncps's fused semi-implicit Euler step ({@link SemiImplicitEuler}); the default, for parity. */
  SEMI_IMPLICIT(null),
  /** Forward Euler ({@link ButcherTableau#EULER}); first order, conditionally stable. */
  EXPLICIT_EULER(ButcherTableau.EULER),
  /** Classical Runge-Kutta ({@link ButcherTableau#RK4}); fourth order, four derivative evaluations. */
  RK4(ButcherTableau.RK4);

  private final ButcherTableau tableau;

  LtcSolver(ButcherTableau tableau) {
    this.tableau = tableau;
  }

  /** Whether this is an explicit Runge-Kutta scheme (then {@link #tableau()} is not null). */
  public boolean isExplicit() {
    return tableau != null;
  }

  /** The tableau of an explicit scheme, or null for {@link #SEMI_IMPLICIT}. */
  public ButcherTableau tableau() {
    return tableau;
  }
}
