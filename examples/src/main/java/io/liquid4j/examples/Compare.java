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
 * The project's main job: train several sequence classifiers on the same task and compare test
 * accuracy, trainable parameters, training time and inference time, one table row per model.
 *
 * <p>Task: the 8x8 digits ({@link DigitsData}) read row by row, 8 steps of 8 features, 10 classes,
 * a stratified 80/20 split with a fixed seed. Every model ({@link Models#all()}) gets the same
 * hidden size, seed, Adam learning rate, mini-batch size and epochs. Progress (one line per epoch
 * per model: loss, test accuracy, elapsed time) goes to SLF4J; the table goes to stdout; the
 * learning curves (test accuracy per epoch) are written as {@code accuracy.png} in {@code --out}.
 *
 * <p>Arguments ({@code --name value} or {@code --name=value}):
 *
 * <pre>
 *   --epochs N     epochs per model (default 30)
 *   --hidden N     hidden units of the recurrent layer (default 64)
 *   --batch N      mini-batch size (default 64)
 *   --models A,B   models to compare, from lstm,simplernn (default: all)
 *   --seed N       seed of split, initialisation and shuffling (default 42)
 *   --out DIR      directory for the plot (default target/examples/compare)
 *   --limit N      use only about N of the 1797 images, 0 = all (default 0)
 *   --lr X         Adam learning rate (default 0.01)
 *   --help         print the usage
 * </pre>
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 mvn -o -q -pl examples exec:java
 * -Dexec.args="--epochs 5 --models lstm"}.
 */
public final class Compare {

  /** Share of each class held out for testing. */
  public static final double TEST_FRACTION = 0.2;
  /** Name of the learning-curve plot inside {@code --out}. */
  public static final String PLOT_FILE = "accuracy.png";
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
    if (CompareOptions.wantsHelp(args)) {
      System.out.println(CompareOptions.USAGE);
      return;
    }
    CompareOptions options;
    try {
      options = CompareOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("Compare: " + e.getMessage());
      System.err.println(CompareOptions.USAGE);
      System.exit(2);
      return;
    }
    CompareReport report = run(options);
    System.out.println(report.table());
    report.files().forEach(f -> System.out.println("wrote " + f.toAbsolutePath().normalize()));
  }

  /**
   * Trains and measures every model of {@code options}, then plots the learning curves.
   *
   * @param options the settings; {@link CompareOptions#defaults()} for the documented run
   * @return one row per model, in the order of {@code options.models()}, and the files written
   */
  public static CompareReport run(CompareOptions options) {
    List<ModelSpec> specs = Models.byName(options.models());
    DigitsData.Split split = DigitsData.load().split(TEST_FRACTION, options.seed(), options.limit());
    int trainSize = split.train().numExamples();
    int testSize = split.test().numExamples();
    LOG.info("digits 8x8 row by row: {} train / {} test sequences, {} steps x {} features; models {}",
        trainSize, testSize, DigitsData.TIME_STEPS, DigitsData.FEATURES, options.models());
    NetworkSettings settings = new NetworkSettings(DigitsData.FEATURES, DigitsData.TIME_STEPS,
        DigitsData.CLASSES, options.hidden(), options.seed(), options.learningRate());

    List<CompareReport.Row> rows = new ArrayList<>();
    for (ModelSpec spec : specs) {
      rows.add(train(spec, settings, split, options));
    }
    LineChart chart = new LineChart("Digits 8x8 (row by row): test accuracy per epoch", "epoch",
        "test accuracy").yRange(0, 1);
    for (CompareReport.Row row : rows) {
      double[] x = new double[row.epochs()];
      double[] y = new double[row.epochs()];
      for (int e = 0; e < row.epochs(); e++) {
        x[e] = e + 1;
        y[e] = row.accuracyPerEpoch().get(e);
      }
      chart.series(row.model() + " (" + row.parameters() + " params)", x, y);
    }
    Path plot = chart.writePng(options.out().resolve(PLOT_FILE), 800, 500);
    return new CompareReport(options, trainSize, testSize, rows, List.of(plot));
  }

  private static CompareReport.Row train(ModelSpec spec, NetworkSettings settings,
      DigitsData.Split split, CompareOptions options) {
    MultiLayerNetwork net = new MultiLayerNetwork(spec.factory().create(settings));
    net.init();
    LOG.info("{}: {} parameters", spec.name(), net.numParams());
    DataSet train = split.train().copy(); // shuffled in place each epoch
    List<Double> accuracies = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    long trainNanos = 0;
    long start = System.nanoTime();
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      train.shuffle(options.seed() + epoch);
      long t0 = System.nanoTime();
      double lossSum = 0;
      for (DataSet batch : train.batchBy(options.batch())) {
        net.fit(batch);
        lossSum += net.score() * batch.numExamples();
      }
      trainNanos += System.nanoTime() - t0;
      double loss = lossSum / train.numExamples();
      double accuracy = accuracy(net, split.test());
      losses.add(loss);
      accuracies.add(accuracy);
      LOG.info(String.format(Locale.ROOT, "%s epoch %d/%d: loss %.4f, test accuracy %.4f, %.1f s",
          spec.name(), epoch, options.epochs(), loss, accuracy, (System.nanoTime() - start) / 1e9));
    }
    double inferenceMicros = inferenceMicrosPerSequence(net, split.test().getFeatures());
    return new CompareReport.Row(spec.name(), accuracies.get(accuracies.size() - 1), net.numParams(),
        trainNanos / 1e6 / options.epochs(), inferenceMicros, options.epochs(), accuracies, losses);
  }

  /** Share of test sequences whose most probable class is the labelled one. */
  static double accuracy(MultiLayerNetwork net, DataSet test) {
    INDArray predicted = net.output(test.getFeatures(), false).argMax(1);
    INDArray actual = test.getLabels().argMax(1);
    long correct = 0;
    for (int i = 0; i < test.numExamples(); i++) {
      if (predicted.getLong(i) == actual.getLong(i)) {
        correct++;
      }
    }
    return (double) correct / test.numExamples();
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
