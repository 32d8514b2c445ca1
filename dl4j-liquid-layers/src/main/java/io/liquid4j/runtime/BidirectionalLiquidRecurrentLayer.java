package io.liquid4j.runtime;

import io.liquid4j.internal.BidirectionalLiquidParams;
import io.liquid4j.internal.LayerPair;
import io.liquid4j.layers.BidirectionalLiquidLayer;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
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
public class BidirectionalLiquidRecurrentLayer extends LayerPair implements RecurrentLayer {

  private INDArray outFwd;
  private INDArray outBwd;

  /** Made by {@link BidirectionalLiquidLayer#instantiate}. */
  public BidirectionalLiquidRecurrentLayer(NeuralNetConfiguration conf, DataType dataType,
      Layer fwd, Layer bwd, INDArray paramsView) {
    super(conf, dataType, fwd, bwd, paramsView);
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

  @Override
  public void clear() {
    super.clear();
    outFwd = null;
    outBwd = null;
  }
}
