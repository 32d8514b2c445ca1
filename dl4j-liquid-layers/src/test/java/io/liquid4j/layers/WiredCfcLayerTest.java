package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.runtime.LiquidRecurrentLayer;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import io.liquid4j.wiring.AutoNcpWiring;
import io.liquid4j.wiring.FullyConnectedWiring;
import io.liquid4j.wiring.Wiring;
import io.liquid4j.wiring.WiringSpec;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Configuration, shapes, state layout and validation of {@link WiredCfcLayer}. */
class WiredCfcLayerTest {

  private static final WiringSpec NCP = new AutoNcpWiring(8, 2); // 4 inter, 2 command, 2 motor

  private static MultiLayerConfiguration twoLayers(WiringSpec spec) {
    return new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new NoOp())
        .list()
        .layer(WiredCfcLayer.builder().name("w1").wiring(spec).mixedMemory(true).build())
        .layer(WiredCfcLayer.builder().name("w2").wiring(spec).projSize(3)
            .mode(CfcMode.PURE).build())
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
            .activation(Activation.IDENTITY).build())
        .setInputType(InputType.recurrent(3))
        .build();
  }

  @Test
  void jsonRoundTripKeepsTheRealisedWiring() {
    MultiLayerConfiguration conf = twoLayers(NCP);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    for (int i = 0; i < 2; i++) {
      WiredCfcLayer ours = (WiredCfcLayer) conf.getConf(i).getLayer();
      WiredCfcLayer read = (WiredCfcLayer) back.getConf(i).getLayer();
      assertEquals(ours, read);
      assertEquals(ours.hashCode(), read.hashCode());
      assertArrayEquals(ours.getWiring().adjacency(), read.getWiring().adjacency());
      assertArrayEquals(ours.getWiring().sensoryAdjacency(), read.getWiring().sensoryAdjacency());
      assertArrayEquals(ours.getWiring().layers(), read.getWiring().layers());
    }
    assertEquals(conf.toJson(), back.toJson());

    MultiLayerNetwork a = new MultiLayerNetwork(conf);
    a.init();
    MultiLayerNetwork b = new MultiLayerNetwork(back);
    b.init(a.params().dup(), false);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 4);
    assertTrue(a.output(x).equalsWithEps(b.output(x), Tolerances.SAME_DOUBLE));
  }

  @Test
  void oneSpecServesLayersOfDifferentInputSizes() {
    MultiLayerConfiguration conf = twoLayers(NCP);
    Wiring first = ((WiredCfcLayer) conf.getConf(0).getLayer()).getWiring();
    Wiring second = ((WiredCfcLayer) conf.getConf(1).getLayer()).getWiring();
    assertEquals(3, first.inputDim());
    assertEquals(2, second.inputDim()); // the first layer's motor neurons
    assertEquals(NCP.build(3), first);
  }

  @Test
  void specIsRealisedAtBuildWhenNInIsGiven() {
    assertEquals(NCP.build(4), WiredCfcLayer.builder().nIn(4).wiring(NCP).build().getWiring());
    assertNull(WiredCfcLayer.builder().wiring(NCP).build().getWiring());
  }

  @Test
  void parametersShapesAndStateLayout() {
    WiredCfcLayer conf = WiredCfcLayer.builder().wiring(NCP).build();
    MultiLayerNetwork net = Nets.gradientCheckNet(conf, 3, 1, true, RNNFormat.NCW);
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) net.getLayer(0);
    Set<String> keys = layer.paramTable().keySet();
    assertEquals(24, keys.size()); // 3 layers x 4 heads x (W, b)
    keys.forEach(k -> assertFalse(k.contains("_"), k));
    assertArrayEquals(new long[] {7, 4}, layer.getParam("layer0ff1W").shape()); // [3 + 4, 4]
    assertArrayEquals(new long[] {6, 2}, layer.getParam("layer1timeBW").shape()); // [4 + 2, 2]
    assertArrayEquals(new long[] {4, 2}, layer.getParam("layer2ff2W").shape()); // [2 + 2, 2]

    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 5);
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    INDArray out = layer.rnnTimeStep(x, mgr);
    assertArrayEquals(new long[] {2, 2, 5}, out.shape());
    INDArray h = layer.rnnGetPreviousState().get("h");
    assertArrayEquals(new long[] {2, 8}, h.shape());
    // state = [inter, command, motor]: the output is the last two entries
    INDArray lastOut = out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(4));
    assertTrue(lastOut.equalsWithEps(h.get(NDArrayIndex.all(), NDArrayIndex.interval(6, 8)),
        Tolerances.SAME_DOUBLE));
  }

  @Test
  void initialisationFollowsNcps() {
    WiredCfcLayer conf = WiredCfcLayer.builder().wiring(NCP).mode(CfcMode.PURE).build();
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) Nets.gradientCheckNet(conf, 3, 1, true,
        RNNFormat.NCW).getLayer(0);
    // bias U(±1/sqrt(in_l + n_l)) as torch's Linear; weights, wTau and A Xavier uniform
    assertBound(layer.getParam("layer0ff1b"), 1 / Math.sqrt(3 + 4));
    assertBound(layer.getParam("layer2ff1b"), 1 / Math.sqrt(2 + 2));
    assertBound(layer.getParam("layer0ff1W"), Math.sqrt(6.0 / (7 + 4)));
    assertBound(layer.getParam("layer1wTau"), Math.sqrt(6.0 / (1 + 2)));
    assertBound(layer.getParam("layer2A"), Math.sqrt(6.0 / (1 + 2)));
    assertTrue(layer.getParam("layer0A").amaxNumber().doubleValue() > 0);
  }

  private static void assertBound(INDArray values, double bound) {
    double max = values.amaxNumber().doubleValue();
    assertTrue(max <= bound && max > 0, "max |value| " + max + " not in (0, " + bound + "]");
  }

  @Test
  void singleLayerWiringOutputsAllUnitsAndNwcWorks() {
    WiredCfcLayer conf = WiredCfcLayer.builder().wiring(new FullyConnectedWiring(5, 2))
        .returnSequences(false).build();
    MultiLayerNetwork net = Nets.regression(conf, 3, 1, false, RNNFormat.NWC, DataType.DOUBLE,
        new NoOp(), 1);
    assertEquals(5, conf.outputSize());
    INDArray out = net.feedForward(Nd4j.randn(DataType.DOUBLE, 2, 4, 3)).get(1);
    assertArrayEquals(new long[] {2, 5}, out.shape());
  }

  @Test
  void worksInAComputationGraph() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.DOUBLE).updater(new NoOp()).graphBuilder().addInputs("in")
        .addLayer("wired", WiredCfcLayer.builder().wiring(NCP).build(), "in")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
            .activation(Activation.IDENTITY).build(), "wired")
        .setOutputs("out").setInputTypes(InputType.recurrent(3)).build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 4);
    graph.fit(new INDArray[] {x}, new INDArray[] {Nd4j.randn(DataType.DOUBLE, 2, 1, 4)});
    assertNotNull(graph.getParam("wired_layer0ff1W"));
    assertArrayEquals(new long[] {2, 1, 4}, graph.outputSingle(x).shape());
  }

  @Test
  void badSettingsFailAtBuildNamingLayerArgumentExpectedAndGot() {
    String noWiring = assertThrows(IllegalArgumentException.class,
        () -> WiredCfcLayer.builder().name("w").nIn(3).build()).getMessage();
    assertEquals("WiredCfcLayer(name=\"w\"): wiring must be set, got null; pass a WiringSpec such "
        + "as new AutoNcpWiring(16, 2) or a Wiring to the builder's wiring(...)", noWiring);

    String dim = assertThrows(IllegalArgumentException.class,
        () -> WiredCfcLayer.builder().name("w").nIn(3).wiring(NCP.build(4)).build()).getMessage();
    assertTrue(dim.startsWith("WiredCfcLayer(name=\"w\"): wiring input dimension must equal nIn, "
        + "expected 3, got 4"), dim);

    String proj = assertThrows(IllegalArgumentException.class,
        () -> WiredCfcLayer.builder().name("w").wiring(NCP).projSize(-1).build()).getMessage();
    assertEquals("WiredCfcLayer(name=\"w\"): projSize (0 = no projection) must be >= 0, got -1",
        proj);

    String mode = assertThrows(IllegalArgumentException.class,
        () -> WiredCfcLayer.builder().wiring(NCP).mode(null).build()).getMessage();
    assertEquals("WiredCfcLayer: mode must be set, got null", mode);

    // a realised wiring that does not fit the network's input type fails at configuration time
    WiredCfcLayer fixed = WiredCfcLayer.builder().name("w").wiring(NCP.build(4)).build();
    String typed = assertThrows(IllegalArgumentException.class,
        () -> fixed.setNIn(InputType.recurrent(3), false)).getMessage();
    assertTrue(typed.contains("expected 3, got 4"), typed);
  }

  @Test
  void equalityFollowsTheWiring() {
    WiredCfcLayer a = WiredCfcLayer.builder().nIn(3).wiring(NCP).build();
    WiredCfcLayer b = WiredCfcLayer.builder().nIn(3).wiring(NCP.build(3)).build();
    WiredCfcLayer c = WiredCfcLayer.builder().nIn(3).wiring(new AutoNcpWiring(8, 2, 0.5, 1))
        .build();
    assertEquals(a, b);
    assertFalse(a.equals(c));
    assertEquals(List.of("h", "c"),
        WiredCfcLayer.builder().wiring(NCP).mixedMemory(true).build().stateKeys());
  }
}
