package io.liquid4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.layers.CfcLayer;
import io.liquid4j.layers.TimespanInputs;
import io.liquid4j.layers.WiredCfcLayer;
import io.liquid4j.testing.Nets;
import io.liquid4j.wiring.AutoNcpWiring;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Bad input on every path (MLN output, fit, rnnTimeStep; ComputationGraph) fails with an exception
 * naming the layer, the expected and the actual value, before any native call; nothing returns a
 * wrongly shaped result.
 */
class BadInputTest {

  private static final String CFC = "CfcLayer(name=\"cfc1\"): ";

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private static MultiLayerNetwork net(boolean timespans) {
    return Nets.regression(CfcLayer.builder().name("cfc1").units(3).backboneUnits(5)
        .timespansInput(timespans).build(), timespans ? 3 : 2, 1, true, RNNFormat.NCW,
        DataType.DOUBLE, new Adam(1e-2), 1);
  }

  private static ComputationGraph graph() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1)
        .dataType(DataType.DOUBLE).updater(new Adam(1e-2)).graphBuilder().addInputs("in")
        .addLayer("cfc1", CfcLayer.builder().units(3).backboneUnits(5).build(), "in")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).build(), "cfc1")
        .setOutputs("out").setInputTypes(InputType.recurrent(2)).build();
    ComputationGraph g = new ComputationGraph(conf);
    g.init();
    return g;
  }

  private static <T extends Throwable> void assertMessage(Class<T> type, String expected,
      Executable e) {
    T ex = assertThrows(type, e);
    assertEquals(expected, ex.getMessage());
  }

  private static INDArray x(long... shape) {
    return Nd4j.randn(DataType.DOUBLE, shape);
  }

  // ---------------------------------------------------------------- feature count and rank

  @Test
  void wrongFeatureCountOnEveryPath() {
    String msg = CFC + "the input must have shape [batch, 2, time] (NCW), got [2, 5, 7]";
    MultiLayerNetwork net = net(false);
    assertMessage(IllegalArgumentException.class, msg, () -> net.output(x(2, 5, 7)));
    assertMessage(IllegalArgumentException.class, msg, () -> net.fit(x(2, 5, 7), x(2, 1, 7)));
    assertMessage(IllegalArgumentException.class, msg, () -> net.rnnTimeStep(x(2, 5, 7)));
    assertMessage(IllegalArgumentException.class, msg, () -> graph().outputSingle(x(2, 5, 7)));
    // MultiLayerNetwork.rnnTimeStep reshapes one step [B, F] to [B, F, 1] before the layer sees it
    assertMessage(IllegalArgumentException.class,
        CFC + "the input must have shape [batch, 2, time] (NCW), got [2, 5, 1]",
        () -> net.rnnTimeStep(x(2, 5)));
  }

  @Test
  void wrongFeatureCountInNwc() {
    MultiLayerNetwork net = Nets.regression(CfcLayer.builder().name("cfc1").units(3)
        .backboneUnits(5).build(), 2, 1, true, RNNFormat.NWC, DataType.DOUBLE, new Adam(1e-2), 1);
    assertMessage(IllegalArgumentException.class,
        CFC + "the input must have shape [batch, time, 2] (NWC), got [2, 7, 5]",
        () -> net.output(x(2, 7, 5)));
  }

  @Test
  void wiredLayerNamesItselfToo() {
    MultiLayerNetwork net = Nets.regression(WiredCfcLayer.builder().name("ncp")
        .wiring(new AutoNcpWiring(8, 2)).build(), 3, 1, true, RNNFormat.NCW, DataType.DOUBLE,
        new Adam(1e-2), 1);
    assertMessage(IllegalArgumentException.class,
        "WiredCfcLayer(name=\"ncp\"): the input must have shape [batch, 3, time] (NCW), got "
            + "[2, 4, 6]", () -> net.output(x(2, 4, 6)));
  }

  // ---------------------------------------------------------------- masks

  @Test
  void maskOfTheWrongLengthOnEveryPath() {
    String msg = CFC + "the feature mask must have shape [2, 7], got [2, 5]";
    MultiLayerNetwork net = net(false);
    INDArray mask = Nd4j.ones(DataType.DOUBLE, 2, 5);
    assertMessage(IllegalArgumentException.class, msg,
        () -> net.output(x(2, 2, 7), false, mask, null));
    DataSet ds = new DataSet(x(2, 2, 7), x(2, 1, 7), mask, null);
    assertMessage(IllegalArgumentException.class, msg, () -> net.fit(ds));
    ComputationGraph g = graph();
    assertMessage(IllegalArgumentException.class, msg,
        () -> g.output(false, new INDArray[] {x(2, 2, 7)}, new INDArray[] {mask}));
  }

  @Test
  void maskOfRankOneOrFourIsRejected() {
    MultiLayerNetwork net = net(false);
    assertMessage(IllegalArgumentException.class,
        CFC + "the feature mask must have shape [2, time], got [2]",
        () -> net.output(x(2, 2, 7), false, Nd4j.ones(DataType.DOUBLE, 2), null));
    assertMessage(IllegalArgumentException.class,
        CFC + "the feature mask must have shape [2, time], got [2, 1, 1, 7]",
        () -> net.output(x(2, 2, 7), false, Nd4j.ones(DataType.DOUBLE, 2, 1, 1, 7), null));
  }

  @Test
  void maskOfTheWrongBatchSize() {
    MultiLayerNetwork net = net(false);
    assertMessage(IllegalArgumentException.class,
        CFC + "the feature mask must have shape [2, 7], got [3, 7]",
        () -> net.output(x(2, 2, 7), false, Nd4j.ones(DataType.DOUBLE, 3, 7), null));
  }

  // ---------------------------------------------------------------- elapsed times

  @Test
  void timespansOfTheWrongShape() {
    assertMessage(IllegalArgumentException.class, "TimespanInputs: timespans must have shape "
        + "[batch, time] = [2, 4] matching features [2, 2, 4], got [2, 5]",
        () -> TimespanInputs.appendNcw(x(2, 2, 4), Nd4j.ones(DataType.DOUBLE, 2, 5)));
    assertMessage(IllegalArgumentException.class, "TimespanInputs: timespans must have shape "
        + "[batch, time] = [2, 4] matching features [2, 2, 4], got [2, 1, 4]",
        () -> TimespanInputs.appendNcw(x(2, 2, 4), Nd4j.ones(DataType.DOUBLE, 2, 1, 4)));
    // forgetting to append them is a feature count error that says what is missing
    assertMessage(IllegalArgumentException.class, CFC + "the input must have shape [batch, 3, "
        + "time] (NCW) (nIn=2 features plus the elapsed time as the last feature), got [2, 2, 4]",
        () -> net(true).output(x(2, 2, 4)));
  }

  @Test
  void negativeOrNonFiniteTimespansOnEveryPath() {
    MultiLayerNetwork net = net(true);
    INDArray features = x(2, 2, 4);
    double[][] bad = {{-0.5}, {Double.NaN}, {Double.POSITIVE_INFINITY},
        {Double.NEGATIVE_INFINITY}};
    for (double[] b : bad) {
      INDArray dt = Nd4j.ones(DataType.DOUBLE, 2, 4);
      dt.putScalar(1, 2, b[0]);
      INDArray in = TimespanInputs.appendNcw(features, dt);
      String msg = CFC + "elapsed times (the last input feature) must be "
          + (Double.isFinite(b[0]) ? ">= 0" : "finite") + ", got " + b[0] + " at sample 1, step 2";
      assertMessage(IllegalArgumentException.class, msg, () -> net.output(in));
      assertMessage(IllegalArgumentException.class, msg, () -> net.fit(in, x(2, 1, 4)));
      assertMessage(IllegalArgumentException.class, msg, () -> net.rnnTimeStep(in));
    }
  }

  // ---------------------------------------------------------------- state

  @Test
  void initialStateOfTheWrongSize() {
    MultiLayerNetwork net = net(false);
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) net.getLayer(0);
    // checked when set, before any forward pass
    assertMessage(IllegalArgumentException.class,
        CFC + "state \"h\" must have shape [batch, 3], got [2, 5]",
        () -> layer.setInitialState(Map.of("h", Nd4j.zeros(DataType.DOUBLE, 2, 5))));
    assertMessage(IllegalArgumentException.class,
        CFC + "state \"h\" must have shape [batch, 3], got [3]",
        () -> layer.setInitialState(Map.of("h", Nd4j.zeros(DataType.DOUBLE, 3))));
    assertMessage(IllegalArgumentException.class,
        CFC + "unknown state key \"c\", expected one of [h]",
        () -> layer.setInitialState(Map.of("c", Nd4j.zeros(DataType.DOUBLE, 2, 3))));
    // a well-formed state for another batch size fails at the forward pass, naming both
    layer.setInitialState(Map.of("h", Nd4j.zeros(DataType.DOUBLE, 4, 3)));
    String msg = CFC + "state \"h\" must have shape [2, 3] (or [1, 3]), got [4, 3]";
    assertMessage(IllegalArgumentException.class, msg, () -> net.output(x(2, 2, 7)));
    assertMessage(IllegalArgumentException.class, msg, () -> net.fit(x(2, 2, 7), x(2, 1, 7)));
  }

  @Test
  void streamingStateOfTheWrongSize() {
    MultiLayerNetwork net = net(false);
    assertMessage(IllegalArgumentException.class,
        CFC + "state \"h\" must have shape [batch, 3], got [2, 4]",
        () -> net.rnnSetPreviousState(0, Map.of("h", Nd4j.zeros(DataType.DOUBLE, 2, 4))));
    // a stream of batch 2 continued with batch 4
    net.rnnClearPreviousState();
    net.rnnTimeStep(x(2, 2));
    assertMessage(IllegalArgumentException.class,
        CFC + "state \"h\" must have shape [4, 3] (or [1, 3]), got [2, 3]",
        () -> net.rnnTimeStep(x(4, 2)));
  }

  // ---------------------------------------------------------------- parameters

  @Test
  void nonFiniteParametersFailAtTheFirstForwardPass() {
    MultiLayerNetwork net = net(false);
    net.params().putScalar(7, Double.NaN); // backbone0W [5, 5]: row 1, column 2
    String msg = CFC + "parameter \"backbone0W\" must be finite, got NaN at [1, 2] (1 of 25 "
        + "values non-finite); the model file or the parameters set on this network are broken";
    assertMessage(IllegalStateException.class, msg, () -> net.output(x(2, 2, 7)));
    assertMessage(IllegalStateException.class, msg, () -> net.fit(x(2, 2, 7), x(2, 1, 7)));
    MultiLayerNetwork copy = net(false);
    copy.getLayer(0).params().putScalar(copy.getLayer(0).numParams() - 3,
        Double.POSITIVE_INFINITY);
    IllegalStateException ex = assertThrows(IllegalStateException.class,
        () -> copy.rnnTimeStep(x(2, 2)));
    assertTrue(ex.getMessage().startsWith(CFC + "parameter \""), ex.getMessage());
    ComputationGraph g = graph();
    g.params().putScalar(0, Double.NaN);
    assertThrows(IllegalStateException.class, () -> g.outputSingle(x(2, 2, 7)));
  }
}
