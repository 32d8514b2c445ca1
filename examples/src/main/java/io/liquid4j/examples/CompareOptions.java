package io.liquid4j.examples;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Settings of one {@link Compare} run; {@link #parse} reads them from {@code --name value} arguments
 * (see {@link #USAGE}), {@link #defaults()} gives the documented defaults.
 *
 * @param epochs passes over the training set per model and learning rate, &gt;= 1
 * @param hidden hidden units of each recurrent layer, &gt;= 1
 * @param batch mini-batch size, &gt;= 1
 * @param models model names from {@link Models#all()}, in table order, at least one
 * @param seed seed of the train/test split, the weight initialisation and the shuffling
 * @param out directory for the PNG
 * @param limit if &gt; 0, use only about this many images (stratified), for quick runs
 * @param learningRates Adam learning rates to try per model (the grid), at least one, each &gt; 0
 */
public record CompareOptions(
    int epochs, int hidden, int batch, List<String> models, long seed, Path out, int limit,
    List<Double> learningRates) {

  /** Default {@code --epochs}. */
  public static final int DEFAULT_EPOCHS = 30;
  /** Default {@code --hidden}. */
  public static final int DEFAULT_HIDDEN = 64;
  /** Default {@code --batch}. */
  public static final int DEFAULT_BATCH = 64;
  /** Default {@code --seed}. */
  public static final long DEFAULT_SEED = 42;
  /** Default {@code --out}, relative to the working directory. */
  public static final String DEFAULT_OUT = "target/examples/compare";
  /** Default {@code --lrs}: the learning-rate grid every model is trained with. */
  public static final List<Double> DEFAULT_LEARNING_RATES = List.of(1e-2, 3e-3);

  /** Help text printed by {@code --help} and after a bad argument. */
  public static final String USAGE = String.join("\n",
      "usage: Compare [options]",
      "  --epochs N     epochs per model and learning rate (default " + DEFAULT_EPOCHS + ")",
      "  --hidden N     hidden units of the recurrent layer (default " + DEFAULT_HIDDEN + ")",
      "  --batch N      mini-batch size (default " + DEFAULT_BATCH + ")",
      "  --models A,B   models to compare, from " + String.join(",", defaultModels())
          + " (default: all)",
      "  --seed N       seed of split, initialisation and shuffling (default " + DEFAULT_SEED + ")",
      "  --out DIR      directory for the plot (default " + DEFAULT_OUT + ")",
      "  --limit N      use only about N of the 1797 images, 0 = all (default 0)",
      "  --lrs X,Y      Adam learning rates to try per model, chosen on validation (default "
          + lrs(DEFAULT_LEARNING_RATES) + ")",
      "  --help         print this text");

  /**
   * Checks every value.
   *
   * @param epochs passes over the training set per model and learning rate, &gt;= 1
   * @param hidden hidden units of each recurrent layer, &gt;= 1
   * @param batch mini-batch size, &gt;= 1
   * @param models model names from {@link Models#all()}, in table order, at least one
   * @param seed seed of the train/test split, the weight initialisation and the shuffling
   * @param out directory for the PNG
   * @param limit if &gt; 0, use only about this many images (stratified), for quick runs
   * @param learningRates Adam learning rates to try per model (the grid), at least one, each &gt; 0
   * @throws IllegalArgumentException naming the option, for a value out of range or an unknown model
   */
  public CompareOptions {
    Args.atLeast("--epochs", epochs, 1);
    Args.atLeast("--hidden", hidden, 1);
    Args.atLeast("--batch", batch, 1);
    Args.atLeast("--limit", limit, 0);
    if (learningRates == null || learningRates.isEmpty()) {
      throw new IllegalArgumentException("--lrs must name at least one learning rate, got none");
    }
    for (Double lr : learningRates) {
      if (lr == null || !(lr > 0) || Double.isInfinite(lr)) {
        throw new IllegalArgumentException("--lrs: each must be > 0 and finite, got " + lr);
      }
    }
    if (learningRates.stream().distinct().count() < learningRates.size()) {
      throw new IllegalArgumentException("--lrs: each must appear once, got " + learningRates);
    }
    learningRates = List.copyOf(learningRates);
    if (models == null || models.isEmpty()) {
      throw new IllegalArgumentException("--models must name at least one model, got none");
    }
    models = List.copyOf(models);
    Models.byName(models); // fails early, listing the known names
    if (out == null) {
      throw new IllegalArgumentException("--out must be a directory, got none");
    }
  }

  /** @return the defaults: all models, the {@code DEFAULT_*} constants, {@code limit} 0 */
  public static CompareOptions defaults() {
    return new CompareOptions(DEFAULT_EPOCHS, DEFAULT_HIDDEN, DEFAULT_BATCH, defaultModels(),
        DEFAULT_SEED, Path.of(DEFAULT_OUT), 0, DEFAULT_LEARNING_RATES);
  }

  /**
   * Parses {@code --name value} pairs over {@link #defaults()}; {@code --name=value} works too.
   * {@code --help} is not handled here (see {@link #wantsHelp}).
   *
   * @param args command-line arguments
   * @return the options
   * @throws IllegalArgumentException for an unknown option, a missing or malformed value
   */
  public static CompareOptions parse(String... args) {
    CompareOptions d = defaults();
    int epochs = d.epochs();
    int hidden = d.hidden();
    int batch = d.batch();
    List<String> models = d.models();
    long seed = d.seed();
    Path out = d.out();
    int limit = d.limit();
    List<Double> lrs = d.learningRates();
    for (Args.Option o : Args.options(args)) {
      switch (o.name()) {
        case "--epochs" -> epochs = o.integer();
        case "--hidden" -> hidden = o.integer();
        case "--batch" -> batch = o.integer();
        case "--models" -> models = Arrays.stream(o.value().split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        case "--seed" -> seed = o.longInteger();
        case "--out" -> out = Path.of(o.value());
        case "--limit" -> limit = o.integer();
        case "--lrs" -> lrs = o.numbers();
        default -> throw o.unknown(USAGE);
      }
    }
    return new CompareOptions(epochs, hidden, batch, models, seed, out, limit, lrs);
  }

  /**
   * @param args command-line arguments
   * @return whether they ask for the usage text ({@code --help} or {@code -h})
   */
  public static boolean wantsHelp(String... args) {
    return Args.wantsHelp(args);
  }

  private static List<String> defaultModels() {
    return Models.all().stream().map(ModelSpec::name).toList();
  }

  /** @return the rates as {@code --lrs} spells them, e.g. {@code 0.01,0.003} */
  static String lrs(List<Double> rates) {
    return String.join(",", rates.stream().map(r -> String.valueOf(r.doubleValue())).toList());
  }
}
