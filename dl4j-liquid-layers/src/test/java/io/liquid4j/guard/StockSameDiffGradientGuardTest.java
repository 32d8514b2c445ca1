package io.liquid4j.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liquid4j.testing.Tolerances;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Guard: DL4J 1.0.0-M2.1's stock SameDiff-layer runtime returns exactly twice the true gradient.
 *
 * <p>Cause: the stock runtime backpropagates through {@code ExternalErrorsFunction}, whose {@code
 * doDiff} both registers the gradient placeholder as the output's gradient and returns it, and
 * {@code DifferentialFunction.diff} adds the returned value to the one already registered, so
 * dL/dout = 2·eps. That is why Liquid4j has its own runtime ({@code LiquidRecurrentLayer}), which
 * differentiates {@code sum(out ⊙ eps)} instead. If this test fails after a DL4J upgrade, the
 * stock runtime changed: re-check whether the own runtime is still needed.
 */
class StockSameDiffGradientGuardTest {

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private static MultiLayerNetwork net(Layer hidden) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(3).dataType(DataType.DOUBLE).updater(new NoOp()).list()
        .layer(hidden)
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nIn(4).nOut(2).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  @Test
  void stockRuntimeDoublesTheGradientOfDenseLayer() {
    MultiLayerNetwork dense = net(new DenseLayer.Builder().nIn(3).nOut(4)
        .activation(Activation.TANH).build());
    MultiLayerNetwork stock = net(new StockDenseSameDiffLayer(3, 4));
    // Same shapes, different flattening order (DenseLayer's W is 'f'): copy key by key into the
    // views (the stock runtime's setParam checks the shape but never assigns).
    for (String key : dense.paramTable().keySet()) {
      stock.paramTable().get(key).assign(dense.paramTable().get(key));
    }

    INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 3);
    INDArray y = Nd4j.randn(DataType.DOUBLE, 5, 2);
    assertEquals(0.0, dense.output(x).sub(stock.output(x)).amaxNumber().doubleValue(),
        Tolerances.SAME_DOUBLE, "forward passes differ: the comparison is void");

    Gradient gDense = gradient(dense, x, y);
    Gradient gStock = gradient(stock, x, y);
    for (String key : new String[] {"0_W", "0_b"}) {
      INDArray ratio = gStock.getGradientFor(key).div(gDense.getGradientFor(key));
      assertEquals(2.0, ratio.minNumber().doubleValue(), 1e-9, key + ": stock / true gradient");
      assertEquals(2.0, ratio.maxNumber().doubleValue(), 1e-9, key + ": stock / true gradient");
    }
    // The output layer above is a built-in layer: its gradient is right in both networks.
    assertEquals(0.0, gStock.getGradientFor("1_W").sub(gDense.getGradientFor("1_W"))
        .amaxNumber().doubleValue(), Tolerances.SAME_DOUBLE);
  }

  private static Gradient gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    return net.gradient();
  }
}
