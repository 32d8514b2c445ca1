package io.liquid4j.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's main job: train several sequence classifiers on the same task, choose each one's
 * learning rate and epoch on validation data, and compare test accuracy, trainable parameters and
 * their memory, training time and inference time, one table row per model.
 *
 * <p>Task: the 8x8 digits ({@link DigitsData}) read row by row, 8 steps of 8 features, 10 classes,
 * a stratified seeded partition ({@link DigitsData#partition}): {@value #TEST_FRACTION} of each class
 * for testing, then {@value #VALIDATION_FRACTION} of the rest for validation.
 *
 * <p>Protocol, the same for every model ({@link Models#all()}): same hidden size, seed, mini-batch
 * size, epochs and data order. For each learning rate of the grid ({@code --lrs}) the model is
 * trained from the same initialisation for {@code --epochs} epochs; after each epoch its validation
 * accuracy is measured and, if it is the best of that run so far, its parameters are copied (a
 * checkpoint, as early stopping keeps). The chosen configuration is the run and epoch with the
 * highest validation accuracy (ties: the earlier epoch, the earlier learning rate in {@code --lrs}).
 * Only then is the test split used, once, on that checkpoint. A shared learning rate would favour
 * whichever model it happens to suit; the grid gives each model its own.
 *
 * <p>Progress (one line per epoch per model and learning rate: loss, validation accuracy, elapsed
 * time; one line per model for its choice) goes to SLF4J; the table goes to stdout; the validation
 * curves of the chosen runs are written as {@value #PLOT_FILE} and test accuracy against parameter
 * count as {@value #SCATTER_FILE}, both in {@code --out}.
 *
 * <p>Arguments ({@code --name value} or {@code --name=value}):
 *
 * <pre>
 *   --epochs N     epochs per model and learning rate (default 30)
 *   --hidden N     hidden units of the recurrent layer (default 64)
 *   --batch N      mini-batch size (default 64)
 *   --models A,B   models to compare, from cfc,lstm,gru,simplernn (default: all)
 *   --seed N       seed of split, initialisation and shuffling (default 42)
 *   --out DIR      directory for the plots (default target/examples/compare)
 *   --limit N      use only about N of the 1797 images, 0 = all (default 0)
 *   --lrs X,Y      Adam learning rates to try per model (default 0.01,0.003)
 *   --help         print the usage
 * </pre>
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 mvn -o -q -pl examples exec:java
 * -Dexec.args="--epochs 5 --models lstm"}.
 */
public final class Compare {

  /** Share of each class held out for testing. */
  public static final double TEST_FRACTION = 0.2;
  /** Share of each class's remaining (training) images held out for validation. */
  public static final double VALIDATION_FRACTION = 0.15;
  /** Name of the validation-curve plot inside {@code --out}. */
  public static final String PLOT_FILE = "accuracy.png";
  /** Name of the test-accuracy-vs-parameters plot inside {@code --out}. */
  public static final String SCATTER_FILE = "accuracy-vs-params.png";
  /** Timed inference calls after the warm-up; the fastest counts. */
  static final int INFERENCE_REPEATS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(Compare.class);

  private Compare() {}

  /**
   * Parses the arguments, runs the comparison and prints the table and the files written.
   *
   * @param args see the class documentation; {@code --help} prints the usage
   */
  public static void main(String[] args) {
    Args.parseOrExit("Compare", CompareOptions.USAGE, CompareOptions::parse, args)
        .map(Compare::run)
        .ifPresent(report -> {
          System.out.println(report.table());
          report.files().forEach(
              f -> System.out.println("wrote " + f.toAbsolutePath().normalize()));
        });
  }

  /**
   * Selects, tests and measures every model of {@code options}, then writes the two plots.
   *
   * @param options the settings; {@link CompareOptions#defaults()} for the documented run
   * @return one row per model, in the order of {@code options.models()}, and the files written
   */
  public static CompareReport run(CompareOptions options) {
    List<ModelSpec> specs = Models.byName(options.models());
    DigitsData.Partition data = DigitsData.load()
        .partition(TEST_FRACTION, VALIDATION_FRACTION, options.seed(), options.limit());
    int trainSize = data.train().numExamples();
    int validationSize = data.validation().numExamples();
    int testSize = data.test().numExamples();
    LOG.info("digits 8x8 row by row: {} train / {} validation / {} test sequences, {} steps x {}"
        + " features; models {}; learning rates {}", trainSize, validationSize, testSize,
        DigitsData.TIME_STEPS, DigitsData.FEATURES, options.models(),
        CompareOptions.lrs(options.learningRates()));

    List<CompareReport.Row> rows = new ArrayList<>();
    for (ModelSpec spec : specs) {
      rows.add(selectAndTest(spec, data, options));
    }
    LineChart curves = new LineChart(
        "Digits 8x8 (row by row): validation accuracy per epoch, chosen lr", "epoch",
        "validation accuracy").yRange(0, 1);
    ScatterChart scatter = new ScatterChart(
        "Digits 8x8 (row by row): test accuracy vs parameters", "trainable parameters",
        "test accuracy");
    double maxParams = 0;
    double minAccuracy = 1;
    for (CompareReport.Row row : rows) {
      List<Double> curve = row.chosenRun().validationAccuracyPerEpoch();
      double[] x = new double[curve.size()];
      double[] y = new double[curve.size()];
      for (int e = 0; e < curve.size(); e++) {
        x[e] = e + 1;
        y[e] = curve.get(e);
      }
      curves.series(row.model() + ", lr " + row.learningRate() + " (" + row.parameters()
          + " params)", x, y);
      scatter.point(String.format(Locale.ROOT, "%s %.3f", row.model(), row.testAccuracy()),
          row.parameters(), row.testAccuracy());
      maxParams = Math.max(maxParams, row.parameters());
      minAccuracy = Math.min(minAccuracy, row.testAccuracy());
    }
    scatter.xRange(0, maxParams * 1.15).yRange(Math.max(0, minAccuracy - 0.05), 1);
    Path plot = curves.writePng(options.out().resolve(PLOT_FILE), 800, 500);
    Path scatterPlot = scatter.writePng(options.out().resolve(SCATTER_FILE), 800, 500);
    return new CompareReport(options, trainSize, validationSize, testSize, rows,
        List.of(plot, scatterPlot));
  }

  /**
   * Trains {@code spec} once per learning rate, keeps the best validation checkpoint over all of
   * them, and measures only that checkpoint on the test split.
   */
  private static CompareReport.Row selectAndTest(
      ModelSpec spec, DigitsData.Partition data, CompareOptions options) {
    List<CompareReport.Run> runs = new ArrayList<>();
    MultiLayerNetwork chosen = null;
    INDArray checkpoint = null;
    CompareReport.Run best = null;
    long trainNanos = 0;
    for (double lr : options.learningRates()) {
      NetworkSettings settings = new NetworkSettings(DigitsData.FEATURES, DigitsData.TIME_STEPS,
          DigitsData.CLASSES, options.hidden(), options.seed(), lr);
      MultiLayerNetwork net = new MultiLayerNetwork(spec.factory().create(settings));
      net.init();
      if (runs.isEmpty()) {
        LOG.info("{}: {} parameters", spec.name(), net.numParams());
      }
      DataSet train = data.train().copy(); // shuffled in place each epoch, the same for every lr
      List<Double> accuracies = new ArrayList<>();
      List<Double> losses = new ArrayList<>();
      INDArray runBest = null;
      long start = System.nanoTime();
      for (int epoch = 1; epoch <= options.epochs(); epoch++) {
        TrainingEpoch fitted =
            TrainingEpoch.fit(net, train, options.batch(), options.seed() + epoch);
        trainNanos += fitted.nanos();
        double loss = fitted.meanLoss();
        double accuracy = accuracy(net, data.validation());
        if (accuracies.stream().allMatch(a -> accuracy > a)) {
          runBest = net.params().dup(); // the checkpoint of this run so far
        }
        losses.add(loss);
        accuracies.add(accuracy);
        LOG.info(String.format(Locale.ROOT,
            "%s lr %s epoch %d/%d: loss %.4f, validation accuracy %.4f, %.1f s", spec.name(), lr,
            epoch, options.epochs(), loss, accuracy, (System.nanoTime() - start) / 1e9));
      }
      CompareReport.Run run = new CompareReport.Run(lr, accuracies, losses);
      runs.add(run);
      if (best == null || run.bestValidationAccuracy() > best.bestValidationAccuracy()) {
        best = run;
        chosen = net;
        checkpoint = runBest;
      }
    }
    chosen.setParams(checkpoint); // the test split is used here, once, on the chosen checkpoint
    double testAccuracy = accuracy(chosen, data.test());
    LOG.info(String.format(Locale.ROOT, "%s: chose lr %s, epoch %d (validation accuracy %.4f);"
        + " test accuracy of that checkpoint %.4f", spec.name(), best.learningRate(),
        best.bestEpoch(), best.bestValidationAccuracy(), testAccuracy));
    if (best.bestEpoch() == options.epochs()) {
      LOG.warn("{}: the chosen epoch is the last one; more --epochs may still improve it, so the"
          + " comparison may understate this model", spec.name());
    }
    double inferenceMicros = inferenceMicrosPerSequence(chosen, data.test().getFeatures());
    long parameterBytes = chosen.params().length() * chosen.params().dataType().width();
    return new CompareReport.Row(spec.name(), best.learningRate(), best.bestEpoch(),
        best.bestValidationAccuracy(), testAccuracy, chosen.numParams(), parameterBytes,
        trainNanos / 1e6 / (options.epochs() * options.learningRates().size()), inferenceMicros,
        options.epochs(), runs, checkpoint);
  }

  /**
   * @param net a classifier
   * @param data sequences and one-hot labels
   * @return share of sequences whose most probable class is the labelled one
   */
  public static double accuracy(MultiLayerNetwork net, DataSet data) {
    INDArray predicted = net.output(data.getFeatures(), false).argMax(1);
    INDArray actual = data.getLabels().argMax(1);
    long correct = 0;
    for (int i = 0; i < data.numExamples(); i++) {
      if (predicted.getLong(i) == actual.getLong(i)) {
        correct++;
      }
    }
    return (double) correct / data.numExamples();
  }

  /** One warm-up call, then the fastest of {@link #INFERENCE_REPEATS} batch calls per sequence. */
  static double inferenceMicrosPerSequence(MultiLayerNetwork net, INDArray features) {
    net.output(features, false);
    long best = Long.MAX_VALUE;
    for (int i = 0; i < INFERENCE_REPEATS; i++) {
      long t0 = System.nanoTime();
      net.output(features, false);
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best / 1e3 / features.size(0);
  }
}
