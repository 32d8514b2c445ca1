/**
 * ODE schemes of the liquid time-constant (LTC) cell, written on SameDiff variables.
 *
 * <p>Every scheme integrates the same conductance-based equation, {@link ConductanceOde}: {@code
 * dv/dt = (drive(v) − conductance(v)·v) / capacitance}, over one sub-step {@code h = Δt / K} (K =
 * {@code odeUnfolds}). {@link SemiImplicitEuler} is ncps's fused step (the {@code −conductance·v}
 * term taken at the new iterate); {@link ExplicitRungeKutta} runs any explicit Butcher tableau
 * ({@link ButcherTableau#EULER}, {@link ButcherTableau#RK4}), so the difference between explicit
 * schemes is data, as in Hipparchus. {@link LtcSolver} names the choices a layer offers.
 */
package io.liquid4j.solver;
