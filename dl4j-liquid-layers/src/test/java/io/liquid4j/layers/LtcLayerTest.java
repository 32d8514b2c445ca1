package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.layers.LtcInitRanges.Parameter;
import io.liquid4j.runtime.LiquidRecurrentLayer;
import io.liquid4j.solver.LtcSolver;
import io.liquid4j.testing.Nets;
import io.liquid4j.wiring.AutoNcpWiring;
import io.liquid4j.wiring.FullyConnectedWiring;
import io.liquid4j.wiring.Wiring;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** {@link LtcLayer} configuration: validation messages, JSON round trips, parameters, clipping. */
class LtcLayerTest {

  private static void fails(String message, Supplier<LtcLayer.Builder> builder) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.get().name("ltc1").build());
    assertEquals(message, e.getMessage());
  }

  @Test
  void badSettingsFailAtBuildTime() {
    String who = "LtcLayer(name=\"ltc1\"): ";
    fails(who + "odeUnfolds must be >= 1, got 0", () -> LtcLayer.builder().units(4).odeUnfolds(0));
    fails(who + "set exactly one of units(n) and wiring(...), got neither", LtcLayer::builder);
    fails(who + "set exactly one of units(n) and wiring(...), got both",
        () -> LtcLayer.builder().units(4).wiring(new FullyConnectedWiring(4)));
    fails(who + "units must be >= 1, got 0", () -> LtcLayer.builder().units(0));
    fails(who + "epsilon must be >= 0, got -1.0", () -> LtcLayer.builder().units(4).epsilon(-1));
    fails(who + "wiring input dimension must equal nIn=3, got 2 (pass a WiringSpec to realise it "
        + "for this input)", () -> LtcLayer.builder().nIn(3)
        .wiring(new FullyConnectedWiring(4).build(2)));
    fails(who + "inputMapping must be set, got null",
        () -> LtcLayer.builder().units(4).inputMapping(null));
    fails(who + "outputMapping must be set, got null",
        () -> LtcLayer.builder().units(4).outputMapping(null));
    fails(who + "solver must be set, got null", () -> LtcLayer.builder().units(4).solver(null));
    fails(who + "initRanges.sigma must be a finite range with lo <= hi, got [8.0, 3.0]",
        () -> LtcLayer.builder().units(4)
            .initRanges(LtcInitRanges.defaults().with(Parameter.SIGMA, 8, 3)));
    for (Parameter p : new Parameter[] {Parameter.GLEAK, Parameter.CM, Parameter.W,
        Parameter.SENSORY_W}) {
      fails(who + "initRanges." + p.key() + " must have lo >= 0 (the parameter is kept "
          + "non-negative), got [-0.1, 1.0]", () -> LtcLayer.builder().units(4)
          .initRanges(LtcInitRanges.defaults().with(p, -0.1, 1)));
    }
    LtcLayer.builder().units(4).initRanges(LtcInitRanges.defaults().with(Parameter.VLEAK, -1, 0))
        .build();
  }

  private static MultiLayerConfiguration conf(LtcLayer layer) {
    return new NeuralNetConfiguration.Builder().list().layer(layer)
        .setInputType(InputType.recurrent(3)).build();
  }

  @Test
  void configRoundTripsThroughJsonWithItsWiring() {
    LtcLayer layer = LtcLayer.builder().wiring(new AutoNcpWiring(8, 2)).solver(LtcSolver.RK4)
        .odeUnfolds(3).epsilon(1e-6).implicitConstraints(false).mixedMemory(true)
        .inputMapping(LtcMapping.LINEAR).outputMapping(LtcMapping.NONE).returnSequences(false)
        .initRanges(LtcInitRanges.defaults().with(Parameter.MU, 0.1, 0.2)).build();
    MultiLayerConfiguration conf = conf(layer);
    LtcLayer realised = (LtcLayer) conf.getConf(0).getLayer();
    Wiring w = realised.getWiring();
    assertEquals(new AutoNcpWiring(8, 2).build(3), w);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    LtcLayer read = (LtcLayer) back.getConf(0).getLayer();
    assertEquals(realised, read);
    assertArrayEquals(w.adjacency(), read.getWiring().adjacency());
    assertArrayEquals(w.sensoryAdjacency(), read.getWiring().sensoryAdjacency());
    assertEquals(conf, back);
    assertEquals(conf.toJson(), back.toJson());
  }

  @Test
  void parametersHaveNcpsShapesAndInitialValues() {
    MultiLayerNetwork net = Nets.regression(LtcLayer.builder().wiring(new AutoNcpWiring(8, 2))
        .build(), 3, 1, true, RNNFormat.NCW, DataType.DOUBLE, new Sgd(0.1), 3);
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) net.getLayer(0);
    Wiring w = ((LtcLayer) layer.layerConf()).getWiring();
    assertArrayEquals(new long[] {8}, layer.getParam("gleak").shape());
    assertArrayEquals(new long[] {8, 8}, layer.getParam("erev").shape());
    assertArrayEquals(new long[] {3, 8}, layer.getParam("sensoryMu").shape());
    assertArrayEquals(new long[] {2}, layer.getParam("outputb").shape());
    assertEquals(Nd4j.createFromArray(w.adjacency()).castTo(DataType.DOUBLE),
        layer.getParam("erev"));
    assertEquals(Nd4j.createFromArray(w.sensoryAdjacency()).castTo(DataType.DOUBLE),
        layer.getParam("sensoryErev"));
    double cmMin = layer.getParam("cm").minNumber().doubleValue();
    double cmMax = layer.getParam("cm").maxNumber().doubleValue();
    assertTrue(cmMin >= 0.4 && cmMax <= 0.6, "cm in [" + cmMin + ", " + cmMax + "]");
    assertEquals(1.0, layer.getParam("inputW").minNumber().doubleValue());
    assertEquals(0.0, layer.getParam("inputb").maxNumber().doubleValue());
  }

  @Test
  void withoutImplicitConstraintsTheUpdateClipsPositiveParameters() {
    MultiLayerNetwork net = Nets.regression(LtcLayer.builder().units(3).odeUnfolds(2)
        .implicitConstraints(false).build(), 2, 1, true, RNNFormat.NCW, DataType.DOUBLE,
        new Sgd(1e-3), 3);
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) net.getLayer(0);
    for (String key : LtcLayer.POSITIVE_PARAMETERS) {
      layer.getParam(key).putScalar(0, -0.5);
    }
    layer.getParam("vleak").putScalar(0, -0.5);
    net.fit(Nd4j.rand(DataType.DOUBLE, 2, 2, 4), Nd4j.rand(DataType.DOUBLE, 2, 1, 4));
    for (String key : LtcLayer.POSITIVE_PARAMETERS) {
      assertTrue(layer.getParam(key).minNumber().doubleValue() >= 0, key + " was clipped");
    }
    assertTrue(layer.getParam("vleak").getDouble(0) < -0.4, "vleak is not constrained");
  }
}
