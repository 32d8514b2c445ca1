package io.liquid4j.solver;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A conductance-based ODE in split form, the shape every LTC solver consumes:
 *
 * <pre>
 *   dv/dt = (drive(v) − conductance(v) ⊙ v) / capacitance
 * </pre>
 *
 * <p>For the LTC neuron, {@code drive = gleak·vleak + Σ_i b_ij·erev_ij + Σ_k a_kj·sensoryErev_kj}
 * and {@code conductance = gleak + Σ_i b_ij + Σ_k a_kj}, so that the right-hand side equals {@code
 * (gleak·(vleak − v) + Σ_i b_ij·(erev_ij − v_j) + Σ_k a_kj·(sensoryErev_kj − v_j)) / cm}. The
 * capacitance does not depend on {@code v}; the solvers receive it already combined with the step
 * size ({@code h/c} or {@code c/h}), which the caller hoists out of its loops.
 */
public interface ConductanceOde {

  /** Drive and conductance at one state, both {@code [B, S]}. */
  record Terms(SDVariable drive, SDVariable conductance) {}

  /**
   * Evaluates the state-dependent terms (the one place the model's physics is written).
   *
   * @param v the state, {@code [B, S]}
   * @return drive and conductance at {@code v}
   */
  Terms terms(SDVariable v);

  /**
   * {@code h · dv/dt} at {@code v}: the increment an explicit stage needs.
   *
   * @param v the state, {@code [B, S]}
   * @param stepOverCapacitance {@code h / capacitance}, broadcastable to {@code [B, S]}
   * @return {@code (drive − conductance ⊙ v) ⊙ h / capacitance}
   */
  default SDVariable increment(SDVariable v, SDVariable stepOverCapacitance) {
    Terms t = terms(v);
    return t.drive().sub(t.conductance().mul(v)).mul(stepOverCapacitance);
  }
}
