package io.liquid4j.solver;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * One step of an explicit Runge-Kutta method given by its {@link ButcherTableau}:
 *
 * <pre>
 *   k_i = h·f(v + Σ_{j<i} a_ij·k_j),   v' = v + Σ_i b_i·k_i
 * </pre>
 *
 * <p>with {@code h·f} from {@link ConductanceOde#increment}. Zero coefficients add no operations.
 * Explicit schemes are stable only for {@code h < ~2·capacitance/conductance}; with large elapsed
 * times and few unfolds they diverge, where {@link SemiImplicitEuler} does not.
 */
public final class ExplicitRungeKutta {

  private ExplicitRungeKutta() {}

  /**
   * @param tableau the method
   * @param ode the system
   * @param v the state, {@code [B, S]}
   * @param stepOverCapacitance {@code h / capacitance}, broadcastable to {@code [B, S]}
   * @return the state after one step of size {@code h}
   */
  public static SDVariable step(ButcherTableau tableau, ConductanceOde ode, SDVariable v,
      SDVariable stepOverCapacitance) {
    int s = tableau.stages();
    SDVariable[] k = new SDVariable[s];
    for (int i = 0; i < s; i++) {
      SDVariable stage = v;
      for (int j = 0; j < i; j++) {
        if (tableau.a(i, j) != 0.0) {
          stage = stage.add(k[j].mul(tableau.a(i, j)));
        }
      }
      k[i] = ode.increment(stage, stepOverCapacitance);
    }
    SDVariable next = v;
    for (int i = 0; i < s; i++) {
      if (tableau.b(i) != 0.0) {
        next = next.add(tableau.b(i) == 1.0 ? k[i] : k[i].mul(tableau.b(i)));
      }
    }
    return next;
  }
}
