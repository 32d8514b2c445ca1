package io.liquid4j.layers;

import io.liquid4j.cells.CellContext;
import io.liquid4j.cells.CellGraph;
import io.liquid4j.cells.CfcCell;
import io.liquid4j.cells.MixedMemoryCell;
import io.liquid4j.cells.WiredCfcCell;
import io.liquid4j.internal.Checks;
import io.liquid4j.internal.ParameterInit;
import io.liquid4j.wiring.Wiring;
import io.liquid4j.wiring.WiringSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * A closed-form continuous-time (CfC) layer on a sparse {@link Wiring}, equal to ncps's {@code
 * ncps.torch.CfC(nIn, wiring)} ({@code WiredCfCCell}): Hasani et al., "Closed-form continuous-time
 * neural networks", Nature Machine Intelligence 4, 2022, on the neural circuit policies of Lechner
 * et al., "Neural circuit policies enabling auditable autonomy", Nature Machine Intelligence 2,
 * 2020. The equations are in {@link WiredCfcCell}; mixed memory in {@link MixedMemoryCell}.
 *
 * <pre>
 * .layer(WiredCfcLayer.builder().wiring(new AutoNcpWiring(16, 2)).build())
 * </pre>
 *
 * <p>The wiring's layers (NCP: inter, command, motor) run in order within each step; every layer is
 * a CfC without backbone whose {@code ff1}/{@code ff2} weights are masked by the wiring. A {@link
 * WiringSpec} is realised for {@code nIn} when it is known (at {@code build()} if {@code nIn} was
 * given, else when the network sets the input type); the configuration stores the realised {@link
 * Wiring} (matrices included) in its JSON, so a saved model keeps its graph. There is no backbone
 * and no activation option (ncps rejects backbone arguments and ignores {@code activation} in wired
 * mode).
 *
 * <p>Shapes: input {@code [B, nIn (+1 with timespansInput), T]} (NCW) or {@code [B, T, nIn]} (NWC);
 * state {@code h [B, S]}, {@code S = wiring.units()}, the layers' states concatenated in layer order
 * (for NCP {@code [inter, command, motor]}, although wiring ids put motor neurons first), plus
 * {@code c [B, S]} with mixed memory; output {@code [B, O, T]} / {@code [B, T, O]} or {@code [B,
 * O]} with {@code returnSequences(false)}: the new state of the last layer, {@code O = n_last}
 * (NCP: the motor neurons). With a single-layer wiring (fully connected, random) the output is all
 * {@code S} units, not {@code outputDim} of them, as ncps torch does. {@code projSize = P} maps the
 * output by a dense layer to {@code O = P} (sized by {@code n_last}; ncps sizes it by {@code
 * outputDim}, which fails for a single-layer wiring with {@code outputDim < units}).
 *
 * <p>Parameters of layer {@code l} ({@code n_l} neurons, input width {@code in_0 = nIn}, {@code
 * in_l = n_(l-1)}; weights {@code [in, out]}, the transpose of torch's {@code Linear.weight}):
 *
 * <table>
 * <caption>parameters</caption>
 * <tr><th>key</th><th>shape</th><th>ncps name</th><th>init</th></tr>
 * <tr><td>layer{l}ff1W layer{l}ff2W layer{l}timeAW layer{l}timeBW</td><td>[in_l + n_l, n_l]</td>
 *     <td>rnn_cell.layer_{l}.ff1/ff2/time_a/time_b.weight</td><td>weightInit</td></tr>
 * <tr><td>layer{l}ff1b ... layer{l}timeBb</td><td>[n_l]</td><td>....bias</td>
 *     <td>U(±1/√(in_l + n_l))</td></tr>
 * <tr><td>layer{l}wTau, layer{l}A (PURE only, instead of ff2/time heads)</td><td>[1, n_l]</td>
 *     <td>rnn_cell.layer_{l}.w_tau, .A</td><td>weightInit</td></tr>
 * <tr><td>fcW, fcb (projSize)</td><td>[n_last, P], [P]</td><td>fc.weight/bias</td>
 *     <td>weightInit, U(±1/√n_last)</td></tr>
 * <tr><td>lstmInputW, lstmInputb, lstmRecurrentW (mixedMemory)</td><td>[F, 4S], [4S], [S, 4S]</td>
 *     <td>lstm.input_map, lstm.recurrent_map</td><td>weightInit, U(±0.1), orthogonal</td></tr>
 * </table>
 *
 * <p>The masks ({@code rnn_cell.layer_{l}.sparsity_mask} in ncps) are graph constants derived from
 * the wiring ({@link #sparsityMask}), not parameters. Use this layer for small, sparse, auditable
 * controllers; for a dense CfC use {@link CfcLayer}.
 */
public class WiredCfcLayer extends AbstractLiquidLayer {

  /** ncps default mode. */
  public static final CfcMode DEFAULT_MODE = CfcMode.DEFAULT;

  private static final String[] HEADS = {"ff1", "ff2", "timeA", "timeB"};

  private Wiring wiring;
  @JsonIgnore
  private WiringSpec spec;
  private CfcMode mode = DEFAULT_MODE;
  private int projSize;
  private boolean mixedMemory;

  /** For JSON. */
  protected WiredCfcLayer() {}

  protected WiredCfcLayer(Builder b) {
    super(b);
    this.spec = b.spec;
    this.wiring = b.wiring;
    this.mode = b.mode;
    this.projSize = b.projSize;
    this.mixedMemory = b.mixedMemory;
    if (spec != null && nIn > 0) {
      this.wiring = spec.build(nIn);
    }
    validate();
  }

  /** A builder with ncps's defaults; {@code wiring(...)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void validate() {
    super.validate();
    String who = describe();
    if (wiring == null && spec == null) {
      throw new IllegalArgumentException(who + ": wiring must be set, got null; pass a WiringSpec "
          + "such as new AutoNcpWiring(16, 2) or a Wiring to the builder's wiring(...)");
    }
    if (wiring != null && nIn > 0 && wiring.inputDim() != nIn) {
      throw new IllegalArgumentException(who + ": wiring input dimension must equal nIn, expected "
          + nIn + ", got " + wiring.inputDim() + "; pass the WiringSpec instead, or build the wiring "
          + "with spec.build(" + nIn + ")");
    }
    Checks.notNull(who, "mode", mode);
    Checks.atLeast(who, "projSize (0 = no projection)", projSize, 0);
  }

  /** Realises the wiring spec for the (new) input size; a realised wiring must already fit. */
  @Override
  public void setNIn(InputType inputType, boolean override) {
    super.setNIn(inputType, override);
    if (spec != null && (wiring == null || wiring.inputDim() != nIn)) {
      wiring = spec.build(nIn);
      setLayerParams(null);
    }
    validate();
  }

  // ---------------------------------------------------------------- shapes and parameters

  private Wiring realised() {
    if (wiring == null) {
      throw new IllegalStateException(describe() + ": the wiring is not realised yet: nIn is not "
          + "set; set it on the builder or call setInputType(InputType.recurrent(nFeatures))");
    }
    return wiring;
  }

  private int[] sizes() {
    return WiredCfcCell.layerSizes(realised());
  }

  private int layerInputs(int l) {
    return l == 0 ? nIn : sizes()[l - 1];
  }

  private int lastLayerSize() {
    int[] sizes = sizes();
    return sizes[sizes.length - 1];
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    int[] sizes = sizes();
    for (int l = 0; l < sizes.length; l++) {
      String k = "layer" + l;
      int in = layerInputs(l) + sizes[l];
      params.addWeightParam(k + "ff1W", in, sizes[l]);
      params.addBiasParam(k + "ff1b", sizes[l]);
      if (mode == CfcMode.PURE) {
        params.addWeightParam(k + "wTau", 1, sizes[l]);
        params.addWeightParam(k + "A", 1, sizes[l]);
      } else {
        for (int h = 1; h < HEADS.length; h++) {
          params.addWeightParam(k + HEADS[h] + "W", in, sizes[l]);
          params.addBiasParam(k + HEADS[h] + "b", sizes[l]);
        }
      }
    }
    int s = realised().units();
    if (projSize > 0) {
      params.addWeightParam("fcW", lastLayerSize(), projSize);
      params.addBiasParam("fcb", projSize);
    }
    if (mixedMemory) {
      params.addWeightParam("lstmInputW", nIn, 4 * s);
      params.addBiasParam("lstmInputb", 4 * s);
      params.addWeightParam("lstmRecurrentW", s, 4 * s);
    }
  }

  /** As ncps: every 2-D weight (wTau and A included) by weightInit, biases as torch's Linear. */
  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      String key = e.getKey();
      INDArray view = e.getValue();
      if (key.equals("lstmRecurrentW")) {
        ParameterInit.orthogonal(view);
      } else if (key.equals("lstmInputb")) {
        ParameterInit.uniform(view, -0.1, 0.1);
      } else if (key.endsWith("W") || key.endsWith("wTau") || key.endsWith("A")) {
        ParameterInit.weight(view, weightInit);
      } else {
        ParameterInit.torchBias(view, biasFanIn(key));
      }
    }
  }

  private long biasFanIn(String biasKey) {
    if (biasKey.equals("fcb")) {
      return lastLayerSize();
    }
    int l = Integer.parseInt(biasKey.substring("layer".length()).replaceAll("\\D.*$", ""));
    return layerInputs(l) + sizes()[l];
  }

  /**
   * The mask of layer {@code l}'s {@code ff1}/{@code ff2} weights, {@code [in_l + n_l, n_l]} in our
   * {@code [in, out]} orientation (the transpose of ncps's {@code sparsity_mask}).
   */
  public double[][] sparsityMask(int l) {
    return WiredCfcCell.sparsityMask(realised(), l);
  }

  @Override
  public CellGraph defineCell(SameDiff sd, Map<String, SDVariable> params, CellContext context) {
    CfcCell.Readout readout = projSize > 0
        ? out -> out.mmul(params.get("fcW")).add(params.get("fcb")) : null;
    WiredCfcCell cell = new WiredCfcCell(sd, new WiredCfcCell.Spec(nIn, realised(), mode), params,
        context, readout);
    return mixedMemory ? new MixedMemoryCell(sd, cell, params, nIn, realised().units()) : cell;
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
    return realised().units();
  }

  @Override
  public int outputSize() {
    return projSize > 0 ? projSize : lastLayerSize();
  }

  // ---------------------------------------------------------------- bean accessors (JSON)

  /** The realised wiring, or null before {@code nIn} is known. */
  public Wiring getWiring() {
    return wiring;
  }

  /** Sets a realised wiring (its input dimension must equal {@code nIn}). */
  public void setWiring(Wiring wiring) {
    this.wiring = wiring;
    this.spec = null;
    setLayerParams(null);
  }

  public CfcMode getMode() {
    return mode;
  }

  public void setMode(CfcMode mode) {
    this.mode = mode;
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
    WiredCfcLayer that = (WiredCfcLayer) o;
    return Objects.equals(wiring, that.wiring) && (wiring != null || Objects.equals(spec, that.spec))
        && mode == that.mode && projSize == that.projSize && mixedMemory == that.mixedMemory;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), wiring, mode, projSize, mixedMemory);
  }

  @Override
  public String toString() {
    return describe() + "{nIn=" + nIn + ", wiring=" + (wiring != null ? wiring : spec)
        + ", mode=" + mode + (projSize > 0 ? ", projSize=" + projSize : "")
        + (mixedMemory ? ", mixedMemory" : "") + ", returnSequences=" + returnSequences
        + (timespansInput ? ", timespansInput" : "") + "}";
  }

  /** Builder of {@link WiredCfcLayer}; options named after ncps's arguments in camelCase. */
  public static final class Builder extends AbstractLiquidLayer.Builder<Builder> {
    private WiringSpec spec;
    private Wiring wiring;
    private CfcMode mode = DEFAULT_MODE;
    private int projSize;
    private boolean mixedMemory;

    /** The wiring generator, realised for {@code nIn} (reusable across layers); required. */
    public Builder wiring(WiringSpec spec) {
      this.spec = spec;
      this.wiring = null;
      return this;
    }

    /** A realised wiring, whose input dimension must equal {@code nIn}; required. */
    public Builder wiring(Wiring wiring) {
      this.wiring = wiring;
      this.spec = null;
      return this;
    }

    /** Update rule (default {@link CfcMode#DEFAULT}). */
    public Builder mode(CfcMode mode) {
      this.mode = mode;
      return this;
    }

    /** Linear projection of every output to this width (default: none). */
    public Builder projSize(int projSize) {
      this.projSize = projSize;
      return this;
    }

    /** Prepend an LSTM memory cell of {@code wiring.units()} to every step (default false). */
    public Builder mixedMemory(boolean mixedMemory) {
      this.mixedMemory = mixedMemory;
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public WiredCfcLayer build() {
      return new WiredCfcLayer(this);
    }
  }
}
