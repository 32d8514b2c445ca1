package io.liquid4j.examples;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Settings of one {@link Compare} run; {@link #parse} reads them from {@code --name value} arguments
 * (see {@link #USAGE}), {@link #defaults()} gives the documented defaults.
 *
 * @param epochs passes over the training set per model, &gt;= 1
 * @param hidden hidden units of each recurrent layer, &gt;= 1
 * @param batch mini-batch size, &gt;= 1
 * @param models model names from {@link Models#all()}, in table order, at least one
 * @param seed seed of the train/test split, the weight initialisation and the shuffling
 * @param out directory for the PNG
 * @param limit if &gt; 0, use only about this many images (stratified), for quick runs
 * @param learningRate Adam learning rate, &gt; 0
 */
public record CompareOptions(
    int epochs, int hidden, int batch, List<String> models, long seed, Path out, int limit,
    double learningRate) {

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
  /** Default {@code --lr}. */
  public static final double DEFAULT_LEARNING_RATE = 1e-2;

  /** Help text printed by {@code --help} and after a bad argument. */
  public static final String USAGE = String.join("\n",
      "usage: Compare [options]",
      "  --epochs N     epochs per model (default " + DEFAULT_EPOCHS + ")",
      "  --hidden N     hidden units of the recurrent layer (default " + DEFAULT_HIDDEN + ")",
      "  --batch N      mini-batch size (default " + DEFAULT_BATCH + ")",
      "  --models A,B   models to compare, from " + String.join(",", defaultModels())
          + " (default: all)",
      "  --seed N       seed of split, initialisation and shuffling (default " + DEFAULT_SEED + ")",
      "  --out DIR      directory for the plot (default " + DEFAULT_OUT + ")",
      "  --limit N      use only about N of the 1797 images, 0 = all (default 0)",
      "  --lr X         Adam learning rate (default " + DEFAULT_LEARNING_RATE + ")",
      "  --help         print this text");

  /**
   * Checks every value.
   *
   * @param epochs passes over the training set per model, &gt;= 1
   * @param hidden hidden units of each recurrent layer, &gt;= 1
   * @param batch mini-batch size, &gt;= 1
   * @param models model names from {@link Models#all()}, in table order, at least one
   * @param seed seed of the train/test split, the weight initialisation and the shuffling
   * @param out directory for the PNG
   * @param limit if &gt; 0, use only about this many images (stratified), for quick runs
   * @param learningRate Adam learning rate, &gt; 0
   * @throws IllegalArgumentException naming the option, for a value out of range or an unknown model
   */
  public CompareOptions {
    atLeast("--epochs", epochs, 1);
    atLeast("--hidden", hidden, 1);
    atLeast("--batch", batch, 1);
    atLeast("--limit", limit, 0);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("--lr must be > 0 and finite, got " + learningRate);
    }
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
        DEFAULT_SEED, Path.of(DEFAULT_OUT), 0, DEFAULT_LEARNING_RATE);
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
    double lr = d.learningRate();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value, got none");
      }
      switch (name) {
        case "--epochs" -> epochs = integer(name, value);
        case "--hidden" -> hidden = integer(name, value);
        case "--batch" -> batch = integer(name, value);
        case "--models" -> models = Arrays.stream(value.split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        case "--seed" -> seed = longInteger(name, value);
        case "--out" -> out = Path.of(value);
        case "--limit" -> limit = integer(name, value);
        case "--lr" -> lr = number(name, value);
        default -> throw new IllegalArgumentException("unknown option " + name
            + ", expected one of --epochs --hidden --batch --models --seed --out --limit --lr --help");
      }
    }
    return new CompareOptions(epochs, hidden, batch, models, seed, out, limit, lr);
  }

  /**
   * @param args command-line arguments
   * @return whether they ask for the usage text ({@code --help} or {@code -h})
   */
  public static boolean wantsHelp(String... args) {
    return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
  }

  private static List<String> defaultModels() {
    return Models.all().stream().map(ModelSpec::name).toList();
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " expects an integer, got \"" + value + "\"");
    }
  }

  private static long longInteger(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " expects an integer, got \"" + value + "\"");
    }
  }

  private static double number(String name, String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " expects a number, got \"" + value + "\"");
    }
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }
}
