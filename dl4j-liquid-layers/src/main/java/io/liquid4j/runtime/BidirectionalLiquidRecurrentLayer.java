package io.liquid4j.runtime;

import io.liquid4j.internal.BidirectionalLiquidParams;
import io.liquid4j.layers.BidirectionalLiquidLayer;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The runtime layer of a {@link BidirectionalLiquidLayer}: two liquid runtime layers, the forward
 * one on the input and the backward one on the time-reversed input and mask, whose outputs are
 * merged by the configured mode; backpropagation splits the output gradient by mode, reverses the
 * backward part, and sums both input gradients (the backward one reversed back).
 *
 * <p>Each direction owns one contiguous half of this layer's parameter and gradient views. Input
 * dropout set on the network (or this layer) is applied once, to the input both directions read;
 * dropout set on the wrapped layer is applied by each direction. Streaming ({@code rnnTimeStep})
 * and truncated BPTT throw {@link UnsupportedOperationException}.
 */
public class BidirectionalLiquidRecurrentLayer extends AbstractLayer<BidirectionalLiquidLayer>
    implements RecurrentLayer {

  private final Layer fwd;
  private final Layer bwd;
  private INDArray params;
  private INDArray gradients;
  private INDArray outFwd;
  private INDArray outBwd;

  /** Made by {@link BidirectionalLiquidLayer#instantiate}. */
  public BidirectionalLiquidRecurrentLayer(NeuralNetConfiguration conf, DataType dataType,
      Layer fwd, Layer bwd, INDArray paramsView) {
    super(conf, dataType);
    this.fwd = fwd;
    this.bwd = bwd;
    this.params = paramsView;
  }

  /** The forward direction's runtime layer. */
  public Layer forwardLayer() {
    return fwd;
  }

  /** The backward direction's runtime layer (it reads the time-reversed input). */
  public Layer backwardLayer() {
    return bwd;
  }

  // ---------------------------------------------------------------- forward and backward

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
    assertInputSet(false);
    applyDropOutIfNecessary(training, mgr);
    INDArray reversed;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      reversed = reverseTime(input);
    }
    fwd.setInput(input, mgr);
    bwd.setInput(reversed, mgr);
    INDArray f = fwd.activate(training, mgr);
    INDArray b = bwd.activate(training, mgr);
    INDArray out;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      outFwd = f.detach();
      outBwd = reverseTime(b.detach());
      switch (layerConf().getMode()) {
        case ADD:
          out = outFwd.add(outBwd);
          break;
        case MUL:
          out = outFwd.mul(outBwd);
          break;
        case AVERAGE:
          out = outFwd.add(outBwd).muli(0.5);
          break;
        case CONCAT:
          out = Nd4j.concat(featureAxis(outFwd), outFwd, outBwd);
          break;
        default:
          throw new IllegalStateException(describe() + ": unknown mode " + layerConf().getMode());
      }
    }
    return mgr.dup(ArrayType.ACTIVATIONS, out);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
    assertInputSet(true);
    if (outFwd == null) {
      throw new IllegalStateException(describe()
          + ": backpropGradient called before a forward pass (activate) on this input");
    }
    INDArray epsFwd;
    INDArray epsBwd;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray eps = epsilon.detach();
      switch (layerConf().getMode()) {
        case ADD:
          epsFwd = eps;
          epsBwd = eps;
          break;
        case MUL:
          epsFwd = eps.mul(outBwd);
          epsBwd = eps.mul(outFwd);
          break;
        case AVERAGE:
          epsFwd = eps.mul(0.5);
          epsBwd = epsFwd;
          break;
        case CONCAT:
          long n = eps.size(featureAxis(eps)) / 2;
          epsFwd = eps.get(features(eps, 0, n)).dup('c');
          epsBwd = eps.get(features(eps, n, 2 * n)).dup('c');
          break;
        default:
          throw new IllegalStateException(describe() + ": unknown mode " + layerConf().getMode());
      }
      epsBwd = reverseTime(epsBwd);
    }
    Pair<Gradient, INDArray> gf = fwd.backpropGradient(epsFwd, mgr);
    Pair<Gradient, INDArray> gb = bwd.backpropGradient(epsBwd, mgr);
    INDArray epsIn;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      epsIn = gf.getSecond().detach().addi(reverseTime(gb.getSecond().detach()));
    }
    Gradient g = new DefaultGradient(gradients);
    BidirectionalLiquidParams.prefixed(gf.getFirst().gradientForVariable(),
        gb.getFirst().gradientForVariable()).forEach(g.gradientForVariable()::put);
    epsIn = backpropDropOutIfPresent(epsIn);
    return new Pair<>(g, mgr.dup(ArrayType.ACTIVATION_GRAD, epsIn));
  }

  private boolean nwc() {
    return layerConf().dataFormat() == RNNFormat.NWC;
  }

  private int featureAxis(INDArray a) {
    return a.rank() == 3 && nwc() ? 2 : 1;
  }

  private INDArrayIndex[] features(INDArray a, long from, long to) {
    INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = NDArrayIndex.all();
    }
    idx[featureAxis(a)] = NDArrayIndex.interval(from, to);
    return idx;
  }

  /** Reverses a sequence along time (an output of one step per sequence is returned as is). */
  private INDArray reverseTime(INDArray a) {
    if (a == null || a.rank() != 3) {
      return a;
    }
    return TimeSeriesUtils.reverseTimeSeries(a, LayerWorkspaceMgr.noWorkspaces(),
        ArrayType.ACTIVATIONS, layerConf().dataFormat()).dup('c');
  }

  private static INDArray reverseMask(INDArray mask) {
    return mask == null ? null : TimeSeriesUtils.reverseTimeSeriesMask(mask,
        LayerWorkspaceMgr.noWorkspaces(), ArrayType.INPUT);
  }

  private String describe() {
    return layerConf().describe();
  }

  // ---------------------------------------------------------------- masks

  @Override
  public void setMaskArray(INDArray maskArray) {
    super.setMaskArray(maskArray);
    fwd.setMaskArray(maskArray);
    bwd.setMaskArray(reverseMask(maskArray));
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state,
      int minibatchSize) {
    this.maskArray = mask;
    this.maskState = state;
    Pair<INDArray, MaskState> out = fwd.feedForwardMaskArray(mask, state, minibatchSize);
    bwd.feedForwardMaskArray(reverseMask(mask), state, minibatchSize);
    return out;
  }

  // ---------------------------------------------------------------- RecurrentLayer

  private UnsupportedOperationException noStreaming(String what) {
    return new UnsupportedOperationException(describe() + ": " + what + " is not supported: the "
        + "backward direction reads the whole sequence from its end; feed whole sequences to "
        + "output/fit (without truncated BPTT)");
  }

  @Override
  public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
    throw noStreaming("rnnTimeStep");
  }

  @Override
  public Map<String, INDArray> rnnGetPreviousState() {
    throw noStreaming("streaming state (rnnGetPreviousState)");
  }

  @Override
  public void rnnSetPreviousState(Map<String, INDArray> stateMap) {
    throw noStreaming("streaming state (rnnSetPreviousState)");
  }

  @Override
  public void rnnClearPreviousState() {
    // no streaming state is ever kept
  }

  @Override
  public INDArray rnnActivateUsingStoredState(INDArray input, boolean training,
      boolean storeLastForTBPTT, LayerWorkspaceMgr workspaceMgr) {
    throw noStreaming("truncated BPTT");
  }

  @Override
  public Map<String, INDArray> rnnGetTBPTTState() {
    throw noStreaming("truncated BPTT");
  }

  @Override
  public void rnnSetTBPTTState(Map<String, INDArray> state) {
    throw noStreaming("truncated BPTT");
  }

  @Override
  public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
      LayerWorkspaceMgr workspaceMgr) {
    throw noStreaming("truncated BPTT");
  }

  // ---------------------------------------------------------------- parameters and plumbing

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
    // no weight noise on SameDiff-based layers
  }

  @Override
  public Layer clone() {
    throw new UnsupportedOperationException(describe()
        + ": clone the network (MultiLayerNetwork.clone()), not a single layer");
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public long numParams() {
    return fwd.numParams() + bwd.numParams();
  }

  @Override
  public void setParams(INDArray params) {
    if (params == null || params.length() != numParams()) {
      throw new IllegalArgumentException(describe() + ": expected " + numParams()
          + " parameters, got " + (params == null ? "null" : params.length()));
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
    INDArray[] halves = BidirectionalLiquidParams.split(params);
    fwd.setParamsViewArray(halves[0]);
    bwd.setParamsViewArray(halves[1]);
  }

  @Override
  public INDArray getGradientsViewArray() {
    return gradients;
  }

  @Override
  public void setBackpropGradientsViewArray(INDArray gradients) {
    this.gradients = gradients;
    INDArray[] halves = BidirectionalLiquidParams.split(gradients);
    fwd.setBackpropGradientsViewArray(halves[0]);
    bwd.setBackpropGradientsViewArray(halves[1]);
  }

  private Layer direction(String key) {
    if (key.startsWith(BidirectionalLiquidLayer.FORWARD_PREFIX)) {
      return fwd;
    }
    if (key.startsWith(BidirectionalLiquidLayer.BACKWARD_PREFIX)) {
      return bwd;
    }
    throw new IllegalArgumentException(describe() + ": unknown parameter \"" + key
        + "\", expected one of " + paramTable().keySet());
  }

  @Override
  public INDArray getParam(String key) {
    return direction(key).getParam(key.substring(1));
  }

  @Override
  public void setParam(String key, INDArray val) {
    direction(key).setParam(key.substring(1), val);
  }

  @Override
  public Map<String, INDArray> paramTable() {
    return BidirectionalLiquidParams.prefixed(fwd.paramTable(), bwd.paramTable());
  }

  @Override
  public Map<String, INDArray> paramTable(boolean backpropParamsOnly) {
    return paramTable();
  }

  @Override
  public void setParamTable(Map<String, INDArray> table) {
    fwd.setParamTable(BidirectionalLiquidParams.unprefixed(table,
        BidirectionalLiquidLayer.FORWARD_PREFIX));
    bwd.setParamTable(BidirectionalLiquidParams.unprefixed(table,
        BidirectionalLiquidLayer.BACKWARD_PREFIX));
  }

  @Override
  public double calcRegularizationScore(boolean backpropParamsOnly) {
    return fwd.calcRegularizationScore(backpropParamsOnly)
        + bwd.calcRegularizationScore(backpropParamsOnly);
  }

  @Override
  public void applyConstraints(int iteration, int epoch) {
    super.applyConstraints(iteration, epoch); // network-wide constraints, on the prefixed keys
    fwd.applyConstraints(iteration, epoch);
    bwd.applyConstraints(iteration, epoch);
  }

  @Override
  public void setListeners(Collection<TrainingListener> listeners) {
    super.setListeners(listeners);
    fwd.setListeners(listeners);
    bwd.setListeners(listeners);
  }

  @Override
  public void setIndex(int index) {
    super.setIndex(index);
    fwd.setIndex(index);
    bwd.setIndex(index);
  }

  @Override
  public void setIterationCount(int iterationCount) {
    super.setIterationCount(iterationCount);
    fwd.setIterationCount(iterationCount);
    bwd.setIterationCount(iterationCount);
  }

  @Override
  public void setEpochCount(int epochCount) {
    super.setEpochCount(epochCount);
    fwd.setEpochCount(epochCount);
    bwd.setEpochCount(epochCount);
  }

  @Override
  public void setCacheMode(CacheMode mode) {
    super.setCacheMode(mode);
    fwd.setCacheMode(mode);
    bwd.setCacheMode(mode);
  }

  @Override
  public void setInputMiniBatchSize(int size) {
    fwd.setInputMiniBatchSize(size);
    bwd.setInputMiniBatchSize(size);
  }

  @Override
  public void allowInputModification(boolean allow) {
    super.allowInputModification(allow);
    fwd.allowInputModification(allow);
    bwd.allowInputModification(true); // its input is our own reversed copy
  }

  @Override
  public void clear() {
    super.clear();
    fwd.clear();
    bwd.clear();
    outFwd = null;
    outBwd = null;
  }
}
