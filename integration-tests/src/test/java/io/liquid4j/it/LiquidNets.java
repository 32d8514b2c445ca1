package io.liquid4j.it;

import io.liquid4j.layers.CfcLayer;
import io.liquid4j.layers.TimespanInputs;
import io.liquid4j.layers.WiredCfcLayer;
import io.liquid4j.wiring.AutoNcpWiring;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small float networks around the liquid layers, and data for them, for the integration tests. */
final class LiquidNets {

  /** Input features of every network here (with timespans: 2 features + Δt). */
  static final int FEATURES = 3;

  private LiquidNets() {}

  /** CfcLayer with options: mixed memory, projection, timespans. */
  static Layer cfcWithOptions() {
    return CfcLayer.builder().units(5).backboneUnits(8).mixedMemory(true).projSize(3)
        .timespansInput(true).build();
  }

  /** WiredCfcLayer on an AutoNCP wiring. */
  static Layer wiredNcp() {
    return WiredCfcLayer.builder().wiring(new AutoNcpWiring(8, 2)).build();
  }

  /** {@code layer -> RnnOutputLayer(MSE, identity, 1)}. */
  static MultiLayerNetwork regressionMln(Layer liquid, long seed) {
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
        .dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
        .layer(liquid)
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).build())
        .setInputType(InputType.recurrent(FEATURES)).build());
    net.init();
    return net;
  }

  /** {@code in -> liquid -> RnnOutputLayer(MSE, identity, 1)} as a ComputationGraph. */
  static ComputationGraph regressionGraph(Layer liquid, long seed) {
    ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(seed)
        .dataType(DataType.FLOAT).updater(new Adam(1e-2)).graphBuilder().addInputs("in")
        .addLayer("liquid", liquid, "in")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).build(), "liquid")
        .setOutputs("out").setInputTypes(InputType.recurrent(FEATURES)).build());
    g.init();
    return g;
  }

  /** Sequence classification: CfcLayer(last step) -> OutputLayer(softmax, classes). */
  static MultiLayerNetwork classifier(int classes, long seed) {
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
        .dataType(DataType.FLOAT).updater(new Adam(2e-2)).list()
        .layer(CfcLayer.builder().units(6).backboneUnits(16).returnSequences(false).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .activation(Activation.SOFTMAX).nOut(classes).build())
        .setInputType(InputType.recurrent(FEATURES)).build());
    net.init();
    return net;
  }

  /**
   * Features {@code [batch, 3, steps]} (the last one a positive Δt, so the data fits both layers
   * with and without timespans) and targets {@code [batch, 1, steps]}: a running sum of the first
   * feature.
   */
  static DataSet regressionData(int batch, int steps, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.FLOAT, batch, FEATURES - 1, steps);
    INDArray dt = Nd4j.rand(DataType.FLOAT, batch, steps).muli(0.5).addi(0.25);
    INDArray y = Nd4j.create(DataType.FLOAT, batch, 1, steps);
    for (int b = 0; b < batch; b++) { // a Java loop: ND4J's cumsum fails on [1, 1, T] views
      double sum = 0;
      for (int t = 0; t < steps; t++) {
        sum += x.getDouble(b, 0, t);
        y.putScalar(new long[] {b, 0, t}, 0.3 * sum);
      }
    }
    return new DataSet(TimespanInputs.appendNcw(x, dt), y);
  }

  /** Class = sign pattern of the mean of the first feature (0 or 1), one-hot {@code [batch, 2]}. */
  static DataSet classificationData(int batch, int steps, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.FLOAT, batch, FEATURES, steps);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 2);
    for (int b = 0; b < batch; b++) {
      double mean = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
          org.nd4j.linalg.indexing.NDArrayIndex.point(0),
          org.nd4j.linalg.indexing.NDArrayIndex.all()).meanNumber().doubleValue();
      labels.putScalar(b, mean > 0 ? 1 : 0, 1.0);
    }
    return new DataSet(x, labels);
  }

  /** Largest absolute difference. */
  static double maxDiff(INDArray a, INDArray b) {
    return a.sub(b).amaxNumber().doubleValue();
  }
}
