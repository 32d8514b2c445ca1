package io.liquid4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.layers.AbstractLiquidLayer;
import io.liquid4j.layers.CfcLayer;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.StreamCases;
import io.liquid4j.testing.Tolerances;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Streaming ({@code rnnTimeStep}) on every liquid layer variant: fed step by step or in chunks of
 * any sizes, a network gives its full-sequence output; the state can be read, set and cleared.
 */
class StreamingTest {

  private static final int BATCH = 2;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  static Stream<StreamCases> cases() {
    return StreamCases.all();
  }

  private static MultiLayerNetwork net(StreamCases c) {
    return Nets.regression(c.layer().get(), c.features(), 2, true, c.format(), DataType.DOUBLE,
        new NoOp(), 42);
  }

  private static void assertSame(INDArray expected, INDArray actual, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), Tolerances.SAME_DOUBLE,
        what);
  }

  /** Streams {@code x} through {@code net} in chunks of the given sizes, from a cleared state. */
  private static INDArray streamInChunks(MultiLayerNetwork net, StreamCases c, INDArray x,
      int... sizes) {
    net.rnnClearPreviousState();
    List<INDArray> outs = new ArrayList<>();
    int t = 0;
    for (int size : sizes) {
      outs.add(net.rnnTimeStep(c.steps(x, t, t + size)));
      t += size;
    }
    return c.concatTime(outs.toArray(new INDArray[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stepByStepTwoDimensionalEqualsFullSequence(StreamCases c) {
    MultiLayerNetwork net = net(c);
    INDArray x = c.input(BATCH, 7, 1);
    INDArray full = net.output(x);
    INDArray hidden = net.feedForward(x).get(1);
    RecurrentLayer layer = (RecurrentLayer) net.getLayer(0);
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    net.rnnClearPreviousState();
    for (int t = 0; t < 7; t++) {
      if (c.format() == RNNFormat.NCW) {
        assertSame(c.step(full, t), net.rnnTimeStep(c.step(x, t)), c + " step " + t);
      } else {
        // DL4J's network squeezes a 2-D step's output as if it were NCW ([B, O, 1] -> [B, O]),
        // which drops features of an NWC output ([B, 1, O]): stream NWC networks in 3-D steps
        assertSame(c.steps(full, t, t + 1), net.rnnTimeStep(c.steps(x, t, t + 1)),
            c + " step " + t);
      }
    }
    layer.rnnClearPreviousState();
    for (int t = 0; t < 7; t++) {
      INDArray out = layer.rnnTimeStep(c.step(x, t), mgr);
      assertSame(c.steps(hidden, t, t + 1), out, c + " layer, 2-D step " + t);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void chunksOfThreeOneFiveEqualFullSequence(StreamCases c) {
    MultiLayerNetwork net = net(c);
    INDArray x = c.input(BATCH, 9, 2);
    assertSame(net.output(x), streamInChunks(net, c, x, 3, 1, 5), c + " chunks 3+1+5");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void randomChunkSizesEqualFullSequence(StreamCases c) {
    MultiLayerNetwork net = net(c);
    INDArray x = c.input(BATCH, 23, 3);
    INDArray full = net.output(x);
    Random random = new Random(7);
    for (int round = 0; round < 2; round++) {
      List<Integer> sizes = new ArrayList<>();
      for (int left = 23; left > 0; ) {
        int s = Math.min(left, 1 + random.nextInt(9));
        sizes.add(s);
        left -= s;
      }
      int[] chunkSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
      assertSame(full, streamInChunks(net, c, x, chunkSizes), c + " chunks " + sizes);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computationGraphStreamsLikeItsFullOutput(StreamCases c) {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5)
        .dataType(DataType.DOUBLE).updater(new NoOp()).graphBuilder().addInputs("in")
        .addLayer("liquid", c.layer().get(), "in")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
            .activation(Activation.IDENTITY).dataFormat(c.format()).build(), "liquid")
        .setOutputs("out").setInputTypes(InputType.recurrent(c.features(), c.format())).build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    INDArray x = c.input(BATCH, 8, 4);
    INDArray full = graph.outputSingle(x);
    graph.rnnClearPreviousState();
    INDArray first = graph.rnnTimeStep(c.steps(x, 0, 4))[0];
    INDArray single = c.format() == RNNFormat.NCW ? graph.rnnTimeStep(c.step(x, 4))[0]
        : graph.rnnTimeStep(c.steps(x, 4, 5))[0]; // 2-D in, NWC out: see the MLN test
    INDArray rest = graph.rnnTimeStep(c.steps(x, 5, 8))[0];
    assertSame(c.steps(full, 0, 4), first, c + " CG chunk 1");
    assertSame(c.format() == RNNFormat.NCW ? c.step(full, 4) : c.steps(full, 4, 5), single,
        c + " CG one step");
    assertSame(c.steps(full, 5, 8), rest, c + " CG chunk 3");
    assertEquals(c.layer().get().stateKeys(), List.copyOf(graph.rnnGetPreviousState("liquid")
        .keySet()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stateFromAnotherRunContinuesThatRun(StreamCases c) {
    MultiLayerNetwork first = net(c);
    INDArray x = c.input(BATCH, 10, 5);
    first.rnnTimeStep(c.steps(x, 0, 6));
    Map<String, INDArray> state = first.rnnGetPreviousState(0);
    assertEquals(c.layer().get().stateKeys(), List.copyOf(state.keySet()), "h (and c)");
    for (INDArray part : state.values()) {
      int size = ((AbstractLiquidLayer) first.getLayer(0).conf().getLayer()).stateSize();
      assertArrayEquals(new long[] {BATCH, size}, part.shape());
    }
    MultiLayerNetwork second = net(c);
    second.setParams(first.params());
    second.rnnSetPreviousState(0, state);
    INDArray continued = second.rnnTimeStep(c.steps(x, 6, 10));
    assertSame(c.steps(first.output(x), 6, 10), continued, c + " continued run");
    assertSame(first.rnnTimeStep(c.steps(x, 6, 10)), continued, c + " same as the first net");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void clearResetsToTheZeroState(StreamCases c) {
    MultiLayerNetwork net = net(c);
    INDArray x = c.input(BATCH, 5, 6);
    net.rnnTimeStep(c.steps(x, 0, 5));
    assertTrue(!net.rnnGetPreviousState(0).isEmpty());
    net.rnnClearPreviousState();
    assertTrue(net.rnnGetPreviousState(0).isEmpty());
    assertSame(net.output(x), net.rnnTimeStep(x), c + " after clear");
  }

  @Test
  void wrongStateKeysOrShapesFailNamingLayerKeyExpectedAndActual() {
    MultiLayerNetwork net = net(StreamCases.all().filter(c -> c.name().equals("cfcMixedMemory"))
        .findFirst().orElseThrow());
    String key = assertThrows(IllegalArgumentException.class, () -> net.rnnSetPreviousState(0,
        Map.of("prevAct", Nd4j.zeros(DataType.DOUBLE, 2, 3)))).getMessage();
    assertEquals("CfcLayer(name=\"stream\"): unknown state key \"prevAct\", expected one of [h, c]",
        key);
    String width = assertThrows(IllegalArgumentException.class, () -> net.rnnSetPreviousState(0,
        Map.of("h", Nd4j.zeros(DataType.DOUBLE, 2, 5)))).getMessage();
    assertEquals("CfcLayer(name=\"stream\"): state \"h\" must have shape [batch, 3], got [2, 5]",
        width);
    String rank = assertThrows(IllegalArgumentException.class, () -> net.rnnSetPreviousState(0,
        Map.of("c", Nd4j.zeros(DataType.DOUBLE, 2, 3, 1)))).getMessage();
    assertEquals("CfcLayer(name=\"stream\"): state \"c\" must have shape [batch, 3], got "
        + "[2, 3, 1]", rank);
    // a well-formed state whose batch does not match the input fails at the next step
    net.rnnSetPreviousState(0, Map.of("h", Nd4j.zeros(DataType.DOUBLE, 4, 3)));
    String batch = assertThrows(IllegalArgumentException.class,
        () -> net.rnnTimeStep(Nd4j.zeros(DataType.DOUBLE, 2, 2))).getMessage();
    assertEquals("CfcLayer(name=\"stream\"): state \"h\" must have shape [2, 3] (or [1, 3]), got "
        + "[4, 3]", batch);
  }

  /** With {@code returnSequences(false)} each call returns the output of its chunk's last step. */
  @Test
  void lastStepLayerStreamsTheLastOutputOfEachChunk() {
    MultiLayerNetwork net = Nets.regression(CfcLayer.builder().units(3).backboneUnits(4)
        .returnSequences(false).build(), 2, 1, false, RNNFormat.NCW, DataType.DOUBLE,
        new NoOp(), 3);
    INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, 2, 8);
    StreamCases ncw = StreamCases.all().findFirst().orElseThrow();
    int[] ends = {3, 4, 8};
    int start = 0;
    for (int end : ends) {
      INDArray out = net.rnnTimeStep(ncw.steps(x, start, end));
      assertSame(net.output(ncw.steps(x, 0, end)), out, "after step " + end);
      start = end;
    }
    INDArray oneStep = net.rnnTimeStep(Nd4j.randn(DataType.DOUBLE, BATCH, 2));
    assertArrayEquals(new long[] {BATCH, 1}, oneStep.shape());
  }
}
