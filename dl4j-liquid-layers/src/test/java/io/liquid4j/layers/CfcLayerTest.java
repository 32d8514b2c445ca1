package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.runtime.LiquidRecurrentLayer;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Configuration contract of {@link CfcLayer}: builder, JSON, parameters, save/load, graphs. */
class CfcLayerTest {

  @TempDir Path tmp;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @Test
  void defaultsAreNcps() {
    CfcLayer l = CfcLayer.builder().units(6).build();
    assertEquals(CfcMode.DEFAULT, l.getMode());
    assertEquals(128, l.getBackboneUnits());
    assertEquals(1, l.getBackboneLayers());
    assertEquals(0.0, l.getBackboneDropout());
    assertEquals(BackboneActivation.LECUN_TANH, l.getBackboneActivation());
    assertTrue(l.isReturnSequences());
    assertEquals(0, l.getProjSize());
    assertEquals(List.of("h"), l.stateKeys());
  }

  @Test
  void nInIsInferredFromTheInputTypeAndExcludesTheElapsedTime() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
        .layer(CfcLayer.builder().units(4).timespansInput(true).build())
        .layer(new RnnOutputLayer.Builder().nOut(2).build())
        .setInputType(InputType.recurrent(6)).build();
    assertEquals(5, ((CfcLayer) conf.getConf(0).getLayer()).getNIn());
  }

  @Test
  void jsonRoundTripEqualsAndKeepsEveryField() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
        .layer(CfcLayer.builder().name("cfc1").units(4).mode(CfcMode.NO_GATE).backboneUnits(7)
            .backboneLayers(2).backboneDropout(0.25).backboneActivation(BackboneActivation.GELU)
            .projSize(3).mixedMemory(true).returnSequences(false).timespansInput(true)
            .maxChunkLength(8).dataFormat(RNNFormat.NWC).build())
        .layer(new OutputLayer.Builder().nOut(2).build())
        .setInputType(InputType.recurrent(3, RNNFormat.NWC)).build();
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    assertEquals(conf, back);
    CfcLayer l = (CfcLayer) back.getConf(0).getLayer();
    assertEquals("cfc1", l.getLayerName());
    assertEquals(2, l.getNIn());
    assertEquals(CfcMode.NO_GATE, l.getMode());
    assertEquals(7, l.getBackboneUnits());
    assertEquals(2, l.getBackboneLayers());
    assertEquals(0.25, l.getBackboneDropout());
    assertEquals(BackboneActivation.GELU, l.getBackboneActivation());
    assertEquals(3, l.getProjSize());
    assertTrue(l.isMixedMemory() && l.isTimespansInput() && !l.isReturnSequences());
    assertEquals(8, l.getMaxChunkLength());
    assertEquals(RNNFormat.NWC, l.getDataFormat());
  }

  @Test
  void parameterKeysAndShapes() {
    MultiLayerNetwork net = Nets.regression(CfcLayer.builder().units(4).backboneUnits(5)
        .backboneLayers(2).projSize(2).mixedMemory(true).build(), 3, 1, true, RNNFormat.NCW,
        DataType.DOUBLE, new Adam(1e-3), 1);
    Map<String, INDArray> p = net.getLayer(0).paramTable();
    long[][] shapes = {{7, 5}, {5, 5}, {5, 4}, {5, 4}, {5, 4}, {5, 4}, {4, 2}, {3, 16}, {4, 16},
        {5}, {5}, {4}, {4}, {4}, {4}, {2}, {16}};
    String[] keys = {"backbone0W", "backbone1W", "ff1W", "ff2W", "timeAW", "timeBW", "fcW",
        "lstmInputW", "lstmRecurrentW", "backbone0b", "backbone1b", "ff1b", "ff2b", "timeAb",
        "timeBb", "fcb", "lstmInputb"};
    assertEquals(List.of(keys), List.copyOf(p.keySet()));
    for (int i = 0; i < keys.length; i++) {
      assertArrayEquals(shapes[i], p.get(keys[i]).shape(), keys[i]);
      assertTrue(!keys[i].contains("_"), "ComputationGraph splits parameter keys on '_'");
    }
  }

  @Test
  void initialisationFollowsNcps() {
    MultiLayerNetwork net = Nets.regression(CfcLayer.builder().units(20).backboneUnits(30)
        .mode(CfcMode.PURE).mixedMemory(true).build(), 10, 1, true, RNNFormat.NCW,
        DataType.DOUBLE, new Adam(1e-3), 1);
    Map<String, INDArray> p = net.getLayer(0).paramTable();
    assertBound(p.get("backbone0W"), Math.sqrt(6.0 / (30 + 30)), true); // Xavier uniform
    assertBound(p.get("backbone0b"), 1 / Math.sqrt(30), true); // torch Linear bias
    assertBound(p.get("ff1b"), 1 / Math.sqrt(30), true);
    assertBound(p.get("wTau"), Math.sqrt(6.0 / (1 + 20)), true); // 2-D: Xavier, as A
    assertBound(p.get("A"), Math.sqrt(6.0 / (1 + 20)), true);
    assertBound(p.get("lstmInputb"), 0.1, true);
    INDArray r = p.get("lstmRecurrentW"); // [20, 80], orthonormal rows
    INDArray gram = r.mmul(r.transpose());
    assertEquals(0.0, gram.sub(Nd4j.eye(20)).amaxNumber().doubleValue(), 1e-10);
  }

  private static void assertBound(INDArray v, double bound, boolean spread) {
    assertTrue(v.amaxNumber().doubleValue() <= bound, "values beyond " + bound);
    if (spread) {
      assertTrue(v.amaxNumber().doubleValue() > 0.5 * bound, "values do not fill the range");
    }
  }

  @Test
  void builderConstraintsAreAppliedAfterEveryUpdate() {
    CfcLayer layer = CfcLayer.builder().units(3).backboneUnits(4)
        .constrainWeights(new org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint())
        .build();
    MultiLayerNetwork net = Nets.regression(layer, 2, 1, true, RNNFormat.NCW, DataType.DOUBLE,
        new Adam(0.1), 1);
    assertEquals(net.getLayerWiseConfigurations(), MultiLayerConfiguration.fromJson(
        net.getLayerWiseConfigurations().toJson()));
    net.fit(Nd4j.randn(DataType.DOUBLE, 4, 2, 5), Nd4j.randn(DataType.DOUBLE, 4, 1, 5));
    Map<String, INDArray> p = net.getLayer(0).paramTable();
    boolean negativeBias = false;
    for (Map.Entry<String, INDArray> e : p.entrySet()) {
      if (e.getKey().endsWith("W")) {
        assertTrue(e.getValue().minNumber().doubleValue() >= 0, e.getKey() + " was not clipped");
      } else {
        negativeBias |= e.getValue().minNumber().doubleValue() < 0;
      }
    }
    assertTrue(negativeBias, "biases are not constrained by constrainWeights");
  }

  @Test
  void invalidSettingsFailAtBuildNamingLayerArgumentExpectedAndGot() {
    assertMessage("CfcLayer: units must be >= 1, got 0", () -> CfcLayer.builder().build());
    assertMessage("CfcLayer(name=\"c\"): backboneUnits must be >= 1, got 0",
        () -> CfcLayer.builder().name("c").units(2).backboneUnits(0).build());
    assertMessage("CfcLayer: backboneLayers must be >= 0, got -1",
        () -> CfcLayer.builder().units(2).backboneLayers(-1).build());
    assertMessage("CfcLayer: backboneDropout must be in [0.0, 1.0), got 1.0",
        () -> CfcLayer.builder().units(2).backboneLayers(2).backboneDropout(1.0).build());
    assertMessage("CfcLayer: backboneDropout acts after backbone layers 2..backboneLayers",
        () -> CfcLayer.builder().units(2).backboneDropout(0.1).build());
    assertMessage("CfcLayer: projSize (0 = no projection) must be >= 0, got -2",
        () -> CfcLayer.builder().units(2).projSize(-2).build());
    assertMessage("CfcLayer: maxChunkLength must be a power of two in [1, 1024], got 12",
        () -> CfcLayer.builder().units(2).maxChunkLength(12).build());
    assertMessage("CfcLayer: mode must be set, got null",
        () -> CfcLayer.builder().units(2).mode(null).build());
  }

  private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().startsWith(prefix), ex.getMessage());
  }

  @Test
  void wrongInputFeatureCountFailsBeforeAnyNativeCall() {
    MultiLayerNetwork net = Nets.regression(CfcLayer.builder().name("cfc").units(3).build(), 4,
        1, true, RNNFormat.NCW, DataType.DOUBLE, new Adam(1e-3), 1);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> net.output(Nd4j.rand(DataType.DOUBLE, 2, 5, 7)));
    assertEquals("CfcLayer(name=\"cfc\"): the input must have shape [batch, 4, time] (NCW), got "
        + "[2, 5, 7]", ex.getMessage());
  }

  @Test
  void negativeOrNonFiniteElapsedTimesFail() {
    MultiLayerNetwork net = Nets.regression(CfcLayer.builder().units(3).timespansInput(true)
        .build(), 3, 1, true, RNNFormat.NCW, DataType.DOUBLE, new Adam(1e-3), 1);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 4);
    INDArray dt = Nd4j.ones(DataType.DOUBLE, 2, 4);
    dt.putScalar(1, 2, -0.5);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> net.output(TimespanInputs.appendNcw(x, dt)));
    assertTrue(ex.getMessage().contains("elapsed times (the last input feature) must be >= 0, got "
        + "-0.5"), ex.getMessage());
    dt.putScalar(1, 2, Double.NaN);
    assertThrows(IllegalArgumentException.class, () -> net.output(TimespanInputs.appendNcw(x, dt)));
  }

  @Test
  void savedModelLoadsWithIdenticalOutputs() throws Exception {
    MultiLayerNetwork net = Nets.regression(CfcLayer.builder().units(3).mixedMemory(true)
        .projSize(2).build(), 2, 1, true, RNNFormat.NCW, DataType.DOUBLE, new Adam(1e-2), 1);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 2, 9);
    net.fit(x, Nd4j.randn(DataType.DOUBLE, 2, 1, 9));
    File file = tmp.resolve("cfc.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file, true);
    assertEquals(net.getLayerWiseConfigurations(), back.getLayerWiseConfigurations());
    assertTrue(back.getLayer(0) instanceof LiquidRecurrentLayer);
    assertEquals(0.0, net.output(x).sub(back.output(x)).amaxNumber().doubleValue(), 0.0);
  }

  @Test
  void computationGraphMergesASeparateElapsedTimeInput() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(DataType.DOUBLE).updater(new Adam(1e-2)).graphBuilder()
        .addInputs("x", "dt")
        .addVertex("xdt", new MergeVertex(), "x", "dt") // features first, elapsed time last
        .addLayer("cfc", CfcLayer.builder().units(3).timespansInput(true).build(), "xdt")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).build(), "cfc")
        .setOutputs("out")
        .setInputTypes(InputType.recurrent(2), InputType.recurrent(1))
        .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 2, 6);
    INDArray dt = Nd4j.rand(DataType.DOUBLE, 2, 6).addi(0.1);
    INDArray out = graph.outputSingle(x, dt.reshape(2, 1, 6));
    assertArrayEquals(new long[] {2, 1, 6}, out.shape());

    // The same parameters in a MultiLayerNetwork fed the appended array give the same output.
    MultiLayerNetwork mln = Nets.regression(CfcLayer.builder().units(3).timespansInput(true)
        .build(), 3, 1, true, RNNFormat.NCW, DataType.DOUBLE, new Adam(1e-2), 3);
    mln.params().assign(graph.params());
    assertEquals(0.0, out.sub(mln.output(TimespanInputs.appendNcw(x, dt))).amaxNumber()
        .doubleValue(), Tolerances.SAME_DOUBLE);
    graph.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x, dt.reshape(2, 1, 6)},
        new INDArray[] {Nd4j.randn(DataType.DOUBLE, 2, 1, 6)}));
  }
}
