package io.liquid4j.layers;

import io.liquid4j.internal.BidirectionalLiquidParams;
import io.liquid4j.internal.Checks;
import io.liquid4j.runtime.BidirectionalLiquidRecurrentLayer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Runs a liquid layer in both directions and merges the two outputs with DL4J's {@link
 * Bidirectional.Mode}: DL4J's own {@code Bidirectional} accepts built-in recurrent layers only.
 *
 * <pre>
 * .layer(BidirectionalLiquidLayer.builder()
 *     .layer(CfcLayer.builder().units(16).build())
 *     .mode(Bidirectional.Mode.CONCAT).build())
 * </pre>
 *
 * <p>As in DL4J, the configuration holds two copies of the wrapped layer: the forward one reads
 * {@code x[0..T-1]}, the backward one the time-reversed sequence {@code x[T-1..0]}; its output is
 * reversed back, so step {@code t} of both outputs lines up, and {@code out = merge(fwd, bwd)}:
 * {@code CONCAT} stacks features ({@code [B, 2O, T]}), {@code ADD} {@code fwd + bwd}, {@code MUL}
 * {@code fwd * bwd}, {@code AVERAGE} {@code (fwd + bwd) / 2} ({@code [B, O, T]}). NWC works alike.
 * With {@code returnSequences(false)} on the wrapped layer each direction gives its last valid step
 * ({@code [B, O]} or {@code [B, 2O]}): for the backward one, the step that read {@code x[0]}.
 *
 * <p>Masks: as DL4J's {@code BidirectionalLayer}, the whole padded sequence and its mask are
 * reversed. A liquid layer holds its state over masked steps and starts from zeros, so for a
 * sequence padded at the end the backward output at every valid step equals running the backward
 * layer on the valid steps alone, reversed. Outputs at masked steps are not meaningful (they stay
 * masked downstream).
 *
 * <p>Parameters: the keys of the wrapped layer prefixed {@code f} (forward) and {@code b} (backward),
 * as DL4J does, e.g. {@code fff1W} and {@code bff1W}; the forward block comes first, each block laid
 * out as in the wrapped layer. Updaters, regularisation and gradient normalisation are those of the
 * wrapped layer (filled from the network's defaults where unset).
 *
 * <p>Not supported: {@code rnnTimeStep} and truncated BPTT (the backward direction needs the whole
 * sequence; they throw {@link UnsupportedOperationException}), and {@code timespansInput} (the
 * elapsed time of a reversed step would have to come from the neighbouring step).
 */
public class BidirectionalLiquidLayer extends AbstractSameDiffLayer {

  /** Default merge mode, as DL4J's {@code Bidirectional}. */
  public static final Bidirectional.Mode DEFAULT_MODE = Bidirectional.Mode.CONCAT;
  /** Prefix of the forward direction's parameter keys (DL4J's). */
  public static final String FORWARD_PREFIX = BidirectionalParamInitializer.FORWARD_PREFIX;
  /** Prefix of the backward direction's parameter keys (DL4J's). */
  public static final String BACKWARD_PREFIX = BidirectionalParamInitializer.BACKWARD_PREFIX;

  private AbstractLiquidLayer fwd;
  private AbstractLiquidLayer bwd;
  private Bidirectional.Mode mode = DEFAULT_MODE;

  /** For JSON. */
  protected BidirectionalLiquidLayer() {}

  protected BidirectionalLiquidLayer(Builder b) {
    this.layerName = b.name;
    this.mode = b.mode;
    this.fwd = b.layer == null ? null : (AbstractLiquidLayer) b.layer.clone();
    validate();
    this.bwd = (AbstractLiquidLayer) fwd.clone();
    if (layerName != null) {
      setLayerName(layerName);
    }
  }

  /** A builder; {@code layer} is required, the mode defaults to CONCAT. */
  public static Builder builder() {
    return new Builder();
  }

  /** Checks every setting; called by the builder and again before a runtime layer is made. */
  public void validate() {
    String who = describe();
    Checks.notNull(who, "layer", fwd);
    Checks.notNull(who, "mode", mode);
    fwd.validate();
    if (bwd != null) {
      if (bwd.getClass() != fwd.getClass()) {
        throw new IllegalArgumentException(who + ": the backward layer must be a copy of the "
            + "forward layer, expected " + fwd.getClass().getSimpleName() + ", got "
            + bwd.getClass().getSimpleName());
      }
      bwd.validate();
    }
    if (fwd.timespansInput()) {
      throw new IllegalArgumentException(who + ": the wrapped layer must not use timespansInput, "
          + "got " + fwd.describe() + " with timespansInput(true): the elapsed time of a reversed "
          + "step is its neighbour's; run two layers on prepared inputs in a ComputationGraph");
    }
  }

  /** {@code BidirectionalLiquidLayer(name="bi")} or {@code BidirectionalLiquidLayer}. */
  public String describe() {
    return Checks.who(getClass().getSimpleName(), layerName);
  }

  // ---------------------------------------------------------------- DL4J hooks

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
      int layerIndex, INDArray paramsView, boolean initializeParams, DataType dataType) {
    validate();
    INDArray[] views = BidirectionalLiquidParams.split(paramsView);
    Layer f = fwd.instantiate(BidirectionalLiquidParams.confFor(conf, fwd), listeners, layerIndex,
        views[0], initializeParams, dataType);
    Layer b = bwd.instantiate(BidirectionalLiquidParams.confFor(conf, bwd), listeners, layerIndex,
        views[1], initializeParams, dataType);
    BidirectionalLiquidParams.addVariables(conf, this);
    BidirectionalLiquidRecurrentLayer layer =
        new BidirectionalLiquidRecurrentLayer(conf, dataType, f, b, paramsView);
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    return layer;
  }

  @Override
  public ParamInitializer initializer() {
    return BidirectionalLiquidParams.INSTANCE;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    for (String prefix : List.of(FORWARD_PREFIX, BACKWARD_PREFIX)) {
      AbstractLiquidLayer dir = prefix.equals(FORWARD_PREFIX) ? fwd : bwd;
      SDLayerParams inner = dir.getLayerParams();
      inner.getParamShapes().forEach((key, shape) -> {
        if (inner.isWeightParam(key)) {
          params.addWeightParam(prefix + key, shape);
        } else {
          params.addBiasParam(prefix + key, shape);
        }
      });
    }
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    fwd.initializeParameters(BidirectionalLiquidParams.unprefixed(params, FORWARD_PREFIX));
    bwd.initializeParameters(BidirectionalLiquidParams.unprefixed(params, BACKWARD_PREFIX));
  }

  @Override
  public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder globalConfig) {
    fwd.applyGlobalConfig(globalConfig);
    bwd.applyGlobalConfig(globalConfig);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    InputType out = fwd.getOutputType(layerIndex, inputType);
    if (mode != Bidirectional.Mode.CONCAT) {
      return out;
    }
    if (out instanceof InputType.InputTypeRecurrent) {
      InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) out;
      return InputType.recurrent(2 * r.getSize(), r.getTimeSeriesLength(), r.getFormat());
    }
    return InputType.feedForward(2 * ((InputType.InputTypeFeedForward) out).getSize());
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    fwd.setNIn(inputType, override);
    bwd.setNIn(inputType, override);
    setLayerParams(null); // parameter shapes follow the wrapped layer's nIn
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return fwd.getPreProcessorForInputType(inputType);
  }

  @Override
  public List<Regularization> getRegularizationByParam(String paramName) {
    return direction(paramName).getRegularizationByParam(paramName.substring(1));
  }

  @Override
  public IUpdater getUpdaterByParam(String paramName) {
    return direction(paramName).getUpdaterByParam(paramName.substring(1));
  }

  @Override
  public GradientNormalization getGradientNormalization() {
    return fwd.getGradientNormalization();
  }

  @Override
  public double getGradientNormalizationThreshold() {
    return fwd.getGradientNormalizationThreshold();
  }

  @Override
  public void setLayerName(String layerName) {
    this.layerName = layerName;
    fwd.setLayerName(layerName);
    if (bwd != null) {
      bwd.setLayerName(layerName);
    }
  }

  @Override
  public BidirectionalLiquidLayer clone() {
    BidirectionalLiquidLayer copy = (BidirectionalLiquidLayer) super.clone();
    copy.fwd = (AbstractLiquidLayer) fwd.clone();
    copy.bwd = (AbstractLiquidLayer) bwd.clone();
    return copy;
  }

  private AbstractLiquidLayer direction(String paramName) {
    if (paramName.startsWith(FORWARD_PREFIX)) {
      return fwd;
    }
    if (paramName.startsWith(BACKWARD_PREFIX)) {
      return bwd;
    }
    throw new IllegalArgumentException(describe() + ": parameter keys start with \""
        + FORWARD_PREFIX + "\" or \"" + BACKWARD_PREFIX + "\", got \"" + paramName + "\"");
  }

  /** Output size: twice the wrapped layer's for CONCAT, the same otherwise. */
  public int outputSize() {
    return (mode == Bidirectional.Mode.CONCAT ? 2 : 1) * fwd.outputSize();
  }

  /** The data format of both directions (the wrapped layer's). */
  public RNNFormat dataFormat() {
    return fwd.dataFormat();
  }

  // ---------------------------------------------------------------- bean accessors (JSON)

  /** The forward layer: the configuration given to the builder. */
  public AbstractLiquidLayer getFwd() {
    return fwd;
  }

  public void setFwd(AbstractLiquidLayer fwd) {
    this.fwd = fwd;
  }

  /** The backward layer: a copy of the forward one with its own parameters. */
  public AbstractLiquidLayer getBwd() {
    return bwd;
  }

  public void setBwd(AbstractLiquidLayer bwd) {
    this.bwd = bwd;
  }

  public Bidirectional.Mode getMode() {
    return mode;
  }

  public void setMode(Bidirectional.Mode mode) {
    this.mode = mode;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    BidirectionalLiquidLayer that = (BidirectionalLiquidLayer) o;
    return Objects.equals(layerName, that.layerName) && Objects.equals(iDropout, that.iDropout)
        && mode == that.mode && Objects.equals(fwd, that.fwd) && Objects.equals(bwd, that.bwd);
  }

  @Override
  public int hashCode() {
    return Objects.hash(layerName, iDropout, mode, fwd, bwd);
  }

  @Override
  public String toString() {
    return describe() + "{mode=" + mode + ", layer=" + fwd + "}";
  }

  /** Builder of {@link BidirectionalLiquidLayer}. */
  public static final class Builder {
    private AbstractLiquidLayer layer;
    private Bidirectional.Mode mode = DEFAULT_MODE;
    private String name;

    /** The liquid layer to run in both directions (required); the backward one is a copy. */
    public Builder layer(AbstractLiquidLayer layer) {
      this.layer = layer;
      return this;
    }

    /** How the two outputs are merged (default CONCAT). */
    public Builder mode(Bidirectional.Mode mode) {
      this.mode = mode;
      return this;
    }

    /** Layer name, also given to both directions. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Validates and builds. */
    public BidirectionalLiquidLayer build() {
      return new BidirectionalLiquidLayer(this);
    }
  }
}
