package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.runtime.LiquidRecurrentLayer;
import io.liquid4j.testing.Nets;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Configuration contract of {@link GruLayer}: builder, JSON, parameters, init, save/load. */
class GruLayerTest {

  @TempDir Path tmp;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @Test
  void defaults() {
    GruLayer l = GruLayer.builder().units(6).build();
    assertNull(l.getWeightInit(), "null weightInit = PyTorch's U(±1/√units)");
    assertTrue(l.isReturnSequences());
    assertEquals(List.of("h"), l.stateKeys());
    assertEquals(6, l.stateSize());
    assertEquals(6, l.outputSize());
  }

  @Test
  void jsonRoundTripEqualsAndKeepsEveryField() {
    for (WeightInit init : new WeightInit[] {null, WeightInit.XAVIER}) {
      MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
          .layer(GruLayer.builder().name("gru1").units(4).returnSequences(false)
              .maxChunkLength(8).dataFormat(RNNFormat.NWC).weightInit(init).dropOut(0.8).build())
          .layer(new OutputLayer.Builder().nOut(2).build())
          .setInputType(InputType.recurrent(3, RNNFormat.NWC)).build();
      MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
      assertEquals(conf, back);
      GruLayer l = (GruLayer) back.getConf(0).getLayer();
      assertEquals("gru1", l.getLayerName());
      assertEquals(3, l.getNIn());
      assertEquals(4, l.getUnits());
      assertTrue(!l.isReturnSequences() && !l.isTimespansInput());
      assertEquals(8, l.getMaxChunkLength());
      assertEquals(RNNFormat.NWC, l.getDataFormat());
      assertEquals(init, l.getWeightInit());
      assertEquals(conf.getConf(0).getLayer().getIDropout(), l.getIDropout());
    }
  }

  @Test
  void parameterKeysAndShapesFollowPyTorchTransposed() {
    MultiLayerNetwork net = Nets.regression(GruLayer.builder().units(4).build(), 3, 1, true,
        RNNFormat.NCW, DataType.DOUBLE, new Adam(1e-3), 1);
    Map<String, INDArray> p = net.getLayer(0).paramTable();
    String[] keys = {"inputW", "recurrentW", "inputb", "recurrentb"};
    long[][] shapes = {{3, 12}, {4, 12}, {12}, {12}};
    assertEquals(List.of(keys), List.copyOf(p.keySet()));
    for (int i = 0; i < keys.length; i++) {
      assertArrayEquals(shapes[i], p.get(keys[i]).shape(), keys[i]);
      assertTrue(!keys[i].contains("_"), "ComputationGraph splits parameter keys on '_'");
    }
    assertEquals(3 * (3 * 4 + 4 * 4 + 2 * 4), net.getLayer(0).numParams());
  }

  @Test
  void initialisationIsPyTorchsUnlessWeightInitIsSet() {
    int units = 25;
    Map<String, INDArray> p = Nets.regression(GruLayer.builder().units(units).build(), 10, 1,
        true, RNNFormat.NCW, DataType.DOUBLE, new Adam(1e-3), 1).getLayer(0).paramTable();
    for (INDArray v : p.values()) {
      assertBound(v, 1 / Math.sqrt(units));
    }
    Map<String, INDArray> x = Nets.regression(GruLayer.builder().units(units)
        .weightInit(WeightInit.XAVIER_UNIFORM).build(), 10, 1, true, RNNFormat.NCW,
        DataType.DOUBLE, new Adam(1e-3), 1).getLayer(0).paramTable();
    assertBound(x.get("inputW"), Math.sqrt(6.0 / (10 + 3 * units)));
    assertBound(x.get("recurrentW"), Math.sqrt(6.0 / (units + 3 * units)));
    assertBound(x.get("inputb"), 1 / Math.sqrt(units)); // biases keep PyTorch's
    assertBound(x.get("recurrentb"), 1 / Math.sqrt(units));
  }

  private static void assertBound(INDArray v, double bound) {
    double max = v.amaxNumber().doubleValue();
    assertTrue(max <= bound, "values beyond " + bound + ": " + max);
    assertTrue(max > 0.8 * bound, "values do not fill the range " + bound + ": " + max);
  }

  @Test
  void invalidSettingsFailAtBuildNamingLayerArgumentExpectedAndGot() {
    assertMessage("GruLayer: units must be >= 1, got 0", () -> GruLayer.builder().build());
    assertMessage("GruLayer(name=\"g\"): units must be >= 1, got -3",
        () -> GruLayer.builder().name("g").units(-3).build());
    assertMessage("GruLayer: timespansInput must be false, got true: a GRU has no notion of "
        + "elapsed time; use CfcLayer", () -> GruLayer.builder().units(2).timespansInput(true)
        .build());
    assertMessage("GruLayer: maxChunkLength must be a power of two in [1, 1024], got 12",
        () -> GruLayer.builder().units(2).maxChunkLength(12).build());
  }

  @Test
  void timespansSetOutsideTheBuilderFailBeforeTheNetworkRuns() {
    GruLayer layer = GruLayer.builder().units(2).build();
    layer.setTimespansInput(true); // as a hand-edited JSON would
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list().layer(layer)
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).build())
        .setInputType(InputType.recurrent(3)).build();
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> new MultiLayerNetwork(conf).init());
    assertTrue(ex.getMessage().startsWith("GruLayer(name=\"layer0\"): timespansInput must be "
        + "false, got true"), ex.getMessage());
  }

  private static void assertMessage(String prefix, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().startsWith(prefix), ex.getMessage());
  }

  @Test
  void wrongInputFeatureCountFailsNamingTheShapes() {
    MultiLayerNetwork net = Nets.regression(GruLayer.builder().name("gru").units(3).build(), 4,
        1, true, RNNFormat.NCW, DataType.DOUBLE, new Adam(1e-3), 1);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> net.output(Nd4j.rand(DataType.DOUBLE, 2, 5, 7)));
    assertEquals("GruLayer(name=\"gru\"): the input must have shape [batch, 4, time] (NCW), got "
        + "[2, 5, 7]", ex.getMessage());
  }

  @Test
  void savedModelLoadsWithIdenticalOutputs() throws Exception {
    MultiLayerNetwork net = Nets.regression(GruLayer.builder().units(3).build(), 2, 1, true,
        RNNFormat.NCW, DataType.DOUBLE, new Adam(1e-2), 1);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 2, 9);
    net.fit(x, Nd4j.randn(DataType.DOUBLE, 2, 1, 9));
    File file = tmp.resolve("gru.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file, true);
    assertEquals(net.getLayerWiseConfigurations(), back.getLayerWiseConfigurations());
    assertTrue(back.getLayer(0) instanceof LiquidRecurrentLayer);
    assertEquals(0.0, net.output(x).sub(back.output(x)).amaxNumber().doubleValue(), 0.0);
  }

  @Test
  void trainsInAComputationGraph() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(DataType.DOUBLE).updater(new Adam(1e-2)).graphBuilder()
        .addInputs("x")
        .addLayer("gru", GruLayer.builder().units(3).build(), "x")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).build(), "gru")
        .setOutputs("out").setInputTypes(InputType.recurrent(2)).build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 2, 6);
    INDArray y = Nd4j.randn(DataType.DOUBLE, 2, 1, 6);
    double before = graph.score(new org.nd4j.linalg.dataset.DataSet(x, y));
    for (int i = 0; i < 20; i++) {
      graph.fit(new INDArray[] {x}, new INDArray[] {y});
    }
    double after = graph.score(new org.nd4j.linalg.dataset.DataSet(x, y));
    assertTrue(after < before, "score " + before + " -> " + after);
  }
}
