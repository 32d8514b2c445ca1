package io.liquid4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.layers.CfcLayer;
import io.liquid4j.layers.TimespanInputs;
import io.liquid4j.runtime.LiquidRecurrentLayer;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * CfC learns an irregularly sampled signal in a ComputationGraph, and the trained graph survives
 * a save/load round trip with its outputs.
 */
class CfcTrainingIT {

  @TempDir Path tmp;

  /** x(t) = sin(t) sampled at irregular times; the target is cos(t), which needs Δt to recover. */
  private static MultiDataSet irregularSine(int batch, int steps, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray dt = Nd4j.rand(DataType.FLOAT, batch, steps).muli(0.4).addi(0.05);
    INDArray t = dt.cumsum(1).addi(Nd4j.rand(DataType.FLOAT, batch, 1).muli(6.28));
    INDArray x = Nd4j.math().sin(t.dup()).reshape(batch, 1, steps);
    INDArray y = Nd4j.math().cos(t.dup()).reshape(batch, 1, steps);
    return new MultiDataSet(new INDArray[] {TimespanInputs.appendNcw(x, dt)}, new INDArray[] {y});
  }

  private static ComputationGraph graph() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(11)
        .dataType(DataType.FLOAT).updater(new Adam(1e-2)).graphBuilder()
        .addInputs("in")
        .addLayer("cfc", CfcLayer.builder().units(16).backboneUnits(32).timespansInput(true)
            .build(), "in")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).build(), "cfc")
        .setOutputs("out")
        .setInputTypes(InputType.recurrent(2))
        .build();
    ComputationGraph g = new ComputationGraph(conf);
    g.init();
    return g;
  }

  @Test
  void learnsAnIrregularlySampledSignalAndSurvivesSaveLoad() throws Exception {
    ComputationGraph g = graph();
    MultiDataSet train = irregularSine(32, 24, 1);
    MultiDataSet test = irregularSine(16, 40, 2); // longer than training sequences
    double before = g.score(test);
    for (int i = 0; i < 150; i++) {
      g.fit(train);
    }
    double after = g.score(test);
    assertTrue(after < 0.2 * before, "test MSE " + before + " -> " + after);

    File file = tmp.resolve("cfc-graph.zip").toFile();
    ModelSerializer.writeModel(g, file, true);
    ComputationGraph back = ModelSerializer.restoreComputationGraph(file, true);
    INDArray in = test.getFeatures(0);
    assertEquals(0.0, g.outputSingle(in).sub(back.outputSingle(in)).amaxNumber().doubleValue(),
        0.0);

    // an initial state set on the graph's layer changes the output, and clearing it restores it
    LiquidRecurrentLayer layer = (LiquidRecurrentLayer) back.getLayer("cfc");
    INDArray zeroStart = back.outputSingle(in);
    layer.setInitialState(Map.of("h", Nd4j.ones(DataType.FLOAT, 1, 16)));
    assertTrue(zeroStart.sub(back.outputSingle(in)).amaxNumber().doubleValue() > 1e-4);
    layer.clearInitialState();
    assertEquals(0.0, zeroStart.sub(back.outputSingle(in)).amaxNumber().doubleValue(), 0.0);
  }
}
