package io.liquid4j.examples;

import io.liquid4j.layers.CfcLayer;
import io.liquid4j.layers.GruLayer;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The models {@link Compare} knows, and the shared network shape: recurrent layer, its last time
 * step, softmax output trained with cross-entropy and Adam, float32, fixed seed.
 *
 * <p>Parameter counts, for {@code h} hidden units, {@code n} inputs and {@code k} classes (output
 * layer {@code h*k + k} in all): CfC with a backbone of {@code h} units {@code (n + h) h + h + 4(h h
 * + h)}; LSTM {@code 4(n h + h h + h)}; GRU {@code 3(n h + h h + 2h)} ({@code inputW},
 * {@code recurrentW} and PyTorch's two biases); SimpleRnn {@code n h + h h + h}.
 */
public final class Models {

  private Models() {}

  /**
   * The default list, in table order. To add a model, add one line here (see {@link ModelSpec}).
   *
   * @return every model {@code --models} can name
   */
  public static List<ModelSpec> all() {
    return List.of(
        new ModelSpec("cfc", s -> classifier(s, CfcLayer.builder().units(s.hidden())
            .backboneUnits(s.hidden()).returnSequences(false).build())),
        new ModelSpec("lstm", s -> lastStep(new LSTM.Builder().nOut(s.hidden()).build(), s)),
        new ModelSpec("gru", s -> classifier(s, GruLayer.builder().units(s.hidden())
            .returnSequences(false).build())),
        new ModelSpec("simplernn", s -> lastStep(new SimpleRnn.Builder().nOut(s.hidden()).build(), s)));
  }

  /**
   * Looks up models by name.
   *
   * @param names names from {@link #all()}, in the order wanted
   * @return the matching specs, in the order of {@code names}
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static List<ModelSpec> byName(List<String> names) {
    List<ModelSpec> known = all();
    return names.stream()
        .map(n -> known.stream().filter(m -> m.name().equals(n)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown model \"" + n + "\", expected one of "
                + known.stream().map(ModelSpec::name).toList())))
        .toList();
  }

  /**
   * A classifier on the last time step of a DL4J recurrent layer: {@code recurrent} wrapped in
   * {@link LastTimeStep}, then a softmax {@link OutputLayer} with MCXENT loss. {@code nIn} of both
   * is inferred from {@code InputType.recurrent(nIn, timeSteps, NCW)}.
   *
   * <p>Only for {@link BaseRecurrentLayer}s (LSTM, SimpleRnn, ...): in DL4J 1.0.0-M2.1 {@code
   * LastTimeStep} asks {@code TimeSeriesUtils.getFormatFromRnnLayer} for the data format, which
   * throws inside the first {@code fit} or {@code output} for any other layer, e.g. a SameDiff
   * layer. Give such a layer a last-step output of its own and use {@link #classifier}.
   *
   * @param recurrent a DL4J recurrent layer returning {@code [batch, units, time]}; its {@code nIn}
   *     may be left unset
   * @param s shared settings (seed, learning rate, sizes)
   * @return the configuration
   * @throws IllegalArgumentException if {@code recurrent} is not a {@link BaseRecurrentLayer}
   */
  public static MultiLayerConfiguration lastStep(Layer recurrent, NetworkSettings s) {
    if (!(recurrent instanceof BaseRecurrentLayer)) {
      throw new IllegalArgumentException("Models.lastStep: expected a BaseRecurrentLayer (DL4J's"
          + " LastTimeStep cannot wrap anything else), got " + recurrent.getClass().getSimpleName()
          + "; give the layer a last-step output and use Models.classifier(settings, layer)");
    }
    return classifier(s, new LastTimeStep(recurrent));
  }

  /**
   * A classifier on layers that end in one vector per sequence ({@code [batch, units]}), for a
   * layer that returns only its final state itself.
   *
   * @param s shared settings
   * @param layers layers taking {@code [batch, nIn, time]} (NCW) and, together, returning {@code
   *     [batch, units]}
   * @return the configuration: those layers, then a softmax output layer
   */
  public static MultiLayerConfiguration classifier(NetworkSettings s, Layer... layers) {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
        .seed(s.seed())
        .dataType(DataType.FLOAT)
        .updater(new Adam(s.learningRate()))
        .weightInit(WeightInit.XAVIER)
        .list();
    for (Layer layer : layers) {
      list.layer(layer);
    }
    return list
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .activation(Activation.SOFTMAX)
            .nOut(s.nClasses())
            .build())
        .setInputType(InputType.recurrent(s.nIn(), s.timeSteps(), RNNFormat.NCW))
        .build();
  }
}
