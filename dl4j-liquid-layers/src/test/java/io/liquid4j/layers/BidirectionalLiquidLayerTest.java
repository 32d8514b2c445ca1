package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.runtime.BidirectionalLiquidRecurrentLayer;
import io.liquid4j.testing.BidirectionalReference;
import io.liquid4j.testing.GradCheck;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link BidirectionalLiquidLayer}: every mode equals running the two directions by hand with the
 * same parameters, masks, gradients, configuration and model round trips, both network types.
 */
class BidirectionalLiquidLayerTest {

  private static final int N_IN = 2;
  private static final int BATCH = 3;
  private static final int STEPS = 5;
  private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();

  @TempDir
  Path tmp;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private static CfcLayer.Builder cfc() {
    return CfcLayer.builder().units(3).backboneUnits(4).maxChunkLength(2);
  }

  private static BidirectionalLiquidLayer bi(AbstractLiquidLayer layer, Mode mode) {
    return BidirectionalLiquidLayer.builder().layer(layer).mode(mode).build();
  }

  private static MultiLayerNetwork net(BidirectionalLiquidLayer layer, int nOut) {
    return Nets.regression(layer, N_IN, nOut, layer.getFwd().returnSequences(),
        layer.dataFormat(), DataType.DOUBLE, new NoOp(), 7);
  }

  private static INDArray activate(MultiLayerNetwork net, INDArray x, INDArray mask) {
    BidirectionalLiquidRecurrentLayer layer = (BidirectionalLiquidRecurrentLayer) net.getLayer(0);
    layer.setInput(x, MGR);
    layer.setMaskArray(mask);
    return layer.activate(false, MGR).dup();
  }

  private static void assertSame(INDArray expected, INDArray actual, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what);
    assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), Tolerances.SAME_DOUBLE, what);
  }

  static Stream<Arguments> byHandCases() {
    return Stream.of(Mode.values()).flatMap(m -> Stream.of(
        Arguments.of(m, cfc().build()),
        Arguments.of(m, cfc().dataFormat(RNNFormat.NWC).build()),
        Arguments.of(m, cfc().returnSequences(false).build())));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("byHandCases")
  void everyModeEqualsRunningTheTwoDirectionsByHand(Mode mode, CfcLayer inner) {
    MultiLayerNetwork net = net(bi(inner, mode), 1);
    INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, N_IN, STEPS);
    if (inner.dataFormat() == RNNFormat.NWC) {
      x = x.permute(0, 2, 1).dup();
    }
    BidirectionalLiquidRecurrentLayer layer = (BidirectionalLiquidRecurrentLayer) net.getLayer(0);
    assertNotEquals(layer.forwardLayer().params(), layer.backwardLayer().params());
    INDArray actual = activate(net, x, null);
    assertSame(BidirectionalReference.byHand(layer, mode, x), actual, mode + " " + inner);
    long expectedSize = (mode == Mode.CONCAT ? 2 : 1) * 3;
    assertEquals(expectedSize, actual.size(inner.dataFormat() == RNNFormat.NWC
        && actual.rank() == 3 ? 2 : 1));
  }

  @Test
  void ltcEqualsRunningTheTwoDirectionsByHand() {
    LtcLayer ltc = LtcLayer.builder().units(3).odeUnfolds(2).maxChunkLength(2).build();
    MultiLayerNetwork net = net(bi(ltc, Mode.ADD), 1);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, N_IN, 4);
    BidirectionalLiquidRecurrentLayer layer = (BidirectionalLiquidRecurrentLayer) net.getLayer(0);
    assertSame(BidirectionalReference.byHand(layer, Mode.ADD, x), activate(net, x, null), "LTC ADD");
  }

  @Test
  void gruEqualsRunningTheTwoDirectionsByHand() {
    GruLayer gru = GruLayer.builder().units(3).maxChunkLength(2).build();
    MultiLayerNetwork net = net(bi(gru, Mode.CONCAT), 1);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, N_IN, 5);
    BidirectionalLiquidRecurrentLayer layer = (BidirectionalLiquidRecurrentLayer) net.getLayer(0);
    assertSame(BidirectionalReference.byHand(layer, Mode.CONCAT, x), activate(net, x, null),
        "GRU CONCAT");
  }

  /**
   * With the padded sequence and mask reversed, the backward direction first holds its zero state
   * over the padding; at every valid step the output equals both directions run on the valid steps
   * alone.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void paddedSequencesEqualTheirValidStepsRunAlone(Mode mode) {
    int[] lengths = {5, 3, 1};
    MultiLayerNetwork net = net(bi(cfc().build(), mode), 1);
    BidirectionalLiquidRecurrentLayer layer = (BidirectionalLiquidRecurrentLayer) net.getLayer(0);
    INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, N_IN, STEPS);
    INDArray mask = Nd4j.ones(DataType.DOUBLE, BATCH, STEPS);
    for (int i = 0; i < BATCH; i++) {
      if (lengths[i] < STEPS) {
        mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(lengths[i], STEPS)).assign(0);
      }
    }
    INDArray actual = activate(net, x, mask);
    for (int i = 0; i < BATCH; i++) {
      INDArray valid = x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
          NDArrayIndex.interval(0, lengths[i])).dup();
      INDArray expected = BidirectionalReference.byHand(layer, mode, valid);
      INDArray got = actual.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
          NDArrayIndex.interval(0, lengths[i]));
      assertSame(expected, got, mode + ", sample " + i + " of length " + lengths[i]);
    }
  }

  static Stream<Arguments> gradientCases() {
    return Stream.of(
        Arguments.of("CONCAT", Mode.CONCAT, cfc(), false),
        Arguments.of("CONCAT, ragged mask", Mode.CONCAT, cfc(), true),
        Arguments.of("ADD, ragged mask", Mode.ADD, cfc(), true),
        Arguments.of("MUL, ragged mask", Mode.MUL, cfc(), true),
        Arguments.of("AVERAGE, NWC, ragged mask", Mode.AVERAGE,
            cfc().dataFormat(RNNFormat.NWC), true),
        Arguments.of("CONCAT, last step, ragged mask", Mode.CONCAT,
            cfc().returnSequences(false), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gradientCases")
  void gradientsMatchFiniteDifferences(String name, Mode mode, CfcLayer.Builder inner,
      boolean ragged) {
    BidirectionalLiquidLayer layer = bi(inner.build(), mode);
    boolean sequences = layer.getFwd().returnSequences();
    MultiLayerNetwork net = Nets.gradientCheckNet(layer, N_IN, 2, sequences, layer.dataFormat());
    Nd4j.getRandom().setSeed(42);
    INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, N_IN, STEPS);
    INDArray mask = null;
    if (ragged) {
      mask = Nd4j.ones(DataType.DOUBLE, BATCH, STEPS);
      mask.get(NDArrayIndex.point(1), NDArrayIndex.interval(3, STEPS)).assign(0);
      mask.get(NDArrayIndex.point(2), NDArrayIndex.interval(1, STEPS)).assign(0);
    }
    INDArray y = sequences ? Nd4j.randn(DataType.DOUBLE, BATCH, 2, STEPS)
        : Nd4j.randn(DataType.DOUBLE, BATCH, 2);
    if (layer.dataFormat() == RNNFormat.NWC) {
      x = x.permute(0, 2, 1).dup();
      y = y.permute(0, 2, 1).dup();
    }
    GradCheck.assertGradientsCorrect(name, net, x, y, mask, sequences ? mask : null);
  }

  @Test
  void parameterKeysArePrefixedAndEachDirectionOwnsAContiguousHalf() {
    MultiLayerNetwork net = net(bi(cfc().build(), Mode.CONCAT), 1);
    BidirectionalLiquidRecurrentLayer layer = (BidirectionalLiquidRecurrentLayer) net.getLayer(0);
    List<String> keys = List.copyOf(layer.paramTable().keySet());
    List<String> inner = List.copyOf(layer.forwardLayer().paramTable().keySet());
    assertEquals(2 * inner.size(), keys.size());
    for (int i = 0; i < inner.size(); i++) {
      assertEquals("f" + inner.get(i), keys.get(i));
      assertEquals("b" + inner.get(i), keys.get(inner.size() + i));
    }
    assertTrue(keys.stream().noneMatch(k -> k.contains("_")), keys::toString);
    long n = layer.numParams() / 2;
    INDArray flat = layer.params().reshape(layer.params().length());
    assertEquals(flat.get(NDArrayIndex.interval(0, n)), layer.forwardLayer().params().reshape(n));
    assertEquals(flat.get(NDArrayIndex.interval(n, 2 * n)),
        layer.backwardLayer().params().reshape(n));
    assertEquals(layer.getParam("fff1W"), layer.forwardLayer().getParam("ff1W"));
  }

  @Test
  void outputTypeDoublesTheSizeForConcatOnly() {
    InputType in = InputType.recurrent(N_IN, 6);
    assertEquals(InputType.recurrent(6, 6), withNIn(bi(cfc().build(), Mode.CONCAT))
        .getOutputType(0, in));
    assertEquals(InputType.recurrent(3, 6), withNIn(bi(cfc().build(), Mode.MUL))
        .getOutputType(0, in));
    assertEquals(InputType.feedForward(6),
        withNIn(bi(cfc().returnSequences(false).build(), Mode.CONCAT)).getOutputType(0, in));
  }

  private static BidirectionalLiquidLayer withNIn(BidirectionalLiquidLayer layer) {
    layer.setNIn(InputType.recurrent(N_IN), false);
    return layer;
  }

  @Test
  void jsonRoundTripAndSavedModelKeepEverything() throws Exception {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(DataType.DOUBLE).updater(new Adam(1e-2)).list()
        .layer(BidirectionalLiquidLayer.builder().name("bi").mode(Mode.AVERAGE)
            .layer(cfc().mixedMemory(true).dataFormat(RNNFormat.NWC).build()).build())
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).dataFormat(RNNFormat.NWC).build())
        .setInputType(InputType.recurrent(N_IN, RNNFormat.NWC)).build();
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    assertEquals(conf, back);
    BidirectionalLiquidLayer l = (BidirectionalLiquidLayer) back.getConf(0).getLayer();
    assertEquals(Mode.AVERAGE, l.getMode());
    assertEquals("bi", l.getBwd().getLayerName());
    assertTrue(((CfcLayer) l.getBwd()).isMixedMemory());
    assertTrue(l.getFwd().getUpdater() instanceof Adam, "network updater reaches the directions");

    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 6, N_IN);
    double before = net.score(new org.nd4j.linalg.dataset.DataSet(x,
        Nd4j.randn(DataType.DOUBLE, 2, 6, 1)));
    INDArray params = net.params().dup();
    net.fit(x, Nd4j.randn(DataType.DOUBLE, 2, 6, 1));
    INDArray step = net.params().sub(params);
    long n = net.getLayer(0).numParams() / 2;
    assertTrue(Double.isFinite(before));
    assertNotEquals(0.0, step.get(NDArrayIndex.interval(0, n)).amaxNumber().doubleValue());
    assertNotEquals(0.0, step.get(NDArrayIndex.interval(n, 2 * n)).amaxNumber().doubleValue());

    File file = tmp.resolve("bi.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, true);
    assertEquals(net.getLayerWiseConfigurations(), loaded.getLayerWiseConfigurations());
    assertEquals(0.0, net.output(x).sub(loaded.output(x)).amaxNumber().doubleValue(), 0.0);
    assertEquals(0.0, net.output(x).sub(net.clone().output(x)).amaxNumber().doubleValue(), 0.0);
    assertEquals(net.getUpdater().getStateViewArray(), loaded.getUpdater().getStateViewArray());
  }

  @Test
  void worksInAComputationGraphWithTheSameOutputsAsAMultiLayerNetwork() {
    BidirectionalLiquidLayer layer = bi(cfc().build(), Mode.CONCAT);
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7)
        .dataType(DataType.DOUBLE).updater(new Adam(1e-2)).graphBuilder().addInputs("in")
        .addLayer("bi", layer, "in")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
            .activation(Activation.IDENTITY).build(), "bi")
        .setOutputs("out").setInputTypes(InputType.recurrent(N_IN)).build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    MultiLayerNetwork net = net(layer.clone(), 1);
    graph.setParams(net.params());
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, N_IN, 4);
    INDArray mask = Nd4j.ones(DataType.DOUBLE, 2, 4);
    mask.putScalar(1, 3, 0);
    INDArray expected = net.output(x, false, mask, null);
    assertSame(expected, graph.output(false, new INDArray[] {x}, new INDArray[] {mask})[0],
        "graph vs network");
    graph.fit(new INDArray[] {x}, new INDArray[] {Nd4j.randn(DataType.DOUBLE, 2, 1, 4)});
    assertTrue(graph.getParam("bi_fff1W") != null && graph.getParam("bi_bff1W") != null);
    assertEquals(ComputationGraphConfiguration.fromJson(conf.toJson()), conf);
  }

  /** Network dropout acts once on the input both directions read, while training only. */
  @Test
  void networkDropoutActsWhileTrainingOnly() {
    BidirectionalLiquidLayer layer = bi(cfc().build(), Mode.ADD);
    MultiLayerNetwork plain = net(layer.clone(), 1);
    MultiLayerNetwork dropped = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
        .dataType(DataType.DOUBLE).updater(new NoOp()).dropOut(0.5).list().layer(layer)
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).build())
        .setInputType(InputType.recurrent(N_IN)).build());
    dropped.init();
    dropped.setParams(plain.params());
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, N_IN, 4);
    assertSame(plain.output(x), dropped.output(x, false), "inference");
    assertNotEquals(plain.output(x), dropped.output(x, true));
    INDArray y = Nd4j.randn(DataType.DOUBLE, 2, 1, 4);
    dropped.fit(x, y); // backpropagates through the dropout mask
    assertTrue(Double.isFinite(dropped.score()));
  }

  @Test
  void badSettingsAndStreamingFailWithClearMessages() {
    assertEquals("BidirectionalLiquidLayer(name=\"bi\"): layer must be set, got null",
        assertThrows(IllegalArgumentException.class,
            () -> BidirectionalLiquidLayer.builder().name("bi").build()).getMessage());
    assertEquals("BidirectionalLiquidLayer: mode must be set, got null",
        assertThrows(IllegalArgumentException.class, () -> BidirectionalLiquidLayer.builder()
            .layer(cfc().build()).mode(null).build()).getMessage());
    String timespans = assertThrows(IllegalArgumentException.class,
        () -> bi(cfc().timespansInput(true).build(), Mode.ADD)).getMessage();
    assertTrue(timespans.startsWith("BidirectionalLiquidLayer: the wrapped layer must not use "
        + "timespansInput"), timespans);
    assertThrows(IllegalArgumentException.class, () -> bi(cfc().units(0).build(), Mode.ADD));

    MultiLayerNetwork net = net(BidirectionalLiquidLayer.builder().name("bi")
        .layer(cfc().build()).build(), 1);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 1, N_IN, 3);
    String stream = assertThrows(UnsupportedOperationException.class, () -> net.rnnTimeStep(x))
        .getMessage();
    assertTrue(stream.startsWith("BidirectionalLiquidLayer(name=\"bi\"): rnnTimeStep is not "
        + "supported"), stream);
    net.rnnClearPreviousState(); // nothing to clear, and no failure
    assertFalse(net.output(x).isEmpty());
  }
}
