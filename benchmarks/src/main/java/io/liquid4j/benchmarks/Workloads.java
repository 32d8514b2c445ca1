package io.liquid4j.benchmarks;

import io.liquid4j.layers.CfcLayer;
import io.liquid4j.layers.LtcLayer;
import io.liquid4j.wiring.AutoNcpWiring;
import io.liquid4j.layers.GruLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The benchmarked networks and data: recurrent layer, then MSE on every step. */
public final class Workloads {

  private Workloads() {}

  /** A recurrent layer of the benchmark, by name. */
  public static Layer recurrent(String model, int units) {
    return switch (model) {
      case "cfc" -> CfcLayer.builder().units(units).backboneUnits(128).build();
      case "lstm" -> new LSTM.Builder().nOut(units).activation(Activation.TANH).build();
      case "gru" -> GruLayer.builder().units(units).build();
      case "ltc" -> LtcLayer.builder().units(units).build(); // fully connected, 6 unfolds
      case "ltc-ncp" -> LtcLayer.builder().wiring(new AutoNcpWiring(units, 1)).build();
      default -> throw new IllegalArgumentException("unknown model " + model);
    };
  }

  /** {@code recurrent -> RnnOutputLayer(MSE, nOut 1)}, float32, Adam. */
  public static MultiLayerNetwork network(Layer recurrent, int nIn) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(1).dataType(DataType.FLOAT).updater(new Adam(1e-3)).list()
        .layer(recurrent)
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).build())
        .setInputType(InputType.recurrent(nIn))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** Random regression data {@code [batch, nIn, steps]} to {@code [batch, 1, steps]}. */
  public static DataSet data(int batch, int nIn, int steps, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return new DataSet(Nd4j.randn(DataType.FLOAT, batch, nIn, steps),
        Nd4j.randn(DataType.FLOAT, batch, 1, steps));
  }
}
