package io.liquid4j.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.layers.BackboneActivation;
import io.liquid4j.layers.CfcLayer;
import io.liquid4j.layers.CfcMode;
import io.liquid4j.layers.WiredCfcLayer;
import io.liquid4j.runtime.LiquidRecurrentLayer;
import io.liquid4j.testing.Tolerances;
import io.liquid4j.wiring.NeuronType;
import io.liquid4j.wiring.Wiring;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The configurations and models written by Liquid4j 0.1.0 (committed under {@code
 * io/liquid4j/compat/v0.1.0/}) still load with every field and give the recorded outputs. If this
 * fails after a change, the change breaks users' saved models: keep the old field or class name
 * readable (a Jackson alias, a setter) rather than regenerating the files.
 */
class CompatV010Test {

  private static final String DIR = "/io/liquid4j/compat/" + CompatFixtures.RELEASE + "/";

  private static InputStream resource(String file) {
    InputStream in = CompatV010Test.class.getResourceAsStream(DIR + file);
    assertNotNull(in, "missing fixture " + DIR + file);
    return in;
  }

  private static MultiLayerConfiguration config(String name) throws IOException {
    try (InputStream in = resource(name + ".config.json")) {
      return MultiLayerConfiguration.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Loads the saved model, checks it against its JSON and the recorded output; returns it. */
  private static MultiLayerNetwork loadAndCompare(String name) throws IOException {
    MultiLayerConfiguration json = config(name);
    MultiLayerNetwork net;
    try (InputStream in = resource(name + ".zip")) {
      net = ModelSerializer.restoreMultiLayerNetwork(in, true);
    }
    assertEquals(json, net.getLayerWiseConfigurations(), "the zip's configuration.json");
    assertTrue(net.getLayer(0) instanceof org.deeplearning4j.nn.api.layers.RecurrentLayer,
        "a liquid runtime layer, got " + net.getLayer(0).getClass());
    assertEquals(DataType.FLOAT, net.params().dataType());
    INDArray updater = net.getUpdater().getStateViewArray();
    assertNotNull(updater, "updater state");
    assertEquals(2 * net.numParams(), updater.length(), "Adam keeps two moments per parameter");
    assertTrue(updater.amaxNumber().doubleValue() > 0, "a trained updater state is not all zeros");
    Map<String, INDArray> recorded;
    try (InputStream in = resource(name + ".expected.txt")) {
      recorded = CompatFixtures.readArrays(in);
    }
    INDArray out = net.output(recorded.get("input"));
    assertArrayEquals(recorded.get("output").shape(), out.shape());
    assertEquals(0.0, out.sub(recorded.get("output")).amaxNumber().doubleValue(),
        Tolerances.SAME_FLOAT, name + ": output differs from the one recorded by 0.1.0");
    return net;
  }

  private static void assertSharedDefaults(org.deeplearning4j.nn.conf.layers.Layer layer,
      MultiLayerConfiguration conf) {
    io.liquid4j.layers.AbstractLiquidLayer l = (io.liquid4j.layers.AbstractLiquidLayer) layer;
    assertTrue(l.isReturnSequences());
    assertEquals(RNNFormat.NCW, l.getDataFormat());
    assertEquals(32, l.getMaxChunkLength());
    assertEquals(WeightInit.XAVIER_UNIFORM, l.getWeightInit());
    assertEquals(new Adam(1e-2), l.getUpdater());
    assertNull(l.getBiasUpdater());
    assertEquals(DataType.FLOAT, conf.getDataType());
    assertEquals(2, conf.getConfs().size());
  }

  @Test
  void cfcDefault() throws IOException {
    MultiLayerConfiguration conf = config("cfc_default");
    CfcLayer l = (CfcLayer) conf.getConf(0).getLayer();
    assertSharedDefaults(l, conf);
    assertEquals("cfc", l.getLayerName());
    assertEquals(3, l.getNIn());
    assertEquals(4, l.getUnits());
    assertEquals(CfcMode.DEFAULT, l.getMode());
    assertEquals(128, l.getBackboneUnits());
    assertEquals(1, l.getBackboneLayers());
    assertEquals(0.0, l.getBackboneDropout());
    assertEquals(BackboneActivation.LECUN_TANH, l.getBackboneActivation());
    assertEquals(0, l.getProjSize());
    assertFalse(l.isMixedMemory());
    assertFalse(l.isTimespansInput());
    MultiLayerNetwork net = loadAndCompare("cfc_default");
    assertEquals(List.of("backbone0W", "ff1W", "ff2W", "timeAW", "timeBW", "backbone0b", "ff1b",
        "ff2b", "timeAb", "timeBb"), List.copyOf(net.getLayer(0).paramTable().keySet()));
    assertEquals(7 * 128 + 128 + 4 * (128 * 4 + 4), net.getLayer(0).numParams());
  }

  @Test
  void cfcWithMixedMemoryProjectionAndTimespans() throws IOException {
    MultiLayerConfiguration conf = config("cfc_options");
    CfcLayer l = (CfcLayer) conf.getConf(0).getLayer();
    assertSharedDefaults(l, conf);
    assertEquals("cfc", l.getLayerName());
    assertEquals(2, l.getNIn()); // 3 input features, the last one the elapsed time
    assertEquals(4, l.getUnits());
    assertEquals(CfcMode.DEFAULT, l.getMode());
    assertEquals(8, l.getBackboneUnits());
    assertEquals(1, l.getBackboneLayers());
    assertEquals(0.0, l.getBackboneDropout());
    assertEquals(BackboneActivation.LECUN_TANH, l.getBackboneActivation());
    assertEquals(2, l.getProjSize());
    assertTrue(l.isMixedMemory());
    assertTrue(l.isTimespansInput());
    assertEquals(List.of("h", "c"), l.stateKeys());
    MultiLayerNetwork net = loadAndCompare("cfc_options");
    Map<String, INDArray> p = net.getLayer(0).paramTable();
    assertArrayEquals(new long[] {4, 2}, p.get("fcW").shape());
    assertArrayEquals(new long[] {2, 16}, p.get("lstmInputW").shape());
    assertArrayEquals(new long[] {4, 16}, p.get("lstmRecurrentW").shape());
  }

  @Test
  void wiredCfcWithAutoNcp() throws IOException {
    MultiLayerConfiguration conf = config("wiredcfc_autoncp");
    WiredCfcLayer l = (WiredCfcLayer) conf.getConf(0).getLayer();
    assertSharedDefaults(l, conf);
    assertEquals("ncp", l.getLayerName());
    assertEquals(3, l.getNIn());
    assertEquals(CfcMode.DEFAULT, l.getMode());
    assertEquals(0, l.getProjSize());
    assertFalse(l.isMixedMemory());
    assertFalse(l.isTimespansInput());
    Wiring w = l.getWiring();
    assertEquals(8, w.units());
    assertEquals(3, w.inputDim());
    assertEquals(2, w.outputDim());
    assertEquals(List.of(NeuronType.MOTOR, NeuronType.MOTOR, NeuronType.COMMAND,
        NeuronType.COMMAND, NeuronType.INTER, NeuronType.INTER, NeuronType.INTER,
        NeuronType.INTER), w.neuronTypes());
    assertArrayEquals(new int[][] {{4, 5, 6, 7}, {2, 3}, {0, 1}}, w.layers());
    assertArrayEquals(new int[][] {{0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0},
        {0, 1, 0, 0, 0, 0, 0, 0}, {1, 0, 1, 0, 0, 0, 0, 0}, {0, 0, 0, -1, 0, 0, 0, 0},
        {0, 0, 1, 0, 0, 0, 0, 0}, {0, 0, 0, -1, 0, 0, 0, 0}, {0, 0, -1, 0, 0, 0, 0, 0}},
        w.adjacency());
    assertArrayEquals(new int[][] {{0, 0, 0, 0, 1, 1, 0, 0}, {0, 0, 0, 0, 1, 0, 1, 1},
        {0, 0, 0, 0, 1, -1, 0, 0}}, w.sensoryAdjacency());
    assertEquals("AutoNcpWiring", w.provenance().generator());
    assertEquals(Long.valueOf(22222L), w.provenance().seed());
    assertEquals(8, ((Number) w.provenance().args().get("units")).intValue());
    assertEquals(2, ((Number) w.provenance().args().get("outputSize")).intValue());
    assertNull(conf.getConf(0).getLayer().getIDropout());
    MultiLayerNetwork net = loadAndCompare("wiredcfc_autoncp");
    assertArrayEquals(new long[] {7, 4}, net.getLayer(0).getParam("layer0ff1W").shape());
    assertArrayEquals(new long[] {4, 2}, net.getLayer(0).getParam("layer2timeBW").shape());
  }

  @Test
  void ltcWithAutoNcp() throws IOException {
    MultiLayerConfiguration conf = config("ltc_autoncp");
    io.liquid4j.layers.LtcLayer l = (io.liquid4j.layers.LtcLayer) conf.getConf(0).getLayer();
    assertEquals("ltc", l.getLayerName());
    assertEquals(3, l.getNIn());
    assertTrue(l.isReturnSequences());
    assertEquals(RNNFormat.NCW, l.getDataFormat());
    assertEquals(io.liquid4j.layers.LtcLayer.DEFAULT_LTC_MAX_CHUNK_LENGTH, l.getMaxChunkLength());
    assertEquals(3, l.getOdeUnfolds());
    assertEquals(1e-8, l.getEpsilon());
    assertTrue(l.isImplicitConstraints());
    assertEquals(io.liquid4j.layers.LtcMapping.AFFINE, l.getInputMapping());
    assertEquals(io.liquid4j.layers.LtcMapping.AFFINE, l.getOutputMapping());
    assertEquals(io.liquid4j.solver.LtcSolver.SEMI_IMPLICIT, l.getSolver());
    assertFalse(l.isMixedMemory());
    assertFalse(l.isTimespansInput());
    assertEquals(io.liquid4j.layers.LtcInitRanges.defaults(), l.getInitRanges());
    Wiring w = l.getWiring();
    assertEquals(8, w.units());
    assertEquals(2, w.outputDim());
    assertEquals("AutoNcpWiring", w.provenance().generator());
    // the same generator and seed as the wired CfC fixture: the realised matrices are stored, and
    // equal to that fixture's (a change in the generator must not change saved models)
    assertArrayEquals(((WiredCfcLayer) config("wiredcfc_autoncp").getConf(0).getLayer())
        .getWiring().adjacency(), w.adjacency());
    MultiLayerNetwork net = loadAndCompare("ltc_autoncp");
    assertArrayEquals(new long[] {8, 8}, net.getLayer(0).getParam("w").shape());
    assertArrayEquals(new long[] {3, 8}, net.getLayer(0).getParam("sensoryMu").shape());
    assertArrayEquals(new long[] {2}, net.getLayer(0).getParam("outputW").shape());
  }

  @Test
  void gruDefault() throws IOException {
    MultiLayerConfiguration conf = config("gru_default");
    io.liquid4j.layers.GruLayer l = (io.liquid4j.layers.GruLayer) conf.getConf(0).getLayer();
    assertEquals("gru", l.getLayerName());
    assertEquals(3, l.getNIn());
    assertEquals(4, l.getUnits());
    assertTrue(l.isReturnSequences());
    assertEquals(RNNFormat.NCW, l.getDataFormat());
    assertEquals(32, l.getMaxChunkLength());
    assertNull(l.getWeightInit(), "null = PyTorch's initialisation");
    assertFalse(l.isTimespansInput());
    MultiLayerNetwork net = loadAndCompare("gru_default");
    assertEquals(List.of("inputW", "recurrentW", "inputb", "recurrentb"),
        List.copyOf(net.getLayer(0).paramTable().keySet()));
    assertEquals(3 * (3 * 4 + 4 * 4 + 2 * 4), net.getLayer(0).numParams());
  }

  @Test
  void bidirectionalCfc() throws IOException {
    MultiLayerConfiguration conf = config("bidirectional_cfc");
    io.liquid4j.layers.BidirectionalLiquidLayer l =
        (io.liquid4j.layers.BidirectionalLiquidLayer) conf.getConf(0).getLayer();
    assertEquals("bi", l.getLayerName());
    assertEquals(org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.CONCAT, l.getMode());
    for (io.liquid4j.layers.AbstractLiquidLayer direction : List.of(l.getFwd(), l.getBwd())) {
      CfcLayer c = (CfcLayer) direction;
      assertEquals(3, c.getNIn());
      assertEquals(3, c.getUnits());
      assertEquals(5, c.getBackboneUnits());
      assertEquals(CfcMode.DEFAULT, c.getMode());
    }
    assertEquals(6, l.outputSize());
    MultiLayerNetwork net = loadAndCompare("bidirectional_cfc");
    assertTrue(net.getLayer(0).paramTable().containsKey("fff1W"));
    assertTrue(net.getLayer(0).paramTable().containsKey("bff1W"));
  }
}
