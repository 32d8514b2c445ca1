package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.runtime.LiquidRecurrentLayer;
import io.liquid4j.solver.LtcSolver;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import io.liquid4j.wiring.NeuronType;
import io.liquid4j.wiring.Wiring;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LTC solvers on a leak-only neuron (no synapses, no sensory synapses), whose solution is
 * {@code v(t) = vleak + (v0 − vleak)·exp(−gleak·t/cm)}: explicit Euler and RK4 converge at orders 1
 * and 4 as {@code odeUnfolds} doubles; semi-implicit Euler stays between {@code v0} and {@code
 * vleak} for a step far beyond explicit Euler's stability limit. Implicit constraints are off, so
 * the parameter values are exact.
 */
class LtcSolverTest {

  private static final double GLEAK = 1.0;
  private static final double CM = 0.5;
  private static final double VLEAK = 0.3;
  private static final double V0 = 1.0;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private static double exact(double t) {
    return VLEAK + (V0 - VLEAK) * Math.exp(-GLEAK * t / CM);
  }

  /** The state after one step of elapsed time {@code dt}, with {@code unfolds} sub-steps. */
  private static double solve(LtcSolver solver, int unfolds, double dt) {
    Wiring leakOnly = Wiring.of(new int[][] {{0}}, new int[][] {{0}},
        List.of(NeuronType.MOTOR), new int[][] {{0}}, null);
    LtcLayer conf = LtcLayer.builder().nIn(1).wiring(leakOnly).solver(solver).odeUnfolds(unfolds)
        .implicitConstraints(false).inputMapping(LtcMapping.NONE).outputMapping(LtcMapping.NONE)
        .timespansInput(true).build();
    MultiLayerNetwork net = Nets.gradientCheckNet(conf, 2, 1, true, RNNFormat.NCW);
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) net.getLayer(0);
    layer.getParam("gleak").assign(GLEAK);
    layer.getParam("cm").assign(CM);
    layer.getParam("vleak").assign(VLEAK);
    layer.setInitialState(Map.of("h", Nd4j.createFromArray(new double[][] {{V0}})));
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    layer.setInput(Nd4j.createFromArray(new double[][][] {{{0.7}, {dt}}}), mgr);
    return layer.activate(false, mgr).getDouble(0, 0, 0);
  }

  private static double[] errorRatios(LtcSolver solver, int... unfolds) {
    double[] ratios = new double[unfolds.length - 1];
    double previous = Math.abs(solve(solver, unfolds[0], 1.0) - exact(1.0));
    for (int i = 1; i < unfolds.length; i++) {
      double error = Math.abs(solve(solver, unfolds[i], 1.0) - exact(1.0));
      ratios[i - 1] = previous / error;
      previous = error;
    }
    return ratios;
  }

  @Test
  void explicitEulerConvergesAtOrderOne() {
    for (double ratio : errorRatios(LtcSolver.EXPLICIT_EULER, 8, 16, 32, 64)) {
      assertTrue(ratio > 1.9 && ratio < 2.1, "error ratio " + ratio + ", expected ~2");
    }
  }

  @Test
  void rk4ConvergesAtOrderFour() {
    for (double ratio : errorRatios(LtcSolver.RK4, 4, 8, 16, 32)) {
      assertTrue(ratio > 15 && ratio < 21, "error ratio " + ratio + ", expected ~16");
    }
  }

  @Test
  void explicitEulerOneStepIsTheWrittenFormula() {
    double h = 1.0 / 3;
    double v = V0;
    for (int k = 0; k < 3; k++) {
      v += h * GLEAK * (VLEAK - v) / CM;
    }
    assertEquals(v, solve(LtcSolver.EXPLICIT_EULER, 3, 1.0), Tolerances.SAME_DOUBLE);
  }

  @Test
  void semiImplicitStaysBoundedWhereExplicitEulerBlowsUp() {
    double dt = 100;
    double semiImplicit = solve(LtcSolver.SEMI_IMPLICIT, 1, dt);
    assertTrue(semiImplicit >= Math.min(V0, VLEAK) && semiImplicit <= Math.max(V0, VLEAK),
        "semi-implicit gave " + semiImplicit);
    double c = CM / dt;
    assertEquals((c * V0 + GLEAK * VLEAK) / (c + GLEAK + LtcLayer.DEFAULT_EPSILON), semiImplicit,
        Tolerances.SAME_DOUBLE);
    double euler = solve(LtcSolver.EXPLICIT_EULER, 1, dt);
    assertTrue(Math.abs(euler) > 10 * Math.max(Math.abs(V0), Math.abs(VLEAK)),
        "explicit Euler gave " + euler + ", expected it to leave the bounds");
  }
}
