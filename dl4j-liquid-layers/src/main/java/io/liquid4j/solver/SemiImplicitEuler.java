package io.liquid4j.solver;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * ncps's fused semi-implicit Euler step (Hasani et al., "Liquid Time-constant Networks", AAAI 2021,
 * eq. 3): the {@code −conductance·v} term is taken at the new iterate, the rest at the old one,
 *
 * <pre>
 *   v' = v + h·(drive(v) − conductance(v)·v') / c
 *   ⇒ v' = ((c/h)·v + drive(v)) / (c/h + conductance(v) + ε)
 * </pre>
 *
 * <p>For non-negative conductance and capacitance, {@code v'} is a convex combination of {@code v}
 * and the reversal potentials, so the iterate stays bounded for any step size. {@code ε} (ncps:
 * 1e-8) guards the division; the caller passes {@code c/h + ε} pre-added.
 */
public final class SemiImplicitEuler {

  private SemiImplicitEuler() {}

  /**
   * @param ode the system
   * @param v the state, {@code [B, S]}
   * @param capacitanceOverStep {@code c / h}, broadcastable to {@code [B, S]}
   * @param capacitanceOverStepPlusEpsilon {@code c / h + ε}, the same shape
   * @return the state after one step
   */
  public static SDVariable step(ConductanceOde ode, SDVariable v, SDVariable capacitanceOverStep,
      SDVariable capacitanceOverStepPlusEpsilon) {
    ConductanceOde.Terms t = ode.terms(v);
    SDVariable numerator = capacitanceOverStep.mul(v).add(t.drive());
    SDVariable denominator = capacitanceOverStepPlusEpsilon.add(t.conductance());
    return numerator.div(denominator);
  }
}
