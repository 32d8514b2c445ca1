package io.liquid4j.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link Compare} run measured: one {@link Row} per model, and the files written.
 *
 * @param options the settings of the run
 * @param trainSize number of training sequences
 * @param testSize number of test sequences
 * @param rows one row per model, in the order of {@link CompareOptions#models()}
 * @param files files written (the learning-curve PNG)
 */
public record CompareReport(
    CompareOptions options, int trainSize, int testSize, List<Row> rows, List<Path> files) {

  /** Column headers of {@link #table()}, in order. */
  public static final List<String> COLUMNS =
      List.of("model", "test_acc", "params", "train_ms/epoch", "infer_us/seq", "epochs");

  /**
   * Copies the lists, so a report does not change after it is returned.
   *
   * @param options the settings of the run
   * @param trainSize number of training sequences
   * @param testSize number of test sequences
   * @param rows one row per model, in the order of {@link CompareOptions#models()}
   * @param files files written (the learning-curve PNG)
   */
  public CompareReport {
    rows = List.copyOf(rows);
    files = List.copyOf(files);
  }

  /**
   * The measurements of one model.
   *
   * @param model model name, as in {@link ModelSpec#name()}
   * @param testAccuracy accuracy on the test split after the last epoch, in [0, 1]
   * @param parameters trainable parameters ({@code MultiLayerNetwork.numParams()})
   * @param trainMillisPerEpoch mean wall time of one training epoch (fit only, no evaluation)
   * @param inferenceMicrosPerSequence wall time of one batch inference over the whole test split,
   *     after a warm-up call, best of several calls, divided by the number of test sequences
   * @param epochs epochs trained
   * @param accuracyPerEpoch test accuracy after each epoch (the learning curve)
   * @param lossPerEpoch mean training loss of each epoch
   */
  public record Row(
      String model, double testAccuracy, long parameters, double trainMillisPerEpoch,
      double inferenceMicrosPerSequence, int epochs, List<Double> accuracyPerEpoch,
      List<Double> lossPerEpoch) {

    /**
     * Copies the per-epoch lists.
     *
     * @param model model name, as in {@link ModelSpec#name()}
     * @param testAccuracy accuracy on the test split after the last epoch, in [0, 1]
     * @param parameters trainable parameters ({@code MultiLayerNetwork.numParams()})
     * @param trainMillisPerEpoch mean wall time of one training epoch (fit only, no evaluation)
     * @param inferenceMicrosPerSequence wall time of one batch inference over the whole test split,
     *     after a warm-up call, best of several calls, divided by the number of test sequences
     * @param epochs epochs trained
     * @param accuracyPerEpoch test accuracy after each epoch (the learning curve)
     * @param lossPerEpoch mean training loss of each epoch
     */
    public Row {
      accuracyPerEpoch = List.copyOf(accuracyPerEpoch);
      lossPerEpoch = List.copyOf(lossPerEpoch);
    }
  }

  /**
   * @param model a model name
   * @return its row
   * @throws IllegalArgumentException if the run did not include that model
   */
  public Row row(String model) {
    return rows.stream().filter(r -> r.model().equals(model)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no row for model \"" + model
            + "\", expected one of " + rows.stream().map(Row::model).toList()));
  }

  /**
   * The rows as aligned columns: a header line ({@link #COLUMNS}) and one line per model.
   *
   * @return the table, lines separated by {@code \n}, no trailing newline
   */
  public String table() {
    int nameWidth = Math.max(COLUMNS.get(0).length(),
        rows.stream().mapToInt(r -> r.model().length()).max().orElse(0));
    String format = "%-" + nameWidth + "s  %8s  %8s  %14s  %12s  %6s";
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, COLUMNS.toArray()));
    for (Row r : rows) {
      sb.append('\n').append(String.format(Locale.ROOT, format, r.model(),
          String.format(Locale.ROOT, "%.4f", r.testAccuracy()),
          r.parameters(),
          String.format(Locale.ROOT, "%.1f", r.trainMillisPerEpoch()),
          String.format(Locale.ROOT, "%.2f", r.inferenceMicrosPerSequence()),
          r.epochs()));
    }
    return sb.toString();
  }
}
