package io.liquid4j.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an {@link NcpWiringTour} run built and measured: the wiring's counts, the files written, and
 * one {@link Model} per trained network plus two naive baselines.
 *
 * @param options the settings of the run
 * @param wiring the wiring's counts
 * @param trainWindows number of training windows
 * @param testWindows number of test windows
 * @param trainMaxPpm largest CO2 value of the training months
 * @param shareAboveTrainingRange share of test targets above {@code trainMaxPpm}
 * @param ltc the LTC on the AutoNCP wiring
 * @param lstm the LSTM of a comparable parameter count
 * @param lastValueRmse test RMSE in ppm of predicting the last input month
 * @param driftRmse test RMSE in ppm of the last input month plus the mean training step
 * @param wiringPng the wiring diagram
 * @param wiringDot the wiring as Graphviz DOT
 * @param predictionsPng test predictions of both models against the truth
 */
public record NcpWiringTourReport(
    NcpWiringTourOptions options, WiringCounts wiring, int trainWindows, int testWindows,
    double trainMaxPpm, double shareAboveTrainingRange, Model ltc, Model lstm,
    double lastValueRmse, double driftRmse, Path wiringPng, Path wiringDot, Path predictionsPng) {

  /**
   * Neuron and synapse counts of the wiring, as {@link io.liquid4j.wiring.Wiring} reports them.
   *
   * @param description how the wiring was made, e.g. {@code AutoNCP(19 units, 1 motor)}
   * @param inputs sensory inputs
   * @param inter inter neurons
   * @param command command neurons
   * @param motor motor neurons (the outputs)
   * @param synapses synapses between neurons
   * @param sensorySynapses synapses from the inputs to neurons
   * @param layers neuron layers (inter, command, motor)
   */
  public record WiringCounts(String description, int inputs, int inter, int command, int motor,
      int synapses, int sensorySynapses, int layers) {

    /** @return all neurons */
    public int units() {
      return inter + command + motor;
    }
  }

  /**
   * One trained network.
   *
   * @param name label in the table
   * @param parameters trainable parameters ({@code MultiLayerNetwork.numParams()})
   * @param testRmse root mean squared error on the test windows, in ppm
   * @param trainMillisPerEpoch mean wall time of one training epoch ({@code fit} only) after the
   *     first, or of the first when only one was run
   * @param firstEpochMillis wall time of the first epoch, which includes building the graphs
   * @param lossPerEpoch mean training loss (MSE, standardised units) of each epoch
   * @param predictions test predictions in ppm, one per test window, in date order
   */
  public record Model(String name, long parameters, double testRmse, double trainMillisPerEpoch,
      double firstEpochMillis, List<Double> lossPerEpoch, double[] predictions) {

    /**
     * Copies the loss list.
     *
     * @param name label in the table
     * @param parameters trainable parameters
     * @param testRmse test RMSE in ppm
     * @param trainMillisPerEpoch mean wall time of one epoch after the first
     * @param firstEpochMillis wall time of the first epoch
     * @param lossPerEpoch mean training loss of each epoch
     * @param predictions test predictions in ppm
     */
    public Model {
      lossPerEpoch = List.copyOf(lossPerEpoch);
    }
  }

  /** @return the files written: wiring PNG, wiring DOT, predictions PNG */
  public List<Path> files() {
    return List.of(wiringPng, wiringDot, predictionsPng);
  }

  /**
   * The report as aligned lines: wiring, data, one row per model and baseline, files.
   *
   * @return the lines, in print order
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    WiringCounts w = wiring;
    lines.add(String.format(Locale.ROOT, "%-10s %s, %d input: %d neurons = %d inter + %d command"
        + " + %d motor, %d layers", "wiring", w.description(), w.inputs(), w.units(), w.inter(),
        w.command(), w.motor(), w.layers()));
    lines.add(String.format(Locale.ROOT, "%-10s %d between neurons + %d sensory (of %d and %d"
        + " possible)", "synapses", w.synapses(), w.sensorySynapses(), w.units() * w.units(),
        w.inputs() * w.units()));
    lines.add(String.format(Locale.ROOT, "%-10s monthly CO2, %d months -> next month; %d train /"
        + " %d test windows (targets before / from %d)", "task", options.window(), trainWindows,
        testWindows, options.testFromYear()));
    lines.add(String.format(Locale.ROOT, "%-10s %.0f%% of test targets lie above the training"
        + " maximum %.2f ppm: extrapolation, out of distribution", "ood",
        100 * shareAboveTrainingRange, trainMaxPpm));
    String format = "%-24s %7s %14s %15s %15s";
    lines.add(String.format(Locale.ROOT, format, "model", "params", "test_rmse_ppm",
        "train_ms/epoch", "first_epoch_ms"));
    for (Model m : List.of(ltc, lstm)) {
      lines.add(String.format(Locale.ROOT, format, m.name(), m.parameters(),
          String.format(Locale.ROOT, "%.3f", m.testRmse()),
          String.format(Locale.ROOT, "%.1f", m.trainMillisPerEpoch()),
          String.format(Locale.ROOT, "%.1f", m.firstEpochMillis())));
    }
    lines.add(String.format(Locale.ROOT, format, "naive: last value", 0,
        String.format(Locale.ROOT, "%.3f", lastValueRmse), "-", "-"));
    lines.add(String.format(Locale.ROOT, format, "naive: last + mean step", 0,
        String.format(Locale.ROOT, "%.3f", driftRmse), "-", "-"));
    lines.add(String.format(Locale.ROOT, "%-10s %d epochs, batch %d, Adam lr %s, LTC %d ODE"
        + " unfolds, seed %d", "training", options.epochs(), options.batch(),
        options.learningRate(), options.odeUnfolds(), options.seed()));
    if (options.window() == NcpWiringTourOptions.DEFAULT_WINDOW
        && options.odeUnfolds() == NcpWiringTourOptions.DEFAULT_ODE_UNFOLDS) {
      lines.add(String.format(Locale.ROOT, "%-10s %s", "note", NcpWiringTourOptions.REDUCED_FOR_TIME));
    }
    for (Path f : files()) {
      lines.add("wrote " + f.toAbsolutePath().normalize());
    }
    return lines;
  }
}
