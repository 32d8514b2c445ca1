package io.liquid4j.layers;

import io.liquid4j.cells.CellContext;
import io.liquid4j.cells.CellGraph;
import io.liquid4j.cells.LtcCell;
import io.liquid4j.cells.MixedMemoryCell;
import io.liquid4j.internal.Checks;
import io.liquid4j.solver.LtcSolver;
import io.liquid4j.wiring.FullyConnectedWiring;
import io.liquid4j.wiring.Wiring;
import io.liquid4j.wiring.WiringSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * A liquid time-constant (LTC) recurrent layer on a wiring, equal to ncps's {@code
 * ncps.torch.LTC(nIn, wiring)} with the same defaults: Hasani et al., "Liquid Time-constant
 * Networks", AAAI 2021. The equation is in {@link LtcCell}; mixed memory in {@link MixedMemoryCell}.
 *
 * <pre>
 * .layer(LtcLayer.builder().wiring(new AutoNcpWiring(19, 1)).build())   // or .units(64): fully connected
 * .layer(new RnnOutputLayer.Builder(LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
 * .setInputType(InputType.recurrent(8))
 * </pre>
 *
 * <p>Shapes: input {@code [B, nIn (+1 with timespansInput), T]} (NCW) or {@code [B, T, nIn]} (NWC);
 * output {@code [B, M, T]} / {@code [B, T, M]}, or {@code [B, M]} with {@code returnSequences(false)},
 * {@code M = wiring.outputDim()} (the motor neurons, ids {@code 0..M-1}); state {@code h [B, S]},
 * {@code S = wiring.units()} (and {@code c [B, S]} with mixed memory).
 *
 * <p>The wiring is stored realised (its matrices are in the JSON), made from the {@link WiringSpec}
 * as soon as {@code nIn} is known; its masks are graph constants, not parameters.
 *
 * <table>
 * <caption>parameters (F = nIn, S = units, M = motor neurons)</caption>
 * <tr><th>key</th><th>shape</th><th>ncps name</th><th>init</th></tr>
 * <tr><td>gleak, vleak, cm</td><td>[S]</td><td>rnn_cell.gleak ...</td><td>U[0.001,1], U[-0.2,0.2],
 *     U[0.4,0.6]</td></tr>
 * <tr><td>w, sigma, mu</td><td>[S, S] (row = source)</td><td>rnn_cell.w ...</td><td>U[0.001,1],
 *     U[3,8], U[0.3,0.8]</td></tr>
 * <tr><td>erev</td><td>[S, S]</td><td>rnn_cell.erev</td><td>adjacency polarity</td></tr>
 * <tr><td>sensoryW, sensorySigma, sensoryMu</td><td>[F, S]</td><td>rnn_cell.sensory_w ...</td>
 *     <td>as w, sigma, mu</td></tr>
 * <tr><td>sensoryErev</td><td>[F, S]</td><td>rnn_cell.sensory_erev</td><td>sensory polarity</td></tr>
 * <tr><td>inputW, inputb (LINEAR: W only; NONE: neither)</td><td>[F]</td><td>input_w, input_b</td>
 *     <td>1, 0</td></tr>
 * <tr><td>outputW, outputb</td><td>[M]</td><td>output_w, output_b</td><td>1, 0</td></tr>
 * <tr><td>lstmInputW, lstmInputb, lstmRecurrentW</td><td>[F,4S], [4S], [S,4S]</td><td>lstm.*</td>
 *     <td>weightInit, U(±0.1), orthogonal</td></tr>
 * </table>
 *
 * <p>Ranges are overridable with {@link LtcInitRanges}. Positivity of {@code w, sensoryW, cm,
 * gleak}: with {@code implicitConstraints(true)} (default) the graph uses {@code softplus} of the
 * raw values; with {@code false} the graph uses them as they are and the layer carries a {@link
 * NonNegativeConstraint} on those four keys, which DL4J applies after every update (ncps's {@code
 * apply_weight_constraints()}, ReLU clipping). Use an LTC for small, sparse, interpretable networks
 * (NCP wirings); it is several times slower than a CfC or LSTM of the same size.
 */
public class LtcLayer extends AbstractLiquidLayer {

  /** ncps default number of solver sub-steps per time step. */
  public static final int DEFAULT_ODE_UNFOLDS = 6;
  /** ncps default epsilon in the semi-implicit denominator. */
  public static final double DEFAULT_EPSILON = 1e-8;
  /** ncps's layer default: softplus on the positive parameters. */
  public static final boolean DEFAULT_IMPLICIT_CONSTRAINTS = true;
  /** ncps default input and output mapping. */
  public static final LtcMapping DEFAULT_MAPPING = LtcMapping.AFFINE;
  /** Default solver: ncps's fused semi-implicit step. */
  public static final LtcSolver DEFAULT_SOLVER = LtcSolver.SEMI_IMPLICIT;
  /** The parameters kept non-negative (softplus or clipping). */
  /**
   * Default longest unrolled chunk of an LTC: 8, not 32. The gradient pass holds every
   * intermediate {@code [B, S, S]} synapse tensor of a chunk's {@code C x odeUnfolds} solver steps:
   * measured for a fully connected 64-unit LTC at batch 32 (float), a training step needs about 1.5
   * GB at chunks of 8 steps, 3.9 GB at 16, and more than 24 GB at 32.
   */
  public static final int DEFAULT_LTC_MAX_CHUNK_LENGTH = 8;

  public static final Set<String> POSITIVE_PARAMETERS = Set.of("w", "sensoryW", "cm", "gleak");

  private Wiring wiring;
  @JsonIgnore
  private transient WiringSpec wiringSpec;
  private int odeUnfolds = DEFAULT_ODE_UNFOLDS;
  private double epsilon = DEFAULT_EPSILON;
  private boolean implicitConstraints = DEFAULT_IMPLICIT_CONSTRAINTS;
  private LtcMapping inputMapping = DEFAULT_MAPPING;
  private LtcMapping outputMapping = DEFAULT_MAPPING;
  private boolean mixedMemory;
  private LtcSolver solver = DEFAULT_SOLVER;
  private LtcInitRanges initRanges = LtcInitRanges.defaults();

  /** For JSON. */
  protected LtcLayer() {
    this.maxChunkLength = DEFAULT_LTC_MAX_CHUNK_LENGTH;
  }

  protected LtcLayer(Builder b) {
    super(b);
    String who = describe();
    int given = (b.units != null ? 1 : 0) + (b.wiringSpec != null ? 1 : 0) + (b.wiring != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException(who + ": set exactly one of units(n) and wiring(...), got "
          + (given == 0 ? "neither" : "both"));
    }
    if (b.units != null) {
      Checks.atLeast(who, "units", b.units, 1);
    }
    this.wiringSpec = b.units != null ? new FullyConnectedWiring(b.units) : b.wiringSpec;
    this.wiring = b.wiring;
    this.odeUnfolds = b.odeUnfolds;
    this.epsilon = b.epsilon;
    this.implicitConstraints = b.implicitConstraints;
    this.inputMapping = b.inputMapping;
    this.outputMapping = b.outputMapping;
    this.mixedMemory = b.mixedMemory;
    this.solver = b.solver;
    this.initRanges = b.initRanges;
    deriveConstraints();
    realiseWiring();
    validate();
  }

  /** A builder with ncps's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  private void realiseWiring() {
    if (wiringSpec != null && nIn > 0 && (wiring == null || wiring.inputDim() != nIn)) {
      wiring = wiringSpec.build(nIn);
    }
  }

  @Override
  public void validate() {
    super.validate();
    String who = describe();
    if (wiring == null && wiringSpec == null) {
      throw new IllegalArgumentException(who + ": wiring must be set, got null: call units(n) or "
          + "wiring(...) on the builder");
    }
    if (wiring != null && nIn > 0 && wiring.inputDim() != nIn) {
      throw new IllegalArgumentException(who + ": wiring input dimension must equal nIn=" + nIn
          + ", got " + wiring.inputDim() + " (pass a WiringSpec to realise it for this input)");
    }
    Checks.atLeast(who, "odeUnfolds", odeUnfolds, 1);
    if (!(epsilon >= 0 && Double.isFinite(epsilon))) {
      throw new IllegalArgumentException(who + ": epsilon must be >= 0, got " + epsilon);
    }
    Checks.notNull(who, "inputMapping", inputMapping);
    Checks.notNull(who, "outputMapping", outputMapping);
    Checks.notNull(who, "solver", solver);
    Checks.notNull(who, "initRanges", initRanges).check(who);
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    super.setNIn(inputType, override);
    realiseWiring();
    validate();
  }

  @Override
  public void setNIn(int nIn) {
    super.setNIn(nIn);
    realiseWiring();
  }

  // ---------------------------------------------------------------- parameters and cell

  @Override
  public void defineParameters(SDLayerParams params) {
    LtcParameters.define(params, nIn, stateSize(), outputSize(), inputMapping, outputMapping,
        mixedMemory);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    LtcParameters.initialize(params, wiring, initRanges, weightInit);
  }

  @Override
  public CellGraph defineCell(SameDiff sd, Map<String, SDVariable> params, CellContext context) {
    LtcCell cell = new LtcCell(sd, new LtcCell.Spec(nIn, stateSize(), outputSize(), odeUnfolds,
        epsilon, implicitConstraints, inputMapping, outputMapping, solver), params,
        LtcParameters.mask(wiring.adjacency(), context.dataType()),
        LtcParameters.mask(wiring.sensoryAdjacency(), context.dataType()));
    return mixedMemory ? new MixedMemoryCell(sd, cell, params, nIn, stateSize()) : cell;
  }

  /**
   * The layer's DL4J constraints: the clipping of {@link #POSITIVE_PARAMETERS} to {@code >= 0} after
   * every update when implicit constraints are off, else none. Derived from {@code
   * implicitConstraints} (and kept in DL4J's field, which {@code LayerValidation} reads directly),
   * hence not written to JSON.
   */
  @Override
  @JsonIgnore
  public List<LayerConstraint> getConstraints() {
    return super.getConstraints();
  }

  private void deriveConstraints() {
    if (implicitConstraints) {
      this.constraints = null;
    } else {
      NonNegativeConstraint clip = new NonNegativeConstraint();
      clip.setParams(new HashSet<>(POSITIVE_PARAMETERS));
      this.constraints = new ArrayList<>(List.of(clip));
    }
  }

  @Override
  public boolean usesDropoutInGraph() {
    return false;
  }

  @Override
  public List<String> stateKeys() {
    return mixedMemory ? List.of("h", "c") : List.of("h");
  }

  @Override
  public int stateSize() {
    return wiring != null ? wiring.units() : wiringSpec.units();
  }

  @Override
  public int outputSize() {
    return wiring != null ? wiring.outputDim() : wiringSpec.outputDim();
  }

  // ---------------------------------------------------------------- bean accessors (JSON)

  /** The realised wiring, or null until {@code nIn} is known. */
  public Wiring getWiring() {
    return wiring;
  }

  public void setWiring(Wiring wiring) {
    this.wiring = wiring;
  }

  public int getOdeUnfolds() {
    return odeUnfolds;
  }

  public void setOdeUnfolds(int odeUnfolds) {
    this.odeUnfolds = odeUnfolds;
  }

  public double getEpsilon() {
    return epsilon;
  }

  public void setEpsilon(double epsilon) {
    this.epsilon = epsilon;
  }

  public boolean isImplicitConstraints() {
    return implicitConstraints;
  }

  public void setImplicitConstraints(boolean implicitConstraints) {
    this.implicitConstraints = implicitConstraints;
    deriveConstraints();
  }

  public LtcMapping getInputMapping() {
    return inputMapping;
  }

  public void setInputMapping(LtcMapping inputMapping) {
    this.inputMapping = inputMapping;
  }

  public LtcMapping getOutputMapping() {
    return outputMapping;
  }

  public void setOutputMapping(LtcMapping outputMapping) {
    this.outputMapping = outputMapping;
  }

  public boolean isMixedMemory() {
    return mixedMemory;
  }

  public void setMixedMemory(boolean mixedMemory) {
    this.mixedMemory = mixedMemory;
  }

  public LtcSolver getSolver() {
    return solver;
  }

  public void setSolver(LtcSolver solver) {
    this.solver = solver;
  }

  public LtcInitRanges getInitRanges() {
    return initRanges;
  }

  public void setInitRanges(LtcInitRanges initRanges) {
    this.initRanges = initRanges;
  }

  @Override
  public boolean equals(Object o) {
    if (!super.equals(o)) {
      return false;
    }
    LtcLayer that = (LtcLayer) o;
    return Objects.equals(wiring, that.wiring)
        && (wiring != null || Objects.equals(wiringSpec, that.wiringSpec))
        && odeUnfolds == that.odeUnfolds && Double.compare(epsilon, that.epsilon) == 0
        && implicitConstraints == that.implicitConstraints && inputMapping == that.inputMapping
        && outputMapping == that.outputMapping && mixedMemory == that.mixedMemory
        && solver == that.solver && Objects.equals(initRanges, that.initRanges);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), wiring, odeUnfolds, epsilon, implicitConstraints,
        inputMapping, outputMapping, mixedMemory, solver, initRanges);
  }

  @Override
  public String toString() {
    return describe() + "{nIn=" + nIn + ", wiring=" + (wiring != null ? wiring : wiringSpec)
        + ", solver=" + solver + " x" + odeUnfolds + ", epsilon=" + epsilon
        + ", implicitConstraints=" + implicitConstraints + ", mapping=" + inputMapping + "/"
        + outputMapping + (mixedMemory ? ", mixedMemory" : "") + ", returnSequences="
        + returnSequences + (timespansInput ? ", timespansInput" : "") + "}";
  }

  /** Builder of {@link LtcLayer}; options named after ncps's arguments in camelCase. */
  public static final class Builder extends AbstractLiquidLayer.Builder<Builder> {
    {
      maxChunkLength = DEFAULT_LTC_MAX_CHUNK_LENGTH;
    }

    private Integer units;
    private WiringSpec wiringSpec;
    private Wiring wiring;
    private int odeUnfolds = DEFAULT_ODE_UNFOLDS;
    private double epsilon = DEFAULT_EPSILON;
    private boolean implicitConstraints = DEFAULT_IMPLICIT_CONSTRAINTS;
    private LtcMapping inputMapping = DEFAULT_MAPPING;
    private LtcMapping outputMapping = DEFAULT_MAPPING;
    private boolean mixedMemory;
    private LtcSolver solver = DEFAULT_SOLVER;
    private LtcInitRanges initRanges = LtcInitRanges.defaults();

    /** {@code units} fully connected neurons, all outputs ({@code new FullyConnectedWiring(units)}). */
    public Builder units(int units) {
      this.units = units;
      return this;
    }

    /** A wiring generator, realised for this layer's {@code nIn}. */
    public Builder wiring(WiringSpec spec) {
      this.wiringSpec = spec;
      return this;
    }

    /** A realised wiring; its input dimension must equal {@code nIn}. */
    public Builder wiring(Wiring wiring) {
      this.wiring = wiring;
      return this;
    }

    /** Solver sub-steps per time step (default 6). */
    public Builder odeUnfolds(int odeUnfolds) {
      this.odeUnfolds = odeUnfolds;
      return this;
    }

    /** Added to the semi-implicit denominator (default 1e-8). */
    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    /** Softplus on w, sensoryW, cm, gleak (true, default) or clipping after updates (false). */
    public Builder implicitConstraints(boolean implicitConstraints) {
      this.implicitConstraints = implicitConstraints;
      return this;
    }

    /** Map of the inputs (default affine). */
    public Builder inputMapping(LtcMapping inputMapping) {
      this.inputMapping = inputMapping;
      return this;
    }

    /** Map of the motor neurons' states to outputs (default affine). */
    public Builder outputMapping(LtcMapping outputMapping) {
      this.outputMapping = outputMapping;
      return this;
    }

    /** Prepend an LSTM memory cell to every step (default false). */
    public Builder mixedMemory(boolean mixedMemory) {
      this.mixedMemory = mixedMemory;
      return this;
    }

    /** The ODE scheme (default {@link LtcSolver#SEMI_IMPLICIT}, ncps's). */
    public Builder solver(LtcSolver solver) {
      this.solver = solver;
      return this;
    }

    /** Initialisation ranges (default ncps's). */
    public Builder initRanges(LtcInitRanges initRanges) {
      this.initRanges = initRanges;
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public LtcLayer build() {
      return new LtcLayer(this);
    }
  }
}
