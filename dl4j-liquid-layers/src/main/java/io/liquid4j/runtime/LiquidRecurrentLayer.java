package io.liquid4j.runtime;

import io.liquid4j.internal.Checks;
import io.liquid4j.internal.SequenceInput;
import io.liquid4j.internal.SequenceRunner;
import io.liquid4j.layers.AbstractLiquidLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime (network-side) layer of every liquid layer configuration: DL4J calls it, it runs the
 * layer's cell as a series of unrolled SameDiff chunks ({@link SequenceRunner}).
 *
 * <p>Compared with DL4J's stock {@code SameDiffLayer} runtime it gives exact gradients (not 2x),
 * accepts any sequence length in any batch with a bounded number of graphs, honours feature masks,
 * NCW and NWC, dropout while training only, and implements {@link RecurrentLayer}: streaming with
 * {@code rnnTimeStep} and truncated BPTT carry the state.
 *
 * <p>An initial state for plain forward passes ({@code output}, {@code fit}) can be set with {@link
 * #setInitialState}; after a backward pass {@link #getInitialStateGradient} holds the gradient of the
 * loss with respect to the state the pass started from.
 */
public class LiquidRecurrentLayer extends AbstractLayer<AbstractLiquidLayer>
    implements RecurrentLayer {

  private INDArray params;
  private INDArray gradients;
  private Map<String, INDArray> paramTable;
  private Map<String, INDArray> gradTable;
  private SequenceRunner runner;

  private Map<String, INDArray> initialState;
  private Map<String, INDArray> initialStateGradient = Collections.emptyMap();
  private final Map<String, INDArray> stateMap = new ConcurrentHashMap<>();
  private final Map<String, INDArray> tbpttStateMap = new ConcurrentHashMap<>();
  private SequenceRunner.Pass lastPass;
  private List<INDArray> lastPassInitialState;

  /** Made by {@link AbstractLiquidLayer#instantiate}. */
  public LiquidRecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private SequenceRunner runner() {
    if (runner == null) {
      runner = new SequenceRunner(layerConf(), dataType, layerConf().usesDropoutInGraph());
      runner.bind(paramTable);
    }
    return runner;
  }

  /** Number of unrolled graphs this layer has built (bounded whatever lengths it is fed). */
  public int graphCount() {
    return runner == null ? 0 : runner.graphCount();
  }

  // ---------------------------------------------------------------- forward and backward

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    applyDropOutIfNecessary(training, workspaceMgr);
    return run(input, startState(Collections.emptyMap()), training, workspaceMgr);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
    return backprop(epsilon, 0, mgr);
  }

  private INDArray run(INDArray in, List<INDArray> s0, boolean training, LayerWorkspaceMgr mgr) {
    INDArray out;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      SequenceInput seq = SequenceInput.of(layerConf(), in, maskArray, dataType);
      List<INDArray> start = checkState(s0, seq.batchSize());
      lastPass = runner().forward(seq, start, training, 0, null);
      lastPassInitialState = start;
      out = toLayerFormat(lastPass.output());
    }
    return mgr.dup(ArrayType.ACTIVATIONS, out);
  }

  private Pair<Gradient, INDArray> backprop(INDArray epsilon, int backLength,
      LayerWorkspaceMgr mgr) {
    assertInputSet(true);
    if (lastPass == null) {
      throw new IllegalStateException(layerConf().describe()
          + ": backpropGradient called before a forward pass (activate) on this input");
    }
    INDArray epsIn;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      SequenceRunner.Pass pass = lastPass;
      int length = pass.input().length();
      int firstStep = 0;
      if (backLength > 0 && backLength < length) {
        firstStep = length - backLength;
        pass = runner().forward(pass.input(), lastPassInitialState, true, firstStep,
            pass.dropoutMasks());
      }
      INDArray eps = fromLayerFormat(epsilon).castTo(dataType).dup('c');
      SequenceRunner.Backward b = runner().backward(pass, eps, firstStep, gradTable);
      initialStateGradient = Collections.unmodifiableMap(runner().byKey(b.initialState()));
      epsIn = toLayerFormat(b.input());
    }
    Gradient g = new DefaultGradient(gradients);
    for (String key : paramTable.keySet()) {
      g.gradientForVariable().put(key, gradTable.get(key));
    }
    epsIn = backpropDropOutIfPresent(epsIn);
    return new Pair<>(g, mgr.dup(ArrayType.ACTIVATION_GRAD, epsIn));
  }

  private INDArray toLayerFormat(INDArray ncw) {
    if (ncw.rank() == 3 && layerConf().dataFormat() == RNNFormat.NWC) {
      return ncw.permute(0, 2, 1).dup('c');
    }
    return ncw;
  }

  private INDArray fromLayerFormat(INDArray layerFormat) {
    if (layerFormat.rank() == 3 && layerConf().dataFormat() == RNNFormat.NWC) {
      return layerFormat.permute(0, 2, 1);
    }
    return layerFormat;
  }

  // ---------------------------------------------------------------- state

  /**
   * Sets the state every following plain forward pass starts from (until {@link
   * #clearInitialState}), keyed by {@link AbstractLiquidLayer#stateKeys()}: {@code h}, and {@code c}
   * for mixed memory. Each part is {@code [B, stateSize]} for the batch size of the coming input, or
   * {@code [1, stateSize]} for all samples alike.
   */
  public void setInitialState(Map<String, INDArray> state) {
    this.initialState = state == null ? null : new LinkedHashMap<>(checkKeys(state));
  }

  /** Forward passes start from zeros again. */
  public void clearInitialState() {
    this.initialState = null;
  }

  /** Gradient of the loss with respect to the initial state of the last backward pass. */
  public Map<String, INDArray> getInitialStateGradient() {
    return initialStateGradient;
  }

  private List<INDArray> startState(Map<String, INDArray> stored) {
    Map<String, INDArray> source = !stored.isEmpty() ? stored : initialState;
    List<INDArray> out = new ArrayList<>();
    for (String key : layerConf().stateKeys()) {
      out.add(source == null ? null : source.get(key));
    }
    return out;
  }

  private List<INDArray> checkState(List<INDArray> parts, int batch) {
    List<INDArray> out = new ArrayList<>(parts.size());
    int size = layerConf().stateSize();
    for (int i = 0; i < parts.size(); i++) {
      INDArray p = parts.get(i);
      String key = layerConf().stateKeys().get(i);
      if (p == null) {
        out.add(Nd4j.zeros(dataType, batch, size));
        continue;
      }
      boolean ok = p.rank() == 2 && p.size(1) == size && (p.size(0) == batch || p.size(0) == 1);
      if (!ok) {
        throw Checks.badShape(layerConf().describe(), "state \"" + key + "\"",
            "[" + batch + ", " + size + "] (or [1, " + size + "])", p.shape());
      }
      INDArray cast = p.castTo(dataType);
      out.add(p.size(0) == batch ? cast.dup('c') : cast.repeat(0, batch));
    }
    return out;
  }

  private Map<String, INDArray> checkKeys(Map<String, INDArray> state) {
    for (String key : state.keySet()) {
      if (!layerConf().stateKeys().contains(key)) {
        throw new IllegalArgumentException(layerConf().describe() + ": unknown state key \"" + key
            + "\", expected one of " + layerConf().stateKeys());
      }
    }
    return state;
  }

  // ---------------------------------------------------------------- RecurrentLayer

  @Override
  public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
    INDArray in = input.rank() == 2 ? asOneStep(input) : networkReshapedStep(input);
    setInput(in, workspaceMgr);
    INDArray out;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      SequenceInput seq = SequenceInput.of(layerConf(), in, null, dataType);
      SequenceRunner.Pass pass = runner().forward(seq,
          checkState(startState(stateMap), seq.batchSize()), false, 0, null);
      stateMap.putAll(runner().byKey(pass.finalState()));
      out = toLayerFormat(pass.output());
    }
    return workspaceMgr.dup(ArrayType.ACTIVATIONS, out);
  }

  private INDArray asOneStep(INDArray twoD) {
    long b = twoD.size(0);
    long f = twoD.size(1);
    return layerConf().dataFormat() == RNNFormat.NWC
        ? twoD.reshape('c', b, 1, f) : twoD.reshape('c', b, f, 1);
  }

  /**
   * {@code MultiLayerNetwork} and {@code ComputationGraph} reshape a 2-D step {@code [B, F]} to
   * {@code [B, F, 1]} before calling {@link #rnnTimeStep}, whatever the layer's format. In NWC that
   * array is no valid sequence ({@code [B, T, F]} would need {@code F == 1}, where both layouts
   * agree), so it is read back as the one step it is.
   */
  private INDArray networkReshapedStep(INDArray in) {
    int features = layerConf().nIn() + (layerConf().timespansInput() ? 1 : 0);
    if (layerConf().dataFormat() == RNNFormat.NWC && in.rank() == 3 && features != 1
        && in.size(1) == features && in.size(2) == 1) {
      return in.reshape('c', in.size(0), 1, features);
    }
    return in;
  }

  @Override
  public Map<String, INDArray> rnnGetPreviousState() {
    return new LinkedHashMap<>(stateMap);
  }

  @Override
  public void rnnSetPreviousState(Map<String, INDArray> state) {
    stateMap.clear();
    if (state != null) {
      stateMap.putAll(checkKeys(state));
    }
  }

  @Override
  public void rnnClearPreviousState() {
    stateMap.clear();
    tbpttStateMap.clear();
  }

  @Override
  public INDArray rnnActivateUsingStoredState(INDArray input, boolean training,
      boolean storeLastForTBPTT, LayerWorkspaceMgr workspaceMgr) {
    setInput(input, workspaceMgr);
    applyDropOutIfNecessary(training, workspaceMgr);
    INDArray out = run(this.input, startState(tbpttStateMap), training, workspaceMgr);
    if (storeLastForTBPTT) {
      for (Map.Entry<String, INDArray> e : runner().byKey(lastPass.finalState()).entrySet()) {
        tbpttStateMap.put(e.getKey(), e.getValue().detach());
      }
    }
    return out;
  }

  @Override
  public Map<String, INDArray> rnnGetTBPTTState() {
    return new LinkedHashMap<>(tbpttStateMap);
  }

  @Override
  public void rnnSetTBPTTState(Map<String, INDArray> state) {
    tbpttStateMap.clear();
    if (state != null) {
      tbpttStateMap.putAll(checkKeys(state));
    }
  }

  @Override
  public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
      LayerWorkspaceMgr workspaceMgr) {
    return backprop(epsilon, tbpttBackLength, workspaceMgr);
  }

  // ---------------------------------------------------------------- masks

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state,
      int minibatchSize) {
    this.maskArray = mask;
    this.maskState = state;
    if (layerConf().returnSequences()) {
      return new Pair<>(mask, state);
    }
    return null; // one output per sequence: nothing left to mask
  }

  // ---------------------------------------------------------------- parameters

  @Override
  public Type type() {
    return Type.RECURRENT;
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public void clearNoiseWeightParams() {
    // Weight noise is a BaseLayer option: SameDiff-based layers have none.
  }

  @Override
  public Layer clone() {
    throw new UnsupportedOperationException(layerConf().describe()
        + ": clone the network (MultiLayerNetwork.clone()), not a single layer");
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public INDArray getParam(String param) {
    return paramTable.get(param);
  }

  @Override
  public long numParams() {
    return params == null ? 0 : params.length();
  }

  @Override
  public void setParam(String key, INDArray val) {
    INDArray current = paramTable.get(key);
    if (current == null) {
      throw new IllegalArgumentException(layerConf().describe() + ": unknown parameter \"" + key
          + "\", expected one of " + paramTable.keySet());
    }
    if (!Arrays.equals(current.shape(), val.shape())) {
      throw Checks.badShape(layerConf().describe(), "parameter \"" + key + "\"",
          Arrays.toString(current.shape()), val.shape());
    }
    current.assign(val);
  }

  @Override
  public void setParams(INDArray params) {
    if (params == null || this.params == null || params.length() != this.params.length()) {
      throw new IllegalArgumentException(layerConf().describe() + ": expected "
          + numParams() + " parameters, got " + (params == null ? "null" : params.length()));
    }
    this.params.assign(params);
  }

  @Override
  protected void setParams(INDArray params, char order) {
    setParams(params);
  }

  @Override
  public void setParamsViewArray(INDArray params) {
    this.params = params;
  }

  @Override
  public INDArray getGradientsViewArray() {
    return gradients;
  }

  @Override
  public void setBackpropGradientsViewArray(INDArray gradients) {
    this.gradients = gradients;
    this.gradTable = layerConf().initializer().getGradientsFromFlattened(conf(), gradients);
  }

  @Override
  public void setParamTable(Map<String, INDArray> paramTable) {
    if (this.paramTable == null) {
      this.paramTable = paramTable;
    } else {
      for (Map.Entry<String, INDArray> e : paramTable.entrySet()) {
        setParam(e.getKey(), e.getValue());
      }
    }
    if (runner != null) {
      runner.bind(this.paramTable);
    }
  }

  @Override
  public Map<String, INDArray> paramTable() {
    return paramTable;
  }

  @Override
  public Map<String, INDArray> paramTable(boolean backpropParamsOnly) {
    return paramTable;
  }
}
