package io.liquid4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelsTest {

  private static final NetworkSettings SETTINGS = new NetworkSettings(8, 8, 10, 6, 12345, 1e-2);

  @Test
  void builtInRecurrentLayersAreWrappedInLastTimeStep() {
    MultiLayerConfiguration conf =
        Models.lastStep(new LSTM.Builder().nOut(SETTINGS.hidden()).build(), SETTINGS);
    assertEquals(2, conf.getConfs().size());
    assertInstanceOf(LastTimeStep.class, conf.getConf(0).getLayer());
  }

  @Test
  void lastStepRejectsLayersLastTimeStepCannotWrapAtConfigurationTime() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Models.lastStep(new DenseLayer.Builder().nOut(4).build(), SETTINGS));
    assertTrue(e.getMessage().contains("got DenseLayer; give the layer a last-step output"),
        e.getMessage());
  }

  @Test
  void everyModelMapsNcwSequencesToClassProbabilities() {
    for (ModelSpec spec : Models.all()) {
      MultiLayerNetwork net = new MultiLayerNetwork(spec.factory().create(SETTINGS));
      net.init();
      INDArray p = net.output(Nd4j.rand(DataType.FLOAT, 3, 8, 8));
      assertArrayEquals(new long[] {3, 10}, p.shape(), spec.name());
      assertEquals(DataType.FLOAT, p.dataType());
      assertEquals(3.0, p.sumNumber().doubleValue(), 1e-4, spec.name());
    }
  }

  @Test
  void byNameKeepsTheRequestedOrderAndNamesTheKnownModels() {
    assertEquals(List.of("simplernn", "lstm"), Models.byName(List.of("simplernn", "lstm")).stream()
        .map(ModelSpec::name).toList());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Models.byName(List.of("ltc")));
    assertEquals("unknown model \"ltc\", expected one of [cfc, lstm, gru, simplernn]",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ModelSpec("a,b", s -> null));
  }

}
