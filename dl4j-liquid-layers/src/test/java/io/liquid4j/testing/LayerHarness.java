package io.liquid4j.testing;

import io.liquid4j.layers.AbstractLiquidLayer;
import io.liquid4j.runtime.LiquidRecurrentLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;

/** Drives one liquid runtime layer directly: forward, then backward with a given epsilon. */
public final class LayerHarness {

  private final MultiLayerNetwork net;
  private final LiquidRecurrentLayer layer;
  private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

  /** A network holding {@code conf} (double precision), seeded. */
  public LayerHarness(AbstractLiquidLayer conf, int features, DataType dataType, long seed) {
    net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).dataType(dataType)
        .updater(new NoOp()).list().layer(conf)
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).dataFormat(conf.dataFormat()).build())
        .setInputType(InputType.recurrent(features, conf.dataFormat())).build());
    net.init();
    net.initGradientsView();
    layer = (LiquidRecurrentLayer) net.getLayer(0);
  }

  public LiquidRecurrentLayer layer() {
    return layer;
  }

  public MultiLayerNetwork net() {
    return net;
  }

  /** Forward pass with an optional feature mask {@code [B, T]}. */
  public INDArray forward(INDArray input, INDArray mask, boolean training) {
    layer.setInput(input, mgr);
    layer.setMaskArray(mask);
    return layer.activate(training, mgr);
  }

  /** Backward pass after {@link #forward}: parameter gradients (copied) and input gradient. */
  public Pair<Gradient, INDArray> backward(INDArray epsilon) {
    Pair<Gradient, INDArray> g = layer.backpropGradient(epsilon, mgr);
    Gradient copy = new org.deeplearning4j.nn.gradient.DefaultGradient();
    g.getFirst().gradientForVariable().forEach((k, v) -> copy.setGradientFor(k, v.dup()));
    return new Pair<>(copy, g.getSecond().dup());
  }
}
