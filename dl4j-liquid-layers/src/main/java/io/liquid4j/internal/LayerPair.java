package io.liquid4j.internal;

import io.liquid4j.layers.BidirectionalLiquidLayer;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The plumbing of a runtime layer made of a forward and a backward layer: each owns one contiguous
 * half of the parameter and gradient views, parameter keys carry the prefix {@code f} or {@code b},
 * and listeners, counters, cache mode, constraints and regularisation reach both. The computation
 * itself is the subclass's ({@code io.liquid4j.runtime.BidirectionalLiquidRecurrentLayer}).
 */
public abstract class LayerPair extends AbstractLayer<BidirectionalLiquidLayer> {

  protected final Layer fwd;
  protected final Layer bwd;
  private INDArray params;
  protected INDArray gradients;

  protected LayerPair(NeuralNetConfiguration conf, DataType dataType, Layer fwd, Layer bwd,
      INDArray paramsView) {
    super(conf, dataType);
    this.fwd = fwd;
    this.bwd = bwd;
    this.params = paramsView;
  }

  /** The layer's name in messages, e.g. {@code BidirectionalLiquidLayer(name="bi")}. */
  protected String describe() {
    return layerConf().describe();
  }

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
  }
}
