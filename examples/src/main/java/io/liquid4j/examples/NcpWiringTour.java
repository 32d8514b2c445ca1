package io.liquid4j.examples;

import io.liquid4j.layers.LtcLayer;
import io.liquid4j.wiring.AutoNcpWiring;
import io.liquid4j.wiring.NeuronType;
import io.liquid4j.wiring.Wiring;
import io.liquid4j.wiring.WiringDiagram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tour of a Neural Circuit Policy wiring: build an AutoNCP of {@value #UNITS} neurons with
 * {@value #MOTORS} motor neuron, print its neuron and synapse counts, draw it (PNG and DOT), train an
 * LTC on it to forecast monthly CO2 one month ahead ({@link Co2Forecast}), and compare its test
 * error with an LSTM of a similar parameter count and two naive baselines.
 *
 * <p>Models, both trained on the same windows in the same order with Adam and MSE, float32:
 *
 * <ul>
 *   <li>{@code ltc-ncp}: {@link LtcLayer} on the wiring with {@code returnSequences(false)}; its one
 *       motor neuron (after the layer's affine output mapping) is the prediction, so a parameterless
 *       {@link LossLayer} (identity, MSE) follows. An {@code OutputLayer} would only add a second
 *       affine map of one value; an {@code RnnOutputLayer} on every step would train on 24 targets
 *       per window, most of them with too little history.
 *   <li>{@code lstm}: DL4J {@link LSTM} in {@link LastTimeStep}, then {@link OutputLayer} (identity,
 *       MSE, one output). Its hidden size {@code h} is the one whose parameter count {@code 4(h + h h
 *       + h) + h + 1} (one input) is closest to the LTC's.
 * </ul>
 *
 * <p>The LTC's parameter count includes the entries of its {@code [S, S]} and {@code [F, S]}
 * matrices that the wiring masks out: they are parameters that never receive a gradient.
 *
 * <p>Arguments: see {@link NcpWiringTourOptions#USAGE}. Run: {@code OMP_NUM_THREADS=1 mvn -o -q -pl
 * examples exec:java -Dexec.mainClass=io.liquid4j.examples.NcpWiringTour}.
 */
public final class NcpWiringTour {

  /** Neurons of the AutoNCP wiring. */
  public static final int UNITS = 19;
  /** Motor (output) neurons of the AutoNCP wiring. */
  public static final int MOTORS = 1;
  /** Inputs per time step: the standardised CO2 of one month. */
  public static final int INPUTS = 1;
  /** Name of the wiring diagram inside {@code --out}. */
  public static final String WIRING_PNG = "wiring.png";
  /** Name of the wiring's DOT source inside {@code --out}. */
  public static final String WIRING_DOT = "wiring.dot";
  /** Name of the test-prediction plot inside {@code --out}. */
  public static final String PREDICTIONS_PNG = "predictions.png";

  private static final Logger LOG = LoggerFactory.getLogger(NcpWiringTour.class);

  private NcpWiringTour() {}

  /**
   * Parses the arguments, runs the tour and prints the report lines.
   *
   * @param args see {@link NcpWiringTourOptions#USAGE}; {@code --help} prints it
   */
  public static void main(String[] args) {
    Args.parseOrExit(
            "NcpWiringTour", NcpWiringTourOptions.USAGE, NcpWiringTourOptions::parse, args)
        .ifPresent(options -> run(options).lines().forEach(System.out::println));
  }

  /**
   * Builds and draws the wiring, trains both models, measures them on the test windows and plots
   * the predictions.
   *
   * @param options the settings; {@link NcpWiringTourOptions#defaults()} for the documented run
   * @return the counts, measurements and files written
   * @throws UncheckedIOException if a file cannot be written
   */
  public static NcpWiringTourReport run(NcpWiringTourOptions options) {
    Wiring wiring = new AutoNcpWiring(UNITS, MOTORS, AutoNcpWiring.DEFAULT_SPARSITY,
        options.seed()).build(INPUTS);
    NcpWiringTourReport.WiringCounts counts = new NcpWiringTourReport.WiringCounts(
        "AutoNCP(" + UNITS + " units, " + MOTORS + " motor, sparsity "
            + AutoNcpWiring.DEFAULT_SPARSITY + ", seed " + options.seed() + ")",
        wiring.inputDim(), wiring.countOf(NeuronType.INTER), wiring.countOf(NeuronType.COMMAND),
        wiring.countOf(NeuronType.MOTOR), wiring.synapseCount(), wiring.sensorySynapseCount(),
        wiring.numLayers());
    Path png = options.out().resolve(WIRING_PNG);
    Path dot = options.out().resolve(WIRING_DOT);
    try {
      new WiringDiagram().title(counts.description()).writePng(wiring, png);
      Files.writeString(dot, wiring.toDot(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the wiring to " + options.out(), e);
    }
    LOG.info("wiring {}: {} inter, {} command, {} motor neurons, {} synapses, {} sensory", counts
        .description(), counts.inter(), counts.command(), counts.motor(), counts.synapses(),
        counts.sensorySynapses());

    Co2Forecast task = Co2Forecast.of(Co2Data.load(), options.window(),
        LocalDate.of(options.testFromYear(), 1, 1), options.limit());
    int trainWindows = task.train().numExamples();
    int testWindows = task.test().numExamples();
    LOG.info(String.format(Locale.ROOT, "CO2: %d train / %d test windows of %d months; training"
        + " mean %.2f ppm, std %.2f ppm, max %.2f ppm; %.0f%% of test targets above that max",
        trainWindows, testWindows, options.window(), task.mean(), task.std(), task.trainMax(),
        100 * task.shareAboveTrainingRange()));

    MultiLayerNetwork ltcNet = ltcNetwork(options, wiring);
    int hidden = lstmHiddenFor(ltcNet.numParams());
    MultiLayerNetwork lstmNet = lstmNetwork(options, hidden);
    NcpWiringTourReport.Model ltc = train("ltc-ncp", ltcNet, task, options);
    NcpWiringTourReport.Model lstm = train("lstm (h=" + hidden + ")", lstmNet, task, options);

    double[] last = task.testLast();
    double[] drift = new double[last.length];
    for (int i = 0; i < last.length; i++) {
      drift[i] = last[i] + task.meanTrainStep();
    }
    LineChart chart = new LineChart(String.format(Locale.ROOT, "Mauna Loa CO2, one month ahead"
        + " (test, trained before %d)", options.testFromYear()), "year", "CO2 (ppm)")
        .series("measured", task.testYear(), task.testTarget())
        .series(ltc.name() + String.format(Locale.ROOT, ", RMSE %.2f", ltc.testRmse()),
            task.testYear(), ltc.predictions())
        .series(lstm.name() + String.format(Locale.ROOT, ", RMSE %.2f", lstm.testRmse()),
            task.testYear(), lstm.predictions());
    Path plot = chart.writePng(options.out().resolve(PREDICTIONS_PNG), 900, 500);
    return new NcpWiringTourReport(options, counts, trainWindows, testWindows, task.trainMax(),
        task.shareAboveTrainingRange(), ltc, lstm, task.rmse(last), task.rmse(drift), png, dot,
        plot);
  }

  /**
   * @param parameters a parameter budget
   * @return the LSTM hidden size {@code h >= 1} whose network (one input, LSTM, one linear output)
   *     has the parameter count {@code 4(h + h h + h) + h + 1} closest to {@code parameters}; the
   *     smaller on a tie
   */
  public static int lstmHiddenFor(long parameters) {
    int best = 1;
    for (int h = 1; lstmParameters(h) - parameters < parameters; h++) {
      if (Math.abs(lstmParameters(h) - parameters) < Math.abs(lstmParameters(best) - parameters)) {
        best = h;
      }
    }
    return best;
  }

  /**
   * @param hidden LSTM units
   * @return parameters of the tour's LSTM network with one input: LSTM {@code 4(h + h h + h)}
   *     (input weights, recurrent weights, biases of four gates), output layer {@code h + 1}
   */
  public static long lstmParameters(int hidden) {
    long h = hidden;
    return 4 * (INPUTS * h + h * h + h) + h + 1;
  }

  /**
   * The tour's LTC: {@link LtcLayer} on {@code wiring} returning its last step, then a {@link
   * LossLayer} (identity, MSE) on the motor neuron.
   *
   * @param options window, unfolds, seed and learning rate
   * @param wiring a wiring with {@value #INPUTS} input and one motor neuron
   * @return the initialised network
   */
  public static MultiLayerNetwork ltcNetwork(NcpWiringTourOptions options, Wiring wiring) {
    return network(options, LtcLayer.builder().wiring(wiring).odeUnfolds(options.odeUnfolds())
        .returnSequences(false).build(),
        new LossLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).build());
  }

  /**
   * The tour's LSTM: DL4J {@link LSTM} in {@link LastTimeStep}, then an {@link OutputLayer}
   * (identity, MSE, one output).
   *
   * @param options window, seed and learning rate
   * @param hidden LSTM units
   * @return the initialised network, with {@link #lstmParameters(int)} parameters
   */
  public static MultiLayerNetwork lstmNetwork(NcpWiringTourOptions options, int hidden) {
    return network(options, new LastTimeStep(new LSTM.Builder().nOut(hidden).build()),
        new OutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).nOut(1).build());
  }

  private static MultiLayerNetwork network(NcpWiringTourOptions options, Layer... layers) {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
        .seed(options.seed())
        .dataType(DataType.FLOAT)
        .updater(new Adam(options.learningRate()))
        .weightInit(WeightInit.XAVIER)
        .list();
    for (Layer layer : layers) {
      list.layer(layer);
    }
    MultiLayerConfiguration conf = list
        .setInputType(InputType.recurrent(INPUTS, options.window(), RNNFormat.NCW))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** Trains {@code net} for {@code --epochs} epochs, then predicts the test windows once. */
  private static NcpWiringTourReport.Model train(
      String name, MultiLayerNetwork net, Co2Forecast task, NcpWiringTourOptions options) {
    LOG.info("{}: {} parameters", name, net.numParams());
    DataSet train = task.train().copy(); // shuffled in place, the same order for both models
    List<Double> losses = new ArrayList<>();
    long trainNanos = 0;
    long firstNanos = 0;
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      TrainingEpoch fitted = TrainingEpoch.fit(net, train, options.batch(), options.seed() + epoch);
      trainNanos += fitted.nanos();
      firstNanos = epoch == 1 ? fitted.nanos() : firstNanos;
      losses.add(fitted.meanLoss());
      LOG.info(String.format(Locale.ROOT, "%s epoch %d/%d: loss %.5f, %.1f s", name, epoch,
          options.epochs(), fitted.meanLoss(), fitted.nanos() / 1e9));
    }
    double[] predicted = task.toPpm(net.output(task.test().getFeatures(), false));
    double rmse = task.rmse(predicted);
    LOG.info(String.format(Locale.ROOT, "%s: test RMSE %.3f ppm", name, rmse));
    // the first epoch also builds the SameDiff graphs (seconds for the LTC): reported apart
    double laterMillis = options.epochs() > 1
        ? (trainNanos - firstNanos) / 1e6 / (options.epochs() - 1) : firstNanos / 1e6;
    return new NcpWiringTourReport.Model(name, net.numParams(), rmse, laterMillis,
        firstNanos / 1e6, losses, predicted);
  }
}
