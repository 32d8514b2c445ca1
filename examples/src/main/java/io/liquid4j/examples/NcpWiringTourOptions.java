package io.liquid4j.examples;

import java.nio.file.Path;

/**
 * Settings of one {@link NcpWiringTour} run; {@link #parse} reads them from {@code --name value}
 * (or {@code --name=value}) arguments, see {@link #USAGE}.
 *
 * @param epochs passes over the training windows per model, &gt;= 1
 * @param window input months per window (time steps), &gt;= 1
 * @param batch mini-batch size, &gt;= 1
 * @param odeUnfolds LTC solver sub-steps per time step, &gt;= 1
 * @param learningRate Adam learning rate of both models, &gt; 0
 * @param testFromYear first year whose months are test targets
 * @param seed seed of the wiring, the initialisation and the shuffling
 * @param out directory for the PNG and DOT files
 * @param limit if &gt; 0, use at most this many training and this many test windows
 */
public record NcpWiringTourOptions(
    int epochs, int window, int batch, int odeUnfolds, double learningRate, int testFromYear,
    long seed, Path out, int limit) {

  /** Default {@code --epochs}. */
  public static final int DEFAULT_EPOCHS = 10;
  /**
   * Default {@code --window}: one year of months (24 doubles the LTC's cost per step; see {@link
   * #REDUCED_FOR_TIME}).
   */
  public static final int DEFAULT_WINDOW = 12;
  /** Default {@code --batch}. */
  public static final int DEFAULT_BATCH = 32;
  /** Default {@code --unfolds}: half of ncps's 6 (see {@link #REDUCED_FOR_TIME}). */
  public static final int DEFAULT_ODE_UNFOLDS = 3;
  /**
   * Why the defaults are smaller than the task suggests: printed with the report when the run uses
   * them.
   */
  public static final String REDUCED_FOR_TIME = "defaults reduced for time: window 12 (not 24), 3"
      + " LTC unfolds (ncps: 6), 10 epochs; an LTC epoch costs several LSTM epochs (train_ms/epoch)";
  /** Default {@code --lr}. */
  public static final double DEFAULT_LEARNING_RATE = 0.01;
  /** Default {@code --test-from}: train on 1958-1999, test on 2000-2020. */
  public static final int DEFAULT_TEST_FROM_YEAR = 2000;
  /** Default {@code --seed}. */
  public static final long DEFAULT_SEED = 42;
  /** Default {@code --out}, relative to the working directory. */
  public static final String DEFAULT_OUT = "target/examples/ncp-wiring-tour";

  /** Help text printed by {@code --help} and after a bad argument. */
  public static final String USAGE = String.join("\n",
      "usage: NcpWiringTour [options]",
      "  --epochs N      epochs per model (default " + DEFAULT_EPOCHS + ")",
      "  --window N      input months per window (default " + DEFAULT_WINDOW + ")",
      "  --batch N       mini-batch size (default " + DEFAULT_BATCH + ")",
      "  --unfolds N     LTC ODE solver steps per month (default " + DEFAULT_ODE_UNFOLDS + ")",
      "  --lr X          Adam learning rate of both models (default " + DEFAULT_LEARNING_RATE + ")",
      "  --test-from Y   first test year; earlier months train (default " + DEFAULT_TEST_FROM_YEAR
          + ")",
      "  --seed N        seed of wiring, initialisation and shuffling (default " + DEFAULT_SEED + ")",
      "  --out DIR       directory for the PNG and DOT files (default " + DEFAULT_OUT + ")",
      "  --limit N       at most N training and N test windows, 0 = all (default 0)",
      "  --help          print this text");

  /**
   * Checks every value.
   *
   * @param epochs passes over the training windows per model, &gt;= 1
   * @param window input months per window (time steps), &gt;= 1
   * @param batch mini-batch size, &gt;= 1
   * @param odeUnfolds LTC solver sub-steps per time step, &gt;= 1
   * @param learningRate Adam learning rate of both models, &gt; 0
   * @param testFromYear first year whose months are test targets
   * @param seed seed of the wiring, the initialisation and the shuffling
   * @param out directory for the PNG and DOT files
   * @param limit if &gt; 0, use at most this many training and this many test windows
   * @throws IllegalArgumentException naming the option, for a value out of range
   */
  public NcpWiringTourOptions {
    Args.atLeast("--epochs", epochs, 1);
    Args.atLeast("--window", window, 1);
    Args.atLeast("--batch", batch, 1);
    Args.atLeast("--unfolds", odeUnfolds, 1);
    Args.atLeast("--limit", limit, 0);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("--lr must be > 0 and finite, got " + learningRate);
    }
    if (out == null) {
      throw new IllegalArgumentException("--out must be a directory, got none");
    }
  }

  /** @return the documented defaults */
  public static NcpWiringTourOptions defaults() {
    return new NcpWiringTourOptions(DEFAULT_EPOCHS, DEFAULT_WINDOW, DEFAULT_BATCH,
        DEFAULT_ODE_UNFOLDS, DEFAULT_LEARNING_RATE, DEFAULT_TEST_FROM_YEAR, DEFAULT_SEED,
        Path.of(DEFAULT_OUT), 0);
  }

  /**
   * Parses {@code --name value} pairs over {@link #defaults()}; {@code --help} is not handled here
   * (see {@link Args#wantsHelp}).
   *
   * @param args command-line arguments
   * @return the options
   * @throws IllegalArgumentException for an unknown option, a missing or malformed value
   */
  public static NcpWiringTourOptions parse(String... args) {
    NcpWiringTourOptions d = defaults();
    int epochs = d.epochs();
    int window = d.window();
    int batch = d.batch();
    int unfolds = d.odeUnfolds();
    double lr = d.learningRate();
    int testFrom = d.testFromYear();
    long seed = d.seed();
    Path out = d.out();
    int limit = d.limit();
    // Every malformed value reads "--name expects a number", integers included (as
    // NcpWiringTourTest checks), hence one catch here rather than Args.Option#integer.
    for (Args.Option o : Args.options(args)) {
      try {
        switch (o.name()) {
          case "--epochs" -> epochs = Integer.parseInt(o.value().trim());
          case "--window" -> window = Integer.parseInt(o.value().trim());
          case "--batch" -> batch = Integer.parseInt(o.value().trim());
          case "--unfolds" -> unfolds = Integer.parseInt(o.value().trim());
          case "--lr" -> lr = Double.parseDouble(o.value().trim());
          case "--test-from" -> testFrom = Integer.parseInt(o.value().trim());
          case "--seed" -> seed = Long.parseLong(o.value().trim());
          case "--out" -> out = Path.of(o.value());
          case "--limit" -> limit = Integer.parseInt(o.value().trim());
          default -> throw o.unknown(USAGE);
        }
      } catch (NumberFormatException e) {
        throw o.expected("a number");
      }
    }
    return new NcpWiringTourOptions(epochs, window, batch, unfolds, lr, testFrom, seed, out, limit);
  }
}
