package io.liquid4j.layers;

import io.liquid4j.cells.CellContext;
import io.liquid4j.cells.CellGraph;
import io.liquid4j.internal.Checks;
import io.liquid4j.internal.LiquidGraphSource;
import io.liquid4j.internal.WrapperGuard;
import io.liquid4j.runtime.LiquidRecurrentLayer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * Base of every liquid layer configuration: the options all of them share and the hook into the
 * liquid runtime ({@link LiquidRecurrentLayer}), which every subclass gets from {@link
 * #instantiate}.
 *
 * <p>Shared options: {@code nIn} (inferred from {@code setInputType}), {@code returnSequences}
 * (default {@code true}: {@code [B, O, T]}; {@code false}: the output of the last valid step, {@code
 * [B, O]}, masks respected), {@code dataFormat} (NCW or NWC; taken from the input type when not set),
 * {@code timespansInput} (the last input feature of every step is its elapsed time; see {@link
 * TimespanInputs}), {@code maxChunkLength} (longest unrolled graph; any sequence length runs as
 * chunks) and {@code weightInit} (weight matrices; default Xavier uniform as in ncps).
 */
public abstract class AbstractLiquidLayer extends AbstractSameDiffLayer
    implements LiquidGraphSource {

  /** Default of {@code returnSequences}, as ncps's torch layers. */
  public static final boolean DEFAULT_RETURN_SEQUENCES = true;
  /** Default longest unrolled chunk. */
  public static final int DEFAULT_MAX_CHUNK_LENGTH = 32;
  /** Largest allowed {@code maxChunkLength}. */
  public static final int MAX_MAX_CHUNK_LENGTH = 1024;
  /** Default initialisation of weight matrices (ncps: Xavier uniform). */
  public static final WeightInit DEFAULT_WEIGHT_INIT = WeightInit.XAVIER_UNIFORM;

  protected int nIn;
  protected boolean returnSequences = DEFAULT_RETURN_SEQUENCES;
  protected RNNFormat dataFormat;
  protected boolean timespansInput;
  protected int maxChunkLength = DEFAULT_MAX_CHUNK_LENGTH;
  protected WeightInit weightInit = DEFAULT_WEIGHT_INIT;

  /** For JSON. */
  protected AbstractLiquidLayer() {}

  protected AbstractLiquidLayer(Builder<?> b) {
    super(b);
    this.nIn = b.nIn;
    this.returnSequences = b.returnSequences;
    this.dataFormat = b.dataFormat;
    this.timespansInput = b.timespansInput;
    this.maxChunkLength = b.maxChunkLength;
    this.weightInit = b.weightInit;
  }

  /**
   * Checks every setting; called by the builders and again before a runtime layer is made, so a
   * configuration read from JSON is checked too. Subclasses add their own checks.
   */
  public void validate() {
    String who = describe();
    if (nIn != 0) {
      Checks.atLeast(who, "nIn", nIn, 1);
    }
    Checks.atLeast(who, "maxChunkLength", maxChunkLength, 1);
    if (maxChunkLength > MAX_MAX_CHUNK_LENGTH || Integer.bitCount(maxChunkLength) != 1) {
      throw new IllegalArgumentException(who + ": maxChunkLength must be a power of two in [1, "
          + MAX_MAX_CHUNK_LENGTH + "], got " + maxChunkLength);
    }
    if (!weightInitOptional()) {
      Checks.notNull(who, "weightInit", weightInit);
    }
  }

  /**
   * Whether {@code weightInit} may be null, meaning the layer's own default initialisation (as
   * {@link GruLayer}'s PyTorch default, which no DL4J {@link WeightInit} expresses). False here.
   */
  protected boolean weightInitOptional() {
    return false;
  }

  /**
   * Applies the builder's DL4J constraints ({@code constrainWeights}, {@code constrainBias}, {@code
   * constrainAllParameters}), which DL4J's SameDiff layer constructor drops. Call it last in the
   * outermost constructor, when the settings that decide the parameter keys are set; the
   * parameter shapes are recomputed later, when {@code nIn} is known.
   */
  protected final void initializeBuilderConstraints(Builder<?> b) {
    initializeConstraints(b);
    setLayerParams(null);
  }

  @Override
  public String describe() {
    return Checks.who(getClass().getSimpleName(), layerName);
  }

  /** Whether the cell asks for dropout masks while training. */
  @JsonIgnore
  public abstract boolean usesDropoutInGraph();

  @Override
  public abstract CellGraph defineCell(SameDiff sd, Map<String, SDVariable> params,
      CellContext context);

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
      int layerIndex, INDArray paramsView, boolean initializeParams, DataType dataType) {
    validate();
    WrapperGuard.rejectDl4jRnnWrappers(describe());
    if (nIn < 1) {
      throw new IllegalStateException(describe() + ": nIn is not set: set it on the builder or "
          + "call setInputType(InputType.recurrent(nFeatures)) on the network configuration");
    }
    LiquidRecurrentLayer layer = new LiquidRecurrentLayer(conf, dataType);
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    WrapperGuard.rejectDl4jRnnWrappers(describe());
    InputType.InputTypeRecurrent r = recurrent(inputType);
    if (returnSequences) {
      return InputType.recurrent(outputSize(), r.getTimeSeriesLength(), dataFormat());
    }
    return InputType.feedForward(outputSize());
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    InputType.InputTypeRecurrent r = recurrent(inputType);
    if (nIn <= 0 || override) {
      long size = r.getSize() - (timespansInput ? 1 : 0);
      if (size < 1) {
        throw new IllegalArgumentException(describe() + ": the input type has " + r.getSize()
            + " features, expected at least " + (timespansInput ? 2 : 1)
            + (timespansInput ? " (the features plus the elapsed time)" : ""));
      }
      this.nIn = (int) size;
      setLayerParams(null); // parameter shapes depend on nIn
    }
    if (dataFormat == null || override) {
      this.dataFormat = r.getFormat();
    }
  }

  private InputType.InputTypeRecurrent recurrent(InputType inputType) {
    if (!(inputType instanceof InputType.InputTypeRecurrent)) {
      throw new IllegalArgumentException(describe() + ": input type must be recurrent "
          + "(InputType.recurrent(...)), got " + inputType);
    }
    return (InputType.InputTypeRecurrent) inputType;
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, dataFormat(),
        getLayerName());
  }

  // ---------------------------------------------------------------- LiquidGraphSource

  @Override
  public int nIn() {
    return nIn;
  }

  @Override
  public boolean timespansInput() {
    return timespansInput;
  }

  @Override
  public boolean returnSequences() {
    return returnSequences;
  }

  @Override
  public RNNFormat dataFormat() {
    return dataFormat == null ? RNNFormat.NCW : dataFormat;
  }

  @Override
  public int maxChunkLength() {
    return maxChunkLength;
  }

  @Override
  public abstract List<String> stateKeys();

  // ---------------------------------------------------------------- bean accessors (JSON)

  public int getNIn() {
    return nIn;
  }

  public void setNIn(int nIn) {
    this.nIn = nIn;
  }

  public boolean isReturnSequences() {
    return returnSequences;
  }

  public void setReturnSequences(boolean returnSequences) {
    this.returnSequences = returnSequences;
  }

  public RNNFormat getDataFormat() {
    return dataFormat;
  }

  public void setDataFormat(RNNFormat dataFormat) {
    this.dataFormat = dataFormat;
  }

  public boolean isTimespansInput() {
    return timespansInput;
  }

  public void setTimespansInput(boolean timespansInput) {
    this.timespansInput = timespansInput;
  }

  public int getMaxChunkLength() {
    return maxChunkLength;
  }

  public void setMaxChunkLength(int maxChunkLength) {
    this.maxChunkLength = maxChunkLength;
  }

  public WeightInit getWeightInit() {
    return weightInit;
  }

  public void setWeightInit(WeightInit weightInit) {
    this.weightInit = weightInit;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    AbstractLiquidLayer that = (AbstractLiquidLayer) o;
    return sameDl4jSettings(that) && nIn == that.nIn && returnSequences == that.returnSequences
        && timespansInput == that.timespansInput && maxChunkLength == that.maxChunkLength
        && dataFormat == that.dataFormat && weightInit == that.weightInit;
  }

  /**
   * DL4J's own settings, compared field by field instead of through {@code
   * AbstractSameDiffLayer.equals}: that one also compares the lazily derived {@code SDLayerParams},
   * whose {@code long[]} shapes compare by reference, so a configuration would never equal its own
   * JSON copy (nor hash alike).
   */
  private boolean sameDl4jSettings(AbstractLiquidLayer t) {
    return Objects.equals(layerName, t.layerName) && Objects.equals(iDropout, t.iDropout)
        && Objects.equals(constraints, t.constraints)
        && Objects.equals(regularization, t.regularization)
        && Objects.equals(regularizationBias, t.regularizationBias)
        && Objects.equals(updater, t.updater) && Objects.equals(biasUpdater, t.biasUpdater)
        && gradientNormalization == t.gradientNormalization
        && Double.compare(gradientNormalizationThreshold, t.gradientNormalizationThreshold) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(layerName, iDropout, constraints, regularization, regularizationBias,
        updater, biasUpdater, gradientNormalization, gradientNormalizationThreshold, nIn, returnSequences, dataFormat, timespansInput,
        maxChunkLength, weightInit);
  }

  /** Builder options shared by every liquid layer. */
  @SuppressWarnings("unchecked")
  public abstract static class Builder<T extends Builder<T>>
      extends AbstractSameDiffLayer.Builder<T> {
    protected int nIn;
    protected boolean returnSequences = DEFAULT_RETURN_SEQUENCES;
    protected RNNFormat dataFormat;
    protected boolean timespansInput;
    protected int maxChunkLength = DEFAULT_MAX_CHUNK_LENGTH;
    protected WeightInit weightInit = DEFAULT_WEIGHT_INIT;

    /** Number of input features (excluding the elapsed time); inferred from setInputType. */
    public T nIn(int nIn) {
      this.nIn = nIn;
      return (T) this;
    }

    /** All steps (true, default) or only the last valid step (false). */
    public T returnSequences(boolean returnSequences) {
      this.returnSequences = returnSequences;
      return (T) this;
    }

    /** NCW ({@code [B, F, T]}, DL4J's default) or NWC ({@code [B, T, F]}). */
    public T dataFormat(RNNFormat dataFormat) {
      this.dataFormat = dataFormat;
      return (T) this;
    }

    /**
     * When true, the last input feature of every step is that step's elapsed time Δt (per sample
     * and step, ≥ 0); the layer then reads {@code nIn + 1} features. Default false: Δt = 1.
     */
    public T timespansInput(boolean timespansInput) {
      this.timespansInput = timespansInput;
      return (T) this;
    }

    /** Longest unrolled chunk (a power of two, default 32); longer sequences run as chunks. */
    public T maxChunkLength(int maxChunkLength) {
      this.maxChunkLength = maxChunkLength;
      return (T) this;
    }

    /** Initialisation of the weight matrices (default Xavier uniform, as ncps). */
    public T weightInit(WeightInit weightInit) {
      this.weightInit = weightInit;
      return (T) this;
    }
  }
}
