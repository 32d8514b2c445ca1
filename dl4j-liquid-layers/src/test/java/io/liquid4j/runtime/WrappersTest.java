package io.liquid4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.layers.CfcLayer;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DL4J's wrappers around liquid layers: MaskZeroLayer works; LastTimeStep fails early. */
class WrappersTest {

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private static CfcLayer.Builder cfc() {
    return CfcLayer.builder().name("cfc").units(3).backboneUnits(4);
  }

  private static void assertPointsToReturnSequencesFalse(String message) {
    // the list builder renames the wrapped layer after the wrapper ("layer0")
    assertTrue(message.matches("CfcLayer\\(name=\"[a-z0-9]+\"\\): cannot be wrapped in DL4J's "
        + "LastTimeStep, .*"), message);
    assertTrue(message.contains("returnSequences(false)"), message);
  }

  @Test
  void lastTimeStepFailsWhenTheConfigurationIsBuiltPointingToReturnSequencesFalse() {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().list()
        .layer(new LastTimeStep(cfc().build()))
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
        .setInputType(InputType.recurrent(2));
    assertPointsToReturnSequencesFalse(
        assertThrows(IllegalArgumentException.class, list::build).getMessage());

    NeuralNetConfiguration.ListBuilder masked = new NeuralNetConfiguration.Builder().list()
        .layer(new LastTimeStep(new MaskZeroLayer(cfc().build(), 0.0)))
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
        .setInputType(InputType.recurrent(2));
    assertPointsToReturnSequencesFalse(
        assertThrows(IllegalArgumentException.class, masked::build).getMessage());
  }

  @Test
  void dl4jBidirectionalFailsWhenTheConfigurationIsBuilt() {
    // Bidirectional(cfc) is refused by DL4J's constructor; through a DL4J wrapper it gets further
    assertThrows(IllegalArgumentException.class, () -> new Bidirectional(cfc().build()));
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().list()
        .layer(new Bidirectional(new MaskZeroLayer(cfc().build(), 0.0)))
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
            .activation(Activation.IDENTITY).build())
        .setInputType(InputType.recurrent(2));
    String message = assertThrows(IllegalArgumentException.class, list::build).getMessage();
    assertTrue(message.matches("CfcLayer\\(name=\"[a-z0-9]+\"\\): cannot be wrapped in DL4J's "
        + "Bidirectional, .*BidirectionalLiquidLayer.*"), message);
  }

  @Test
  void lastTimeStepWithoutInputTypesFailsWhenTheNetworkIsInitialised() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
        .layer(new LastTimeStep(cfc().nIn(2).build()))
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1).activation(Activation.IDENTITY).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    assertPointsToReturnSequencesFalse(
        assertThrows(IllegalArgumentException.class, net::init).getMessage());
  }

  /** Steps whose features all equal the mask value act as masked steps. */
  @Test
  void maskZeroLayerEqualsAnExplicitMask() {
    int[] lengths = {5, 3};
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 2, 5);
    INDArray mask = Nd4j.ones(DataType.DOUBLE, 2, 5);
    x.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(3, 5)).assign(0);
    mask.get(NDArrayIndex.point(1), NDArrayIndex.interval(3, 5)).assign(0);
    for (boolean sequences : new boolean[] {true, false}) {
      MultiLayerNetwork explicit = Nets.regression(cfc().returnSequences(sequences).build(), 2, 1,
          sequences, RNNFormat.NCW, DataType.DOUBLE, new NoOp(), 4);
      MultiLayerNetwork zero = Nets.regression(new MaskZeroLayer(
          cfc().returnSequences(sequences).build(), 0.0), 2, 1, sequences, RNNFormat.NCW,
          DataType.DOUBLE, new NoOp(), 4);
      zero.setParams(explicit.params());
      INDArray expected = explicit.output(x, false, mask, null);
      INDArray actual = zero.output(x);
      assertArrayEquals(expected.shape(), actual.shape());
      assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), Tolerances.SAME_DOUBLE,
          "returnSequences=" + sequences);
      if (!sequences) {
        // the last valid step of sample 1 is step 2, not the padded step 4
        INDArray prefix = explicit.output(x.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(),
            NDArrayIndex.interval(0, lengths[1])).dup());
        assertEquals(0.0, prefix.sub(actual.getRow(1, true)).amaxNumber().doubleValue(),
            Tolerances.SAME_DOUBLE);
      }
    }
  }
}
