package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.runtime.LiquidRecurrentLayer;
import io.liquid4j.testing.NcpsCase;
import io.liquid4j.testing.NcpsLayers;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Equality with ncps (PyTorch flavour), number for number: for every golden case in the folder
 * named by the system property {@value #PROPERTY} (default: the copy in this module's test
 * resources), our layer loaded with the case's parameters gives the case's output, final state and
 * every gradient (parameters, input, timespans, initial state) in float64, within {@link
 * Tolerances#PARITY_ABS}. A case of a kind we do not support fails; none is skipped.
 */
class NcpsParityTest {

  static final String PROPERTY = "liquid4j.ncps.reference";

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  static Path folder() throws URISyntaxException {
    String configured = System.getProperty(PROPERTY, "");
    if (!configured.isBlank()) {
      return Paths.get(configured);
    }
    return Paths.get(NcpsParityTest.class.getResource("/io/liquid4j/ncps/FORMAT.md").toURI())
        .getParent();
  }

  static List<Path> cases() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(folder())) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void folderHasCases() throws Exception {
    assertFalse(cases().isEmpty(), "no *.json case in " + folder());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesNcps(Path file) throws IOException {
    NcpsCase c = NcpsCase.read(file);
    for (RNNFormat format : RNNFormat.values()) {
      check(c, format);
    }
  }

  private static void check(NcpsCase c, RNNFormat format) {
    AbstractLiquidLayer conf = NcpsLayers.layerFor(c);
    conf.setDataFormat(format);
    if (conf instanceof WiredCfcLayer wired) {
      assertWiredCfcMasks(c, wired);
    }
    int features = c.size("features") + (c.timespans() != null ? 1 : 0);
    MultiLayerNetwork net = Nets.gradientCheckNet(conf, features, 1,
        conf.returnSequences(), format);
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) net.getLayer(0);
    Map<String, INDArray> ours = NcpsLayers.toOurs(c, c.params());
    assertEquals(layer.paramTable().keySet(), ours.keySet(), c + ": parameter keys");
    ours.forEach((k, v) -> layer.getParam(k).assign(v));

    INDArray input = c.input(); // [B, T, F], batch first = NWC
    if (c.timespans() != null) {
      input = TimespanInputs.appendNwc(input, c.timespans());
    }
    INDArray layerInput = format == RNNFormat.NWC ? input : input.permute(0, 2, 1).dup();
    Map<String, INDArray> h0 = c.initialState();
    if (!h0.isEmpty()) {
      layer.setInitialState(h0);
    }
    net.initGradientsView();
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    layer.setInput(layerInput, mgr);
    INDArray out = layer.activate(true, mgr);
    INDArray expectedOut = c.output();
    INDArray weights = c.lossWeights();
    if (expectedOut.rank() == 3 && format == RNNFormat.NCW) {
      expectedOut = expectedOut.permute(0, 2, 1);
      weights = weights.permute(0, 2, 1).dup();
    }
    assertClose(c + " " + format + " output", expectedOut, out);
    assertEquals(c.lossValue(), out.mul(weights).sumNumber().doubleValue(), Tolerances.PARITY_ABS,
        c + " loss");

    Pair<Gradient, INDArray> g = layer.backpropGradient(weights, mgr);
    Map<String, INDArray> expectedGrads = NcpsLayers.toOurs(c, c.grads());
    assertEquals(ours.keySet(), expectedGrads.keySet(), c + ": gradient keys");
    for (Map.Entry<String, INDArray> e : expectedGrads.entrySet()) {
      assertClose(c + " " + format + " grad " + e.getKey(), e.getValue(),
          g.getFirst().getGradientFor(e.getKey()));
    }
    INDArray inputGrad = format == RNNFormat.NWC ? g.getSecond() : g.getSecond().permute(0, 2, 1);
    int f = c.size("features");
    assertClose(c + " grad input", c.grads().get("input"),
        inputGrad.get(all(), all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, f)));
    if (c.timespans() != null) {
      assertClose(c + " grad timespans", c.grads().get("timespans"),
          inputGrad.get(all(), all(), org.nd4j.linalg.indexing.NDArrayIndex.point(f)));
    }
    for (Map.Entry<String, INDArray> e : h0.entrySet()) {
      assertClose(c + " grad initial_state." + e.getKey(),
          c.grads().get("initial_state." + e.getKey()),
          layer.getInitialStateGradient().get(e.getKey()));
    }

    // final state, through the streaming API: one rnnTimeStep over the whole sequence
    layer.rnnClearPreviousState();
    layer.rnnTimeStep(layerInput, mgr);
    for (Map.Entry<String, INDArray> e : c.finalState().entrySet()) {
      assertClose(c + " final_state." + e.getKey(), e.getValue(),
          layer.rnnGetPreviousState().get(e.getKey()));
    }
  }

  /** The masks our wired CfC derives from the wiring equal ncps's {@code sparsity_mask}s. */
  private static void assertWiredCfcMasks(NcpsCase c, WiredCfcLayer conf) {
    Map<String, INDArray> params = c.params();
    int layers = conf.getWiring().numLayers();
    for (int l = 0; l < layers; l++) {
      INDArray expected = params.get("rnn_cell.layer_" + l + ".sparsity_mask");
      assertTrue(expected != null, c + ": no sparsity_mask for layer " + l);
      INDArray ours = Nd4j.createFromArray(conf.sparsityMask(l)).transpose();
      assertEquals(expected, ours, c + ": sparsity mask of layer " + l);
    }
    assertFalse(params.containsKey("rnn_cell.layer_" + layers + ".sparsity_mask"),
        c + ": ncps has more layers than our wiring");
  }

  private static org.nd4j.linalg.indexing.INDArrayIndex all() {
    return org.nd4j.linalg.indexing.NDArrayIndex.all();
  }

  static void assertClose(String what, INDArray expected, INDArray actual) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    double maxDiff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE))
        .amaxNumber().doubleValue();
    assertTrue(maxDiff <= Tolerances.PARITY_ABS,
        what + ": max |expected - actual| = " + maxDiff + " > " + Tolerances.PARITY_ABS);
  }
}
