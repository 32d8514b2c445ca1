package io.liquid4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.layers.CfcLayer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Truncated BPTT with liquid layers in a MultiLayerNetwork and a ComputationGraph: sequences of 25
 * steps in segments of 10 (the last one 5 steps) train, and the loss of a task that needs the
 * carried state (output the input of 3 steps ago) decreases.
 */
class TbpttIT {

  private static final int LENGTH = 25;
  private static final int SEGMENT = 10;

  /** Input noise {@code [16, 1, 25]}; the label at step t is the input at step t - 3. */
  private static DataSet delayTask() {
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.randn(DataType.FLOAT, 16, 1, LENGTH);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 1, LENGTH);
    y.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(3, LENGTH))
        .assign(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, LENGTH - 3)));
    return new DataSet(x, y);
  }

  private static CfcLayer cfc() {
    return CfcLayer.builder().units(12).backboneUnits(16).mixedMemory(true).build();
  }

  private static RnnOutputLayer out() {
    return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
        .activation(Activation.IDENTITY).build();
  }

  @Test
  void multiLayerNetworkTrainsWithTruncatedBptt() {
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
        .updater(new Adam(1e-2)).list().layer(cfc()).layer(out())
        .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(SEGMENT)
        .tBPTTBackwardLength(SEGMENT).setInputType(InputType.recurrent(1)).build());
    net.init();
    DataSet data = delayTask();
    double before = net.score(data);
    for (int epoch = 0; epoch < 60; epoch++) {
      net.fit(data);
    }
    double after = net.score(data);
    assertTrue(after < 0.6 * before, "MSE " + before + " -> " + after);
    assertEquals(net.getIterationCount(), 60 * 3, "three segments (10, 10, 5) per fit");
  }

  @Test
  void computationGraphTrainsWithTruncatedBptt() {
    ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1)
        .updater(new Adam(1e-2)).graphBuilder().addInputs("in")
        .addLayer("cfc", cfc(), "in").addLayer("out", out(), "cfc").setOutputs("out")
        .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(SEGMENT)
        .tBPTTBackwardLength(SEGMENT).setInputTypes(InputType.recurrent(1)).build());
    graph.init();
    DataSet data = delayTask();
    double before = graph.score(data);
    for (int epoch = 0; epoch < 60; epoch++) {
      graph.fit(data);
    }
    double after = graph.score(data);
    assertTrue(after < 0.6 * before, "MSE " + before + " -> " + after);
    assertEquals(graph.getIterationCount(), 60 * 3, "three segments (10, 10, 5) per fit");
  }
}
