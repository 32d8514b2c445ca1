package io.liquid4j.compat;

import io.liquid4j.layers.CfcLayer;
import io.liquid4j.layers.TimespanInputs;
import io.liquid4j.layers.WiredCfcLayer;
import io.liquid4j.wiring.AutoNcpWiring;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The backward-compatibility fixtures of one release: which models are written, their fixed input
 * and the text format of recorded arrays. The generator builds the models from this class; the
 * compatibility test reads only the committed files (never these builders), so a renamed class or
 * field fails it.
 */
final class CompatFixtures {

  /** Release whose files live in {@code io/liquid4j/compat/<RELEASE>/}. */
  static final String RELEASE = "v0.1.0";
  /** The models, by file base name. */
  static final List<String> NAMES = List.of("cfc_default", "cfc_options", "wiredcfc_autoncp",
      "ltc_autoncp", "gru_default", "bidirectional_cfc");
  /** Adam iterations before saving, so the saved updater state is not trivial. */
  static final int TRAIN_ITERATIONS = 5;

  private CompatFixtures() {}

  /** The liquid layer of fixture {@code name}, as the generator builds it. */
  static Layer layer(String name) {
    return switch (name) {
      case "cfc_default" -> CfcLayer.builder().name("cfc").units(4).build();
      case "cfc_options" -> CfcLayer.builder().name("cfc").units(4).backboneUnits(8)
          .mixedMemory(true).projSize(2).timespansInput(true).build();
      case "wiredcfc_autoncp" -> WiredCfcLayer.builder().name("ncp")
          .wiring(new AutoNcpWiring(8, 2)).build();
      case "ltc_autoncp" -> io.liquid4j.layers.LtcLayer.builder().name("ltc")
          .wiring(new AutoNcpWiring(8, 2)).odeUnfolds(3).build();
      case "gru_default" -> io.liquid4j.layers.GruLayer.builder().name("gru").units(4).build();
      case "bidirectional_cfc" -> io.liquid4j.layers.BidirectionalLiquidLayer.builder().name("bi")
          .layer(CfcLayer.builder().units(3).backboneUnits(5).build())
          .mode(org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.CONCAT).build();
      default -> throw new IllegalArgumentException("unknown fixture " + name);
    };
  }

  /** {@code layer -> RnnOutputLayer(MSE, 1)}, float, 3 input features (2 + Δt with timespans). */
  static MultiLayerNetwork network(String name) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42)
        .dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
        .layer(layer(name))
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).nOut(1).build())
        .setInputType(InputType.recurrent(3)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** A deterministic input {@code [2, 3, 6]}; with timespans the last feature is Δt in [0.5, 1]. */
  static INDArray input(boolean timespans) {
    INDArray x = Nd4j.create(DataType.FLOAT, 2, timespans ? 2 : 3, 6);
    for (int b = 0; b < 2; b++) {
      for (int f = 0; f < x.size(1); f++) {
        for (int t = 0; t < 6; t++) {
          x.putScalar(new long[] {b, f, t}, Math.sin(0.7 * t + 1.3 * f + 0.5 * b));
        }
      }
    }
    if (!timespans) {
      return x;
    }
    INDArray dt = Nd4j.create(DataType.FLOAT, 2, 6);
    for (int b = 0; b < 2; b++) {
      for (int t = 0; t < 6; t++) {
        dt.putScalar(b, t, 0.5 + 0.25 * ((b + t) % 3));
      }
    }
    return TimespanInputs.appendNcw(x, dt);
  }

  /** Training targets {@code [2, 1, 6]}. */
  static INDArray labels() {
    INDArray y = Nd4j.create(DataType.FLOAT, 2, 1, 6);
    for (int b = 0; b < 2; b++) {
      for (int t = 0; t < 6; t++) {
        y.putScalar(new long[] {b, 0, t}, Math.cos(0.4 * t + b));
      }
    }
    return y;
  }

  // ---------------------------------------------------------------- array text format

  /**
   * Writes named arrays as text: a line {@code name d0 d1 ...} then a line of the values in C order
   * ({@code Float.toString}, which reads back to the same float).
   */
  static void writeArrays(Path file, Map<String, INDArray> arrays) throws IOException {
    StringBuilder sb = new StringBuilder("# Liquid4j " + RELEASE
        + " compatibility fixture: name and shape, then the values in C order\n");
    for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
      sb.append(e.getKey());
      for (long d : e.getValue().shape()) {
        sb.append(' ').append(d);
      }
      sb.append('\n');
      float[] v = e.getValue().dup('c').data().asFloat();
      for (int i = 0; i < v.length; i++) {
        sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%s", v[i]));
      }
      sb.append('\n');
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  /** Reads what {@link #writeArrays} wrote, as float arrays. */
  static Map<String, INDArray> readArrays(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line.trim());
      }
    }
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < lines.size(); i += 2) {
      String[] head = lines.get(i).split(" ");
      long[] shape = new long[head.length - 1];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = Long.parseLong(head[d + 1]);
      }
      String[] values = lines.get(i + 1).split(" ");
      float[] v = new float[values.length];
      for (int k = 0; k < v.length; k++) {
        v[k] = Float.parseFloat(values[k]);
      }
      out.put(head[0], Nd4j.create(v, shape, 'c'));
    }
    return out;
  }
}
