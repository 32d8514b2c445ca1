package io.liquid4j.testing;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks around one layer, for tests. */
public final class Nets {

  private Nets() {}

  /** {@code layer -> RnnOutputLayer(MSE, identity, nOut)} (or OutputLayer for a last-step layer). */
  public static MultiLayerNetwork regression(Layer layer, int nIn, int nOut, boolean sequenceOut,
      RNNFormat format, DataType dataType, IUpdater updater, long seed) {
    Layer out = sequenceOut
        ? new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
            .nOut(nOut).dataFormat(format).build()
        : new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
            .nOut(nOut).build();
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(seed).dataType(dataType).updater(updater).list()
        .layer(layer).layer(out)
        .setInputType(InputType.recurrent(nIn, format))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** A double-precision regression network with a NoOp updater, for gradient checks. */
  public static MultiLayerNetwork gradientCheckNet(Layer layer, int nIn, int nOut,
      boolean sequenceOut, RNNFormat format) {
    return regression(layer, nIn, nOut, sequenceOut, format, DataType.DOUBLE, new NoOp(), 12345);
  }
}
