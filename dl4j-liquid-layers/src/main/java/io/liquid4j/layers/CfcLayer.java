package io.liquid4j.layers;

import io.liquid4j.cells.CellContext;
import io.liquid4j.cells.CellGraph;
import io.liquid4j.cells.CfcCell;
import io.liquid4j.cells.MixedMemoryCell;
import io.liquid4j.internal.Checks;
import io.liquid4j.internal.ParameterInit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A closed-form continuous-time (CfC) recurrent layer, equal to ncps's {@code ncps.torch.CfC(nIn,
 * units)} with the same defaults: Hasani et al., "Closed-form continuous-time neural networks",
 * Nature Machine Intelligence 4, 2022. The cell's equations are in {@link CfcCell}; mixed memory in
 * {@link MixedMemoryCell}.
 *
 * <pre>
 * MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
 *     .updater(new Adam(1e-3)).list()
 *     .layer(CfcLayer.builder().units(64).build())
 *     .layer(new RnnOutputLayer.Builder(LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
 *     .setInputType(InputType.recurrent(8))
 *     .build();
 * </pre>
 *
 * <p>Shapes: input {@code [B, nIn (+1 with timespansInput), T]} (NCW) or {@code [B, T, nIn]} (NWC);
 * output {@code [B, O, T]} / {@code [B, T, O]}, or {@code [B, O]} with {@code returnSequences(false)};
 * {@code O = projSize} if set, else {@code units}. State {@code h [B, units]} (and {@code c [B,
 * units]} with mixed memory).
 *
 * <p>Parameters ({@code D0 = nIn + units}; {@code D = backboneUnits}, or {@code D0} without backbone;
 * weights {@code [in, out]}, the transpose of torch's {@code Linear.weight}):
 *
 * <table>
 * <caption>parameters</caption>
 * <tr><th>key</th><th>shape</th><th>ncps name</th><th>init</th></tr>
 * <tr><td>backbone{l}W, backbone{l}b</td><td>[D0 or U, U], [U]</td><td>backbone.{k}.weight/bias</td>
 *     <td>weightInit, U(±1/√fanIn)</td></tr>
 * <tr><td>ff1W ff2W timeAW timeBW, ...b</td><td>[D, S], [S]</td><td>ff1 ff2 time_a time_b</td>
 *     <td>weightInit, U(±1/√D)</td></tr>
 * <tr><td>wTau, A (PURE only, instead of ff2/time heads)</td><td>[1, S]</td><td>w_tau, A</td>
 *     <td>weightInit</td></tr>
 * <tr><td>fcW, fcb (projSize)</td><td>[S, P], [P]</td><td>fc.weight/bias</td>
 *     <td>weightInit, U(±1/√S)</td></tr>
 * <tr><td>lstmInputW, lstmInputb, lstmRecurrentW (mixedMemory)</td><td>[F, 4S], [4S], [S, 4S]</td>
 *     <td>lstm.input_map, lstm.recurrent_map</td><td>weightInit, U(±0.1), orthogonal</td></tr>
 * </table>
 *
 * <p>Use it where an LSTM or GRU would go, especially for irregularly sampled series (elapsed times
 * through {@link TimespanInputs}). For sparse, interpretable wirings use a wired CfC or an LTC.
 */
public class CfcLayer extends AbstractLiquidLayer {

  /** ncps default backbone width. */
  public static final int DEFAULT_BACKBONE_UNITS = 128;
  /** ncps default number of backbone layers. */
  public static final int DEFAULT_BACKBONE_LAYERS = 1;
  /** ncps default backbone dropout. */
  public static final double DEFAULT_BACKBONE_DROPOUT = 0.0;
  /** ncps default backbone activation. */
  public static final BackboneActivation DEFAULT_ACTIVATION = BackboneActivation.LECUN_TANH;
  /** ncps default mode. */
  public static final CfcMode DEFAULT_MODE = CfcMode.DEFAULT;

  private static final String[] HEADS = {"ff1", "ff2", "timeA", "timeB"};

  private int units;
  private CfcMode mode = DEFAULT_MODE;
  private int backboneUnits = DEFAULT_BACKBONE_UNITS;
  private int backboneLayers = DEFAULT_BACKBONE_LAYERS;
  private double backboneDropout = DEFAULT_BACKBONE_DROPOUT;
  private BackboneActivation backboneActivation = DEFAULT_ACTIVATION;
  private int projSize;
  private boolean mixedMemory;

  /** For JSON. */
  protected CfcLayer() {}

  protected CfcLayer(Builder b) {
    super(b);
    this.units = b.units;
    this.mode = b.mode;
    this.backboneUnits = b.backboneUnits;
    this.backboneLayers = b.backboneLayers;
    this.backboneDropout = b.backboneDropout;
    this.backboneActivation = b.backboneActivation;
    this.projSize = b.projSize;
    this.mixedMemory = b.mixedMemory;
    validate();
    initializeBuilderConstraints(b);
  }

  /** A builder with ncps's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void validate() {
    super.validate();
    String who = describe();
    Checks.atLeast(who, "units", units, 1);
    Checks.notNull(who, "mode", mode);
    Checks.notNull(who, "backboneActivation", backboneActivation);
    Checks.atLeast(who, "backboneLayers", backboneLayers, 0);
    if (backboneLayers > 0) {
      Checks.atLeast(who, "backboneUnits", backboneUnits, 1);
    }
    Checks.inRangeHalfOpen(who, "backboneDropout", backboneDropout, 0.0, 1.0);
    if (backboneDropout > 0 && backboneLayers < 2) {
      throw new IllegalArgumentException(who + ": backboneDropout acts after backbone layers 2.."
          + "backboneLayers (as in ncps), so it needs backboneLayers >= 2, got backboneLayers="
          + backboneLayers + " with backboneDropout=" + backboneDropout
          + "; use the layer's dropOut(...) for input dropout");
    }
    Checks.atLeast(who, "projSize (0 = no projection)", projSize, 0);
  }

  // ---------------------------------------------------------------- shapes and parameters

  private int headInputs() {
    return backboneLayers > 0 ? backboneUnits : nIn + units;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    int in = nIn + units;
    for (int l = 0; l < backboneLayers; l++) {
      params.addWeightParam("backbone" + l + "W", in, backboneUnits);
      params.addBiasParam("backbone" + l + "b", backboneUnits);
      in = backboneUnits;
    }
    if (mode == CfcMode.PURE) {
      params.addWeightParam("ff1W", headInputs(), units);
      params.addBiasParam("ff1b", units);
      params.addWeightParam("wTau", 1, units);
      params.addWeightParam("A", 1, units);
    } else {
      for (String head : HEADS) {
        params.addWeightParam(head + "W", headInputs(), units);
        params.addBiasParam(head + "b", units);
      }
    }
    if (projSize > 0) {
      params.addWeightParam("fcW", units, projSize);
      params.addBiasParam("fcb", projSize);
    }
    if (mixedMemory) {
      params.addWeightParam("lstmInputW", nIn, 4 * units);
      params.addBiasParam("lstmInputb", 4 * units);
      params.addWeightParam("lstmRecurrentW", units, 4 * units);
    }
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      String key = e.getKey();
      INDArray view = e.getValue();
      if (key.equals("lstmRecurrentW")) {
        ParameterInit.orthogonal(view);
      } else if (key.equals("lstmInputb")) {
        ParameterInit.uniform(view, -0.1, 0.1);
      } else if (getLayerParams().isWeightParam(key)) { // every W, and wTau and A in PURE
        ParameterInit.weight(view, weightInit);
      } else {
        ParameterInit.torchBias(view, biasFanIn(key));
      }
    }
  }

  private long biasFanIn(String biasKey) {
    if (biasKey.startsWith("backbone")) {
      return biasKey.equals("backbone0b") ? nIn + units : backboneUnits;
    }
    return biasKey.equals("fcb") ? units : headInputs();
  }

  @Override
  public CellGraph defineCell(SameDiff sd, Map<String, SDVariable> params, CellContext context) {
    CfcCell.Readout readout = projSize > 0
        ? state -> state.mmul(params.get("fcW")).add(params.get("fcb")) : null;
    CfcCell cell = new CfcCell(sd, new CfcCell.Spec(nIn, units, mode, backboneUnits,
        backboneLayers, backboneActivation, backboneDropout), params, context, readout);
    return mixedMemory ? new MixedMemoryCell(sd, cell, params, nIn, units) : cell;
  }

  @Override
  public boolean usesDropoutInGraph() {
    return backboneDropout > 0 && backboneLayers > 1;
  }

  @Override
  public List<String> stateKeys() {
    return mixedMemory ? List.of("h", "c") : List.of("h");
  }

  @Override
  public int stateSize() {
    return units;
  }

  @Override
  public int outputSize() {
    return projSize > 0 ? projSize : units;
  }

  // ---------------------------------------------------------------- bean accessors (JSON)

  public int getUnits() {
    return units;
  }

  public void setUnits(int units) {
    this.units = units;
  }

  public CfcMode getMode() {
    return mode;
  }

  public void setMode(CfcMode mode) {
    this.mode = mode;
  }

  public int getBackboneUnits() {
    return backboneUnits;
  }

  public void setBackboneUnits(int backboneUnits) {
    this.backboneUnits = backboneUnits;
  }

  public int getBackboneLayers() {
    return backboneLayers;
  }

  public void setBackboneLayers(int backboneLayers) {
    this.backboneLayers = backboneLayers;
  }

  public double getBackboneDropout() {
    return backboneDropout;
  }

  public void setBackboneDropout(double backboneDropout) {
    this.backboneDropout = backboneDropout;
  }

  public BackboneActivation getBackboneActivation() {
    return backboneActivation;
  }

  public void setBackboneActivation(BackboneActivation backboneActivation) {
    this.backboneActivation = backboneActivation;
  }

  public int getProjSize() {
    return projSize;
  }

  public void setProjSize(int projSize) {
    this.projSize = projSize;
  }

  public boolean isMixedMemory() {
    return mixedMemory;
  }

  public void setMixedMemory(boolean mixedMemory) {
    this.mixedMemory = mixedMemory;
  }

  @Override
  public boolean equals(Object o) {
    if (!super.equals(o)) {
      return false;
    }
    CfcLayer that = (CfcLayer) o;
    return units == that.units && mode == that.mode && backboneUnits == that.backboneUnits
        && backboneLayers == that.backboneLayers
        && Double.compare(backboneDropout, that.backboneDropout) == 0
        && backboneActivation == that.backboneActivation && projSize == that.projSize
        && mixedMemory == that.mixedMemory;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), units, mode, backboneUnits, backboneLayers,
        backboneDropout, backboneActivation, projSize, mixedMemory);
  }

  @Override
  public String toString() {
    return describe() + "{nIn=" + nIn + ", units=" + units + ", mode=" + mode
        + ", backbone=" + backboneLayers + "x" + backboneUnits + " " + backboneActivation
        + (backboneDropout > 0 ? " dropout " + backboneDropout : "")
        + (projSize > 0 ? ", projSize=" + projSize : "") + (mixedMemory ? ", mixedMemory" : "")
        + ", returnSequences=" + returnSequences + (timespansInput ? ", timespansInput" : "")
        + "}";
  }

  /** Builder of {@link CfcLayer}; options named after ncps's arguments in camelCase. */
  public static final class Builder extends AbstractLiquidLayer.Builder<Builder> {
    private int units;
    private CfcMode mode = DEFAULT_MODE;
    private int backboneUnits = DEFAULT_BACKBONE_UNITS;
    private int backboneLayers = DEFAULT_BACKBONE_LAYERS;
    private double backboneDropout = DEFAULT_BACKBONE_DROPOUT;
    private BackboneActivation backboneActivation = DEFAULT_ACTIVATION;
    private int projSize;
    private boolean mixedMemory;

    /** Number of CfC units (the state size); required. */
    public Builder units(int units) {
      this.units = units;
      return this;
    }

    /** Update rule (default {@link CfcMode#DEFAULT}). */
    public Builder mode(CfcMode mode) {
      this.mode = mode;
      return this;
    }

    /** Width of every backbone layer (default 128). */
    public Builder backboneUnits(int backboneUnits) {
      this.backboneUnits = backboneUnits;
      return this;
    }

    /** Number of backbone layers (default 1; 0: the heads read {@code [x, h]} directly). */
    public Builder backboneLayers(int backboneLayers) {
      this.backboneLayers = backboneLayers;
      return this;
    }

    /** Dropout rate after backbone layers 2..L, while training only (default 0). */
    public Builder backboneDropout(double backboneDropout) {
      this.backboneDropout = backboneDropout;
      return this;
    }

    /** Backbone activation (default lecun_tanh). */
    public Builder backboneActivation(BackboneActivation backboneActivation) {
      this.backboneActivation = backboneActivation;
      return this;
    }

    /** Linear projection of every output to this width (default: none). */
    public Builder projSize(int projSize) {
      this.projSize = projSize;
      return this;
    }

    /** Prepend an LSTM memory cell to every step (default false). */
    public Builder mixedMemory(boolean mixedMemory) {
      this.mixedMemory = mixedMemory;
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CfcLayer build() {
      return new CfcLayer(this);
    }
  }
}
