package io.liquid4j.guard;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The textbook custom SameDiff layer of DL4J's docs ({@code y = tanh(x W + b)}), run by DL4J's
 * stock runtime: the subject of {@link StockSameDiffGradientGuardTest}.
 */
public class StockDenseSameDiffLayer extends SameDiffLayer {

  private int nIn;
  private int nOut;

  protected StockDenseSameDiffLayer() {}

  public StockDenseSameDiffLayer(int nIn, int nOut) {
    this.nIn = nIn;
    this.nOut = nOut;
    this.weightInit = WeightInit.XAVIER;
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params,
      SDVariable mask) {
    return sd.math.tanh(input.mmul(params.get("W")).add(params.get("b")));
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.addWeightParam("W", nIn, nOut);
    params.addBiasParam("b", 1, nOut);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    initWeights(nIn, nOut, weightInit, params.get("W"));
    params.get("b").assign(0.1);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.feedForward(nOut);
  }

  public int getNIn() {
    return nIn;
  }

  public void setNIn(int nIn) {
    this.nIn = nIn;
  }

  public int getNOut() {
    return nOut;
  }

  public void setNOut(int nOut) {
    this.nOut = nOut;
  }
}
