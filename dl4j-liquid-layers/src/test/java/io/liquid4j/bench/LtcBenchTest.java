package io.liquid4j.bench;

import io.liquid4j.layers.LtcLayer;
import io.liquid4j.wiring.AutoNcpWiring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import io.liquid4j.testing.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * LTC vs DL4J LSTM timings: a training step (fit on one DataSet, batch 32, T 50, 8 features, MSE on
 * every step) and a one-step {@code rnnTimeStep} at batch 1. Writes {@code target/bench/ltc.txt}.
 * Run: {@code OMP_NUM_THREADS=1 mvn -o -q -B test -pl dl4j-liquid-layers -Dtest=LtcBenchTest
 * -Dliquid4j.bench=true}.
 */
@EnabledIfSystemProperty(named = "liquid4j.bench", matches = "true")
class LtcBenchTest {

  private static final int ITERATIONS = Integer.getInteger("liquid4j.bench.iterations", 12);
  private final List<String> lines = new ArrayList<>();

  @Test
  @EnabledIfSystemProperty(named = "liquid4j.bench.quick", matches = "true")
  void quick() throws IOException {
    INDArray x = Nd4j.rand(DataType.FLOAT, 32, 8, 50);
    INDArray y = Nd4j.rand(DataType.FLOAT, 32, 1, 50);
    int chunk = Integer.getInteger("liquid4j.bench.chunk", 32);
    fit("LTC FC(64) x6 chunk " + chunk,
        LtcLayer.builder().units(64).maxChunkLength(chunk).build(), new DataSet(x, y));
    Path out = Paths.get("target", "bench", "ltc-quick.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, lines, StandardCharsets.UTF_8);
  }

  @Test
  void measure() throws IOException {
    Nd4j.getRandom().setSeed(1);
    INDArray x = Nd4j.rand(DataType.FLOAT, 32, 8, 50);
    INDArray y = Nd4j.rand(DataType.FLOAT, 32, 1, 50);
    DataSet data = new DataSet(x, y);
    int chunk = Integer.getInteger("liquid4j.bench.chunk", 32);
    double lstm = fit("LSTM(64)", lstm(64), data);
    double ltc = fit("LTC FC(64) x6 chunk " + chunk,
        LtcLayer.builder().units(64).maxChunkLength(chunk).build(), data);
    lines.add(String.format("fit ratio LTC/LSTM = %.1f", ltc / lstm));

    INDArray one = Nd4j.rand(DataType.FLOAT, 1, 8);
    double lstmStep = step("LSTM(19)", lstm(19), one);
    double ltcStep = step("LTC AutoNcp(19,1)", LtcLayer.builder()
        .wiring(new AutoNcpWiring(19, 1)).build(), one);
    lines.add(String.format("rnnTimeStep ratio LTC/LSTM = %.1f", ltcStep / lstmStep));
    Path out = Paths.get("target", "bench", "ltc.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, lines, StandardCharsets.UTF_8);
  }

  private static Layer lstm(int units) {
    return new LSTM.Builder().nOut(units).activation(Activation.TANH).build();
  }

  private double fit(String name, Layer layer, DataSet data) {
    MultiLayerNetwork net = Nets.regression(layer, 8, 1, true, RNNFormat.NCW, DataType.FLOAT,
        new Adam(1e-3), 7);
    long t0 = System.nanoTime();
    net.fit(data);
    double first = (System.nanoTime() - t0) / 1e6;
    net.fit(data);
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < ITERATIONS; i++) {
      long t = System.nanoTime();
      net.fit(data);
      times.add((System.nanoTime() - t) / 1e6);
    }
    List<Double> outputs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      net.output(data.getFeatures());
      outputs.add((System.nanoTime() - t) / 1e6);
    }
    lines.add(String.format("%-28s output (forward only): median %7.1f ms", name, median(outputs)));
    double median = median(times);
    lines.add(String.format("%-28s fit: first call %8.1f ms, median %7.1f ms (n=%d)", name, first,
        median, times.size()));
    return median;
  }

  private double step(String name, Layer layer, INDArray input) {
    MultiLayerNetwork net = Nets.regression(layer, 8, 1, true, RNNFormat.NCW, DataType.FLOAT,
        new Adam(1e-3), 7);
    for (int i = 0; i < 50; i++) {
      net.rnnTimeStep(input);
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long t = System.nanoTime();
      net.rnnTimeStep(input);
      times.add((System.nanoTime() - t) / 1e3);
    }
    double median = median(times);
    lines.add(String.format("%-28s rnnTimeStep batch 1: median %8.1f us", name, median));
    return median;
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
