package io.liquid4j.layers;

import io.liquid4j.cells.CellContext;
import io.liquid4j.cells.CellGraph;
import io.liquid4j.cells.GruCell;
import io.liquid4j.internal.Checks;
import io.liquid4j.internal.ParameterInit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A gated recurrent unit (GRU) layer with the equations, gate order and default initialisation of
 * PyTorch's {@code torch.nn.GRU(nIn, units, batch_first=...)} (one layer, unidirectional): Cho et
 * al., "Learning phrase representations using RNN encoder-decoder for statistical machine
 * translation", EMNLP 2014. The baseline next to LSTM, CfC and LTC in one network family (DL4J
 * 1.0.0-M2.1 has no GRU layer). The equations are in {@link GruCell}:
 *
 * <pre>
 *   r = σ(x W_ir + b_ir + h W_hr + b_hr)
 *   z = σ(x W_iz + b_iz + h W_hz + b_hz)
 *   n = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * <pre>
 * MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
 *     .updater(new Adam(1e-3)).list()
 *     .layer(GruLayer.builder().units(64).build())
 *     .layer(new RnnOutputLayer.Builder(LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
 *     .setInputType(InputType.recurrent(8))
 *     .build();
 * </pre>
 *
 * <p>Shapes: input {@code [B, nIn, T]} (NCW) or {@code [B, T, nIn]} (NWC); output {@code [B, S, T]}
 * / {@code [B, T, S]}, or {@code [B, S]} with {@code returnSequences(false)} (the last valid step
 * under a mask); state {@code h [B, S]}, {@code S = units}. Masks, chunking, {@code rnnTimeStep},
 * truncated BPTT and initial states come from the liquid runtime as for every liquid layer.
 *
 * <p>Parameters (columns of every matrix and bias in blocks {@code r | z | n} of {@code S}, PyTorch's
 * order; weights {@code [in, out]}, the transpose of PyTorch's):
 *
 * <table>
 * <caption>parameters</caption>
 * <tr><th>key</th><th>shape</th><th>PyTorch name</th><th>init</th></tr>
 * <tr><td>inputW</td><td>[F, 3S]</td><td>weight_ih_l0 [3S, F], transposed</td>
 *     <td>U(±1/√S), or weightInit</td></tr>
 * <tr><td>recurrentW</td><td>[S, 3S]</td><td>weight_hh_l0 [3S, S], transposed</td>
 *     <td>U(±1/√S), or weightInit</td></tr>
 * <tr><td>inputb</td><td>[3S]</td><td>bias_ih_l0</td><td>U(±1/√S)</td></tr>
 * <tr><td>recurrentb</td><td>[3S]</td><td>bias_hh_l0</td><td>U(±1/√S)</td></tr>
 * </table>
 *
 * <p>Both biases are kept, as in PyTorch: {@code b_hn} sits inside {@code r ⊙ (...)}, so it is not
 * redundant with {@code b_in} (the {@code r} and {@code z} parts are, and train alike). Importing a
 * PyTorch GRU: {@code inputW = weight_ih_l0.T}, {@code recurrentW = weight_hh_l0.T}, biases as they
 * are. Initialisation: by default PyTorch's, {@code U(-1/√S, 1/√S)} for all four; {@code
 * weightInit(...)} replaces it for the two matrices (applied to the fused {@code [in, 3S]} matrix,
 * as Keras does), the biases keep PyTorch's.
 *
 * <p>Not supported: {@code timespansInput(true)} fails at build time: a GRU has no notion of elapsed
 * time, and silently ignoring Δt (or feeding it as a feature) would not be what the option
 * promises. For irregular sampling use {@link CfcLayer}; to give a GRU the gaps anyway, feed them as
 * an ordinary input feature with {@code timespansInput(false)}.
 */
public class GruLayer extends AbstractLiquidLayer {

  /** Default of {@code weightInit}: null, meaning PyTorch's {@code U(±1/√units)}. */
  public static final WeightInit DEFAULT_GRU_WEIGHT_INIT = null;

  private int units;

  /** For JSON. */
  protected GruLayer() {
    this.weightInit = DEFAULT_GRU_WEIGHT_INIT;
  }

  protected GruLayer(Builder b) {
    super(b);
    this.units = b.units;
    validate();
  }

  /** A builder with PyTorch's defaults; {@code units} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void validate() {
    super.validate();
    String who = describe();
    Checks.atLeast(who, "units", units, 1);
    if (timespansInput) {
      throw new IllegalArgumentException(who + ": timespansInput must be false, got true: a GRU "
          + "has no notion of elapsed time; use CfcLayer for irregularly sampled series, or feed "
          + "the elapsed time as an ordinary input feature");
    }
  }

  @Override
  protected boolean weightInitOptional() {
    return true;
  }

  // ---------------------------------------------------------------- shapes and parameters

  @Override
  public void defineParameters(SDLayerParams params) {
    params.addWeightParam("inputW", nIn, 3L * units);
    params.addWeightParam("recurrentW", units, 3L * units);
    params.addBiasParam("inputb", 3L * units);
    params.addBiasParam("recurrentb", 3L * units);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    double bound = 1.0 / Math.sqrt(units);
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      INDArray view = e.getValue();
      if (weightInit != null && getLayerParams().isWeightParam(e.getKey())) {
        ParameterInit.weight(view, weightInit);
      } else { // torch.nn.GRU.reset_parameters: every parameter U(-1/sqrt(S), 1/sqrt(S))
        ParameterInit.uniform(view, -bound, bound);
      }
    }
  }

  @Override
  public CellGraph defineCell(SameDiff sd, Map<String, SDVariable> params, CellContext context) {
    return new GruCell(sd, params.get("inputW"), params.get("inputb"), params.get("recurrentW"),
        params.get("recurrentb"), nIn, units);
  }

  @Override
  public boolean usesDropoutInGraph() {
    return false;
  }

  @Override
  public List<String> stateKeys() {
    return List.of("h");
  }

  @Override
  public int stateSize() {
    return units;
  }

  @Override
  public int outputSize() {
    return units;
  }

  // ---------------------------------------------------------------- bean accessors (JSON)

  /** Number of GRU units, the state size {@code S}. */
  public int getUnits() {
    return units;
  }

  /** For JSON. */
  public void setUnits(int units) {
    this.units = units;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && units == ((GruLayer) o).units;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), units);
  }

  @Override
  public String toString() {
    return describe() + "{nIn=" + nIn + ", units=" + units + ", returnSequences="
        + returnSequences + ", weightInit=" + (weightInit == null ? "PyTorch U(±1/√units)"
        : weightInit) + "}";
  }

  /** Builder of {@link GruLayer}. */
  public static final class Builder extends AbstractLiquidLayer.Builder<Builder> {
    private int units;

    /** PyTorch's defaults: {@code weightInit} unset (U(±1/√units)). */
    public Builder() {
      this.weightInit = DEFAULT_GRU_WEIGHT_INIT;
    }

    /** Number of GRU units (the state size, PyTorch's {@code hidden_size}); required. */
    public Builder units(int units) {
      this.units = units;
      return this;
    }

    /**
     * Initialisation of {@code inputW} and {@code recurrentW} (default null: PyTorch's {@code
     * U(±1/√units)}); biases always use PyTorch's.
     */
    @Override
    public Builder weightInit(WeightInit weightInit) {
      return super.weightInit(weightInit);
    }

    @Override
    @SuppressWarnings("unchecked")
    public GruLayer build() {
      return new GruLayer(this);
    }
  }
}
