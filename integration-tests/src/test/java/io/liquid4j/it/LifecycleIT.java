package io.liquid4j.it;

import static io.liquid4j.it.LiquidNets.maxDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.runtime.LiquidRecurrentLayer;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Save/load, resumed training and clone of trained MultiLayerNetwork and ComputationGraph models
 * with liquid layers. Equalities here are exact (difference 0.0): the same float operations run in
 * the same order, and the saved updater state carries Adam's moments and iteration count.
 */
class LifecycleIT {

  private static final int N = 4;
  private static final int M = 3;

  @TempDir Path tmp;

  private static Supplier<Layer> layer(String which) {
    return which.equals("cfc") ? LiquidNets::cfcWithOptions : LiquidNets::wiredNcp;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cfc", "wired"})
  void multiLayerNetworkSavesLoadsResumesAndClones(String which) throws Exception {
    DataSet data = LiquidNets.regressionData(4, 9, 1);
    DataSet other = LiquidNets.regressionData(3, 13, 2); // another batch size and length
    MultiLayerNetwork uninterrupted = LiquidNets.regressionMln(layer(which).get(), 7);
    MultiLayerNetwork interrupted = LiquidNets.regressionMln(layer(which).get(), 7);
    for (int i = 0; i < N; i++) {
      uninterrupted.fit(data);
      interrupted.fit(data);
    }
    File file = tmp.resolve(which + "-mln.zip").toFile();
    ModelSerializer.writeModel(interrupted, file, true);
    MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, true);
    assertTrue(loaded.getLayer(0) instanceof LiquidRecurrentLayer);
    assertEquals(interrupted.getLayerWiseConfigurations(), loaded.getLayerWiseConfigurations());
    assertEquals(0.0, maxDiff(interrupted.output(other.getFeatures()),
        loaded.output(other.getFeatures())), 0.0);

    MultiLayerNetwork clone = uninterrupted.clone();
    assertNotSame(uninterrupted.params(), clone.params());
    assertEquals(0.0, maxDiff(uninterrupted.output(other.getFeatures()),
        clone.output(other.getFeatures())), 0.0);

    for (int i = 0; i < M; i++) {
      uninterrupted.fit(data);
      loaded.fit(data);
    }
    assertEquals(uninterrupted.getIterationCount(), loaded.getIterationCount());
    assertEquals(0.0, maxDiff(uninterrupted.params(), loaded.params()), 0.0,
        "train N+M vs train N, save, load, train M");
    assertEquals(0.0, maxDiff(uninterrupted.getUpdater().getStateViewArray(),
        loaded.getUpdater().getStateViewArray()), 0.0);

    // the clone trains on its own: the original does not move with it
    INDArray before = uninterrupted.params().dup();
    clone.fit(other);
    assertEquals(0.0, maxDiff(before, uninterrupted.params()), 0.0);
    assertTrue(maxDiff(before, clone.params()) > 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cfc", "wired"})
  void computationGraphSavesLoadsResumesAndClones(String which) throws Exception {
    MultiDataSet data = new MultiDataSet(LiquidNets.regressionData(4, 9, 3).getFeatures(),
        LiquidNets.regressionData(4, 9, 3).getLabels());
    INDArray other = LiquidNets.regressionData(2, 15, 4).getFeatures();
    ComputationGraph uninterrupted = LiquidNets.regressionGraph(layer(which).get(), 9);
    ComputationGraph interrupted = LiquidNets.regressionGraph(layer(which).get(), 9);
    for (int i = 0; i < N; i++) {
      uninterrupted.fit(data);
      interrupted.fit(data);
    }
    File file = tmp.resolve(which + "-cg.zip").toFile();
    ModelSerializer.writeModel(interrupted, file, true);
    ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);
    assertTrue(loaded.getLayer("liquid") instanceof LiquidRecurrentLayer);
    assertEquals(interrupted.getConfiguration(), loaded.getConfiguration());
    assertEquals(0.0, maxDiff(interrupted.outputSingle(other), loaded.outputSingle(other)), 0.0);

    ComputationGraph clone = uninterrupted.clone();
    assertEquals(0.0, maxDiff(uninterrupted.outputSingle(other), clone.outputSingle(other)), 0.0);

    for (int i = 0; i < M; i++) {
      uninterrupted.fit(data);
      loaded.fit(data);
    }
    assertEquals(0.0, maxDiff(uninterrupted.params(), loaded.params()), 0.0,
        "train N+M vs train N, save, load, train M");

    INDArray before = uninterrupted.params().dup();
    clone.fit(data);
    assertEquals(0.0, maxDiff(before, uninterrupted.params()), 0.0);
    assertTrue(maxDiff(before, clone.params()) > 0);
  }
}
