package io.liquid4j.cells;

import io.liquid4j.layers.LtcMapping;
import io.liquid4j.solver.ConductanceOde;
import io.liquid4j.solver.ExplicitRungeKutta;
import io.liquid4j.solver.LtcSolver;
import io.liquid4j.solver.SemiImplicitEuler;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The liquid time-constant (LTC) cell of Hasani et al., "Liquid Time-constant Networks", AAAI 2021,
 * as ncps (torch) computes it. Per step, with input {@code x [B, F]}, state {@code v [B, S]}, elapsed
 * time {@code Δt} and {@code φ} = softplus (implicit constraints) or the identity:
 *
 * <pre>
 *   x̃    = x ⊙ inputW + inputb                        (input mapping: affine, linear or none)
 *   a_kj = φ(sensoryW)_kj·σ(sensorySigma_kj·(x̃_k − sensoryMu_kj))·|sensoryAdjacency|_kj
 *   b_ij = φ(w)_ij·σ(sigma_ij·(v_i − mu_ij))·|adjacency|_ij          (i source, j target)
 *   dv_j/dt = (φ(gleak)_j·(vleak_j − v_j) + Σ_i b_ij·(erev_ij − v_j) + Σ_k a_kj·(sensoryErev_kj − v_j))
 *             / φ(cm)_j
 *   v ← solver step of size h = Δt / K, K = odeUnfolds times        (ncps: semi-implicit Euler)
 *   y    = v[:, :M] ⊙ outputW + outputb                (the M motor neurons; output mapping)
 * </pre>
 *
 * <p>The equation is written once, in split form ({@link ConductanceOde}: {@code drive = gleak·vleak
 * + Σ b·erev + Σ a·sensoryErev}, {@code conductance = gleak + Σ b + Σ a}), and every {@link
 * LtcSolver} integrates it. Hoisted out of the unfold loop and the time loop: {@code φ(w)·mask},
 * {@code φ(w)·mask·erev}, {@code sigma·mu}, {@code cm·K/Δt} (or {@code Δt/(K·cm)}); out of the
 * time loop: the input mapping and the sensory drive and conductance of every step of the chunk, in
 * a handful of {@code [B·C, F, S]} operations. One unfold is then a few {@code [B, S, S]} operations.
 */
public final class LtcCell implements CellGraph {

  /** The shape of an LTC cell: everything but the parameters. */
  public record Spec(int nIn, int units, int motors, int odeUnfolds, double epsilon,
      boolean softplus, LtcMapping inputMapping, LtcMapping outputMapping, LtcSolver solver) {}

  /** Units from which {@code v} is spread over the targets by a matrix product (see step). */
  private static final int SPREAD_BY_MATMUL_FROM = 32;

  private final SameDiff sd;
  private final Spec spec;
  private final Map<String, SDVariable> p;
  private final SDVariable mask;
  private final SDVariable sensoryMask;
  private SDVariable wMasked;
  private SDVariable wErev;
  private SDVariable sigmaMu;
  private SDVariable sigma;
  private SDVariable onesRow;
  private SDVariable unitFactor;
  private SDVariable stepFactor;
  private SDVariable stepFactorEps;
  private List<SDVariable> driveIn;
  private List<SDVariable> conductanceIn;

  /**
   * @param params the layer's parameter variables ({@code gleak}, {@code w}, {@code sensoryW} ...)
   * @param adjacencyMask {@code |adjacency|}, {@code [S, S]}, in the network's data type
   * @param sensoryMask {@code |sensoryAdjacency|}, {@code [F, S]}, in the network's data type
   */
  public LtcCell(SameDiff sd, Spec spec, Map<String, SDVariable> params, INDArray adjacencyMask,
      INDArray sensoryMask) {
    this.sd = sd;
    this.spec = spec;
    this.p = params;
    this.mask = sd.constant(adjacencyMask);
    this.sensoryMask = sd.constant(sensoryMask);
  }

  private SDVariable phi(String key) {
    return spec.softplus() ? sd.nn.softplus(p.get(key)) : p.get(key);
  }

  @Override
  public void prepare(SDVariable inputs, int chunkLength) {
    int f = spec.nIn();
    int s = spec.units();
    int k = spec.odeUnfolds();
    // The [S, S] operands of the unfold loop, tiled once to [B, S, S] (adding zeros is exact): the
    // gradient of a broadcast multiply is slow in ND4J M2.1 (~25 ms for [32, 64, 64] against
    // ~0.3 ms forward), a same-shape one is not, and the tiles' own gradient is reduced only once.
    SDVariable batch = sd.sizeAt(inputs, 0).castTo(DataType.INT64);
    SDVariable shape = sd.concat(0, sd.reshape(batch, 1),
        sd.constant(Nd4j.createFromArray((long) s, (long) s)));
    SDVariable zeros = sd.fill(shape, inputs.dataType(), 0.0);
    SDVariable masked = phi("w").mul(mask);
    wMasked = zeros.add(masked);
    wErev = zeros.add(masked.mul(p.get("erev")));
    sigma = zeros.add(p.get("sigma"));
    sigmaMu = zeros.add(p.get("sigma").mul(p.get("mu")));
    onesRow = sd.constant(Nd4j.ones(inputs.dataType(), 1, s));
    SDVariable cm = sd.reshape(phi("cm"), 1, s);
    SDVariable gleak = phi("gleak");

    // Sensory synapses of every step of the chunk at once: [B*C, F] -> [B*C, F, S] -> [B*C, S].
    SDVariable x = map(sd.reshape(sd.permute(inputs, 0, 2, 1), -1, f), spec.inputMapping(),
        "inputW", "inputb");
    // The same layout as the unfolds: x spread over the targets by a K = 1 matrix product, the
    // [F, S] parameters tiled to [B·C, F, S] by adding zeros, so that no multiply broadcasts.
    SDVariable xs = sd.reshape(sd.reshape(x, -1, 1).mmul(onesRow), -1, f, s);
    SDVariable sensoryZeros = sd.zerosLike(xs);
    SDVariable sensorySigma = p.get("sensorySigma");
    SDVariable sensoryAct = sd.nn.sigmoid(xs.mul(sensoryZeros.add(sensorySigma))
        .sub(sensoryZeros.add(sensorySigma.mul(p.get("sensoryMu")))));
    SDVariable sensoryW = phi("sensoryW").mul(sensoryMask);
    SDVariable sensoryDrive = sensoryAct
        .mul(sensoryZeros.add(sensoryW.mul(p.get("sensoryErev")))).sum(1);
    SDVariable sensoryConductance = sensoryAct.mul(sensoryZeros.add(sensoryW)).sum(1);
    driveIn = perStep(sensoryDrive.add(gleak.mul(p.get("vleak"))), chunkLength);
    conductanceIn = perStep(sensoryConductance.add(gleak), chunkLength);

    // Step factors at Δt = 1: c/h = K·cm (semi-implicit) or h/c = 1/(K·cm) (explicit).
    unitFactor = spec.solver().isExplicit() ? sd.math.reciprocal(cm.mul(k)) : cm.mul(k);
    stepFactor = unitFactor;
    stepFactorEps = spec.solver().isExplicit() ? null : unitFactor.add(spec.epsilon());
  }

  private List<SDVariable> perStep(SDVariable rows, int chunkLength) {
    SDVariable steps = sd.reshape(rows, -1, chunkLength, spec.units());
    return List.of(sd.unstack(steps, 1, chunkLength));
  }

  private SDVariable map(SDVariable z, LtcMapping mapping, String weight, String bias) {
    SDVariable out = mapping.hasWeight() ? z.mul(p.get(weight)) : z;
    return mapping.hasBias() ? out.add(p.get(bias)) : out;
  }

  @Override
  public List<SDVariable> step(int t, List<SDVariable> state, SDVariable elapsed) {
    SDVariable drive0 = driveIn.get(t);
    SDVariable conductance0 = conductanceIn.get(t);
    boolean semiImplicit = !spec.solver().isExplicit();
    // The LTC equation, in split form: the only place the synapse model is written.
    ConductanceOde ode = v -> {
      // v_i spread over the targets j. From 32 units, as a K = 1 matrix product [B·S, 1] x [1, S]:
      // its gradient is a gemm, where that of the broadcast [B, S, 1] x [B, S, S] reduces over j in
      // a slow loop (fit of FC 64: -19%). Below, the broadcast's two ops fewer win (AutoNCP 19
      // rnnTimeStep: 5.2 vs 5.5 ms).
      SDVariable spread = spec.units() >= SPREAD_BY_MATMUL_FROM
          ? sd.reshape(sd.reshape(v, -1, 1).mmul(onesRow), -1, spec.units(), spec.units())
          : sd.expandDims(v, 2);
      SDVariable b = sd.nn.sigmoid(spread.mul(sigma).sub(sigmaMu));
      SDVariable synaptic = b.mul(wMasked).sum(1);
      return new ConductanceOde.Terms(drive0.add(b.mul(wErev).sum(1)),
          semiImplicit ? synaptic : conductance0.add(synaptic));
    };
    SDVariable factor = stepFactor;
    SDVariable factorEps = stepFactorEps;
    if (elapsed != null) {
      factor = spec.solver().isExplicit() ? unitFactor.mul(elapsed) : unitFactor.div(elapsed);
      factorEps = spec.solver().isExplicit() ? null : factor.add(spec.epsilon());
    }
    if (semiImplicit) {
      // The semi-implicit denominator c/h + ε + conductance: its v-independent part (leak and
      // sensory conductance) is added once per step instead of once per unfold.
      factorEps = factorEps.add(conductance0);
    }
    SDVariable v = state.get(0);
    for (int u = 0; u < spec.odeUnfolds(); u++) {
      v = spec.solver().isExplicit()
          ? ExplicitRungeKutta.step(spec.solver().tableau(), ode, v, factor)
          : SemiImplicitEuler.step(ode, v, factor, factorEps);
    }
    return Collections.singletonList(v);
  }

  @Override
  public boolean readoutIsIdentity() {
    return spec.motors() == spec.units() && spec.outputMapping() == LtcMapping.NONE;
  }

  @Override
  public SDVariable readout(SDVariable state) {
    SDVariable motors = spec.motors() == spec.units() ? state
        : state.get(SDIndex.all(), SDIndex.interval(0, spec.motors()));
    return map(motors, spec.outputMapping(), "outputW", "outputb");
  }
}
