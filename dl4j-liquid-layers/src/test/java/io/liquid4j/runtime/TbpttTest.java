package io.liquid4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.layers.AbstractLiquidLayer;
import io.liquid4j.testing.LayerHarness;
import io.liquid4j.testing.StreamCases;
import io.liquid4j.testing.Tolerances;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Truncated BPTT on liquid layers, checked segment by segment against an explicit computation.
 *
 * <p>DL4J's TBPTT gives segment {@code s = [start, end)} the gradient of that segment's loss where
 * the state at step {@code cut = max(start, end - backLength)} is a constant: the steps before it
 * run forward only (their state carried from earlier segments) and get no gradient. The reference
 * is therefore a plain (non-truncated) network with the same parameters, fed steps {@code [cut,
 * end)} alone, whose layer starts from the state after {@code cut} steps ({@link
 * LiquidRecurrentLayer#setInitialState}, the state read with {@code rnnTimeStep} on the prefix).
 * Gradients are the liquid layer's, read by a listener at every gradient calculation, before the
 * updater (double precision; SGD with learning rate 0 so that no fit moves the parameters: DL4J's
 * {@code NoOp} updater applies the raw gradient, like SGD with rate 1).
 */
class TbpttTest {

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  static Stream<Arguments> cases() {
    List<StreamCases> layers = StreamCases.all().toList();
    StreamCases mixed = layers.get(1);
    StreamCases wired = layers.get(5);
    return Stream.of(
        Arguments.of(mixed, 5, 5, 10), // two full segments, fwd = bwd
        Arguments.of(mixed, 6, 4, 12), // backward shorter than forward (ignored by DL4J's fit)
        Arguments.of(mixed, 10, 10, 25), // last segment shorter (5 steps)
        Arguments.of(mixed, 10, 4, 25), // both
        Arguments.of(layers.get(4), 5, 3, 10), // elapsed times as input
        Arguments.of(wired, 6, 4, 14));
  }

  private static MultiLayerNetwork net(StreamCases c, int fwd, int bwd) {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(11)
        .dataType(DataType.DOUBLE).updater(new Sgd(0.0)).list()
        .layer(c.layer().get())
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
            .activation(Activation.IDENTITY).dataFormat(c.format()).build())
        .setInputType(InputType.recurrent(c.features(), c.format()));
    if (fwd > 0) {
      list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(fwd)
          .tBPTTBackwardLength(bwd);
    }
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    return net;
  }

  /** Fits once and returns the liquid layer's gradient of every gradient calculation. */
  static List<INDArray> fitAndRecordLayerGradients(MultiLayerNetwork net, INDArray x,
      INDArray y) {
    List<INDArray> grads = new ArrayList<>();
    net.setListeners(new BaseTrainingListener() {
      @Override
      public void onGradientCalculation(Model model) {
        grads.add(net.getLayer(0).getGradientsViewArray().dup());
      }
    });
    net.fit(x, y);
    net.setListeners();
    return grads;
  }

  @ParameterizedTest(name = "{0} fwd={1} bwd={2} T={3}")
  @MethodSource("cases")
  void segmentGradientsEqualTheExplicitTruncatedComputation(StreamCases c, int fwd, int bwd,
      int length) {
    MultiLayerNetwork tbptt = net(c, fwd, bwd);
    MultiLayerNetwork reference = net(c, 0, 0);
    reference.setParams(tbptt.params());
    INDArray x = c.input(3, length, 21);
    INDArray y = c.format() == org.deeplearning4j.nn.conf.RNNFormat.NWC
        ? Nd4j.randn(DataType.DOUBLE, 3, length, 2) : Nd4j.randn(DataType.DOUBLE, 3, 2, length);
    List<INDArray> segments = fitAndRecordLayerGradients(tbptt, x, y);
    int expectedSegments = (length + fwd - 1) / fwd;
    assertEquals(expectedSegments, segments.size(), "one gradient per segment");

    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) reference.getLayer(0);
    for (int s = 0; s < expectedSegments; s++) {
      int start = s * fwd;
      int end = Math.min(start + fwd, length);
      // DL4J M2.1 networks ignore tBPTTBackwardLength in fit: MultiLayerNetwork and
      // ComputationGraph.computeGradientAndScore call calcBackpropGradients with tbptt=false, so
      // every layer (LSTM too) gets backpropGradient over the whole segment, never
      // tbpttBackpropGradient. Were that fixed, the cut would be max(start, end - bwd); the layer
      // itself honours it (layerTruncatesBackwardAtTheBackLength).
      int cut = start;
      reference.rnnClearPreviousState();
      layer.clearInitialState();
      if (cut > 0) {
        reference.rnnTimeStep(c.steps(x, 0, cut));
        Map<String, INDArray> state = reference.rnnGetPreviousState(0);
        layer.setInitialState(state);
      }
      List<INDArray> expected = fitAndRecordLayerGradients(reference, c.steps(x, cut, end),
          c.steps(y, cut, end));
      double scale = expected.get(0).amaxNumber().doubleValue();
      assertTrue(scale > 0, "a non-trivial gradient");
      assertEquals(0.0, expected.get(0).sub(segments.get(s)).amaxNumber().doubleValue(),
          Tolerances.SAME_DOUBLE * Math.max(1, scale), c + ": segment " + s + " [" + start + ", "
              + end + "), gradient from step " + cut);
      if (s > 0) {
        // the state really is carried: from zeros the gradient differs
        layer.clearInitialState();
        List<INDArray> fromZero = fitAndRecordLayerGradients(reference, c.steps(x, cut, end),
            c.steps(y, cut, end));
        assertNotEquals(0.0, fromZero.get(0).sub(segments.get(s)).amaxNumber().doubleValue(),
            1e-8, "segment " + s + " must not start from zeros");
      }
    }
    assertEquals(reference.params(), tbptt.params(), "learning rate 0: nothing moved");
    assertTrue(((AbstractLiquidLayer) tbptt.getLayer(0).conf().getLayer()).returnSequences());
  }

  static Stream<Arguments> layerCases() {
    List<StreamCases> layers = StreamCases.all().toList();
    return Stream.of(Arguments.of(layers.get(1), 6, 4), Arguments.of(layers.get(1), 9, 1),
        Arguments.of(layers.get(3), 7, 3), Arguments.of(layers.get(4), 5, 2),
        Arguments.of(layers.get(5), 6, 5));
  }

  /**
   * The layer's own {@code tbpttBackpropGradient(eps, bwd)} on two segments of {@code fwd} steps:
   * equal to running the last {@code bwd} steps alone from the state at step {@code fwd - bwd} of
   * the segment (a constant), with zero input gradient before it.
   */
  @ParameterizedTest(name = "{0} fwd={1} bwd={2}")
  @MethodSource("layerCases")
  void layerTruncatesBackwardAtTheBackLength(StreamCases c, int fwd, int bwd) {
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    LayerHarness tbptt = new LayerHarness(c.layer().get(), c.features(), DataType.DOUBLE, 3);
    LayerHarness reference = new LayerHarness(c.layer().get(), c.features(), DataType.DOUBLE, 3);
    reference.net().params().assign(tbptt.net().params());
    LiquidRecurrentLayer layer = tbptt.layer();
    LiquidRecurrentLayer ref = reference.layer();
    INDArray x = c.input(2, 2 * fwd, 8);
    INDArray hidden = reference.forward(x, null, false);
    INDArray eps = Nd4j.randn(DataType.DOUBLE, hidden.shape());
    layer.rnnClearPreviousState();
    for (int s = 0; s < 2; s++) {
      int start = s * fwd;
      int cut = start + fwd - bwd;
      layer.setInput(c.steps(x, start, start + fwd), mgr);
      layer.rnnActivateUsingStoredState(c.steps(x, start, start + fwd), true, true, mgr);
      Pair<Gradient, INDArray> g = layer.tbpttBackpropGradient(c.steps(eps, start, start + fwd),
          bwd, mgr);
      layer.rnnSetPreviousState(layer.rnnGetTBPTTState());
      layer.rnnSetTBPTTState(layer.rnnGetPreviousState());

      ref.rnnClearPreviousState();
      ref.clearInitialState(); // else streaming starts from the previous segment's initial state
      ref.rnnTimeStep(c.steps(x, 0, cut), mgr);
      ref.setInitialState(ref.rnnGetPreviousState());
      reference.forward(c.steps(x, cut, start + fwd), null, true);
      Pair<Gradient, INDArray> expected = reference.backward(c.steps(eps, cut, start + fwd));
      for (String k : expected.getFirst().gradientForVariable().keySet()) {
        INDArray e = expected.getFirst().getGradientFor(k);
        assertEquals(0.0, e.sub(g.getFirst().getGradientFor(k)).amaxNumber().doubleValue(),
            Tolerances.SAME_DOUBLE * Math.max(1, e.amaxNumber().doubleValue()),
            c + " segment " + s + " " + k);
      }
      INDArray inputGrad = g.getSecond();
      assertEquals(0.0, expected.getSecond().sub(c.steps(inputGrad, fwd - bwd, fwd))
          .amaxNumber().doubleValue(), Tolerances.SAME_DOUBLE, c + " input gradient, late steps");
      if (fwd > bwd) {
        assertEquals(0.0, c.steps(inputGrad, 0, fwd - bwd).amaxNumber().doubleValue(), 0.0,
            c + " no input gradient before the cut");
      }
    }
  }
}
