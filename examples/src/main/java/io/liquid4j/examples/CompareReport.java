package io.liquid4j.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link Compare} run measured: one {@link Row} per model, and the files written.
 *
 * @param options the settings of the run
 * @param trainSize number of training sequences (used by {@code fit})
 * @param validationSize number of validation sequences (used to choose learning rate and epoch)
 * @param testSize number of test sequences (used once per model, for the chosen checkpoint)
 * @param rows one row per model, in the order of {@link CompareOptions#models()}
 * @param files files written (the PNGs)
 */
public record CompareReport(
    CompareOptions options, int trainSize, int validationSize, int testSize, List<Row> rows,
    List<Path> files) {

  /** Column headers of {@link #table()}, in order. */
  public static final List<String> COLUMNS = List.of("model", "lr", "best_epoch", "val_acc",
      "test_acc", "params", "param_KiB", "train_ms/epoch", "infer_us/seq");

  /**
   * Copies the lists, so a report does not change after it is returned.
   *
   * @param options the settings of the run
   * @param trainSize number of training sequences (used by {@code fit})
   * @param validationSize number of validation sequences (used to choose learning rate and epoch)
   * @param testSize number of test sequences (used once per model, for the chosen checkpoint)
   * @param rows one row per model, in the order of {@link CompareOptions#models()}
   * @param files files written (the PNGs)
   */
  public CompareReport {
    rows = List.copyOf(rows);
    files = List.copyOf(files);
  }

  /**
   * One training run of one model at one learning rate.
   *
   * @param learningRate the Adam learning rate
   * @param validationAccuracyPerEpoch validation accuracy after each epoch (the learning curve)
   * @param lossPerEpoch mean training loss of each epoch
   */
  public record Run(
      double learningRate, List<Double> validationAccuracyPerEpoch, List<Double> lossPerEpoch) {

    /**
     * Copies the per-epoch lists.
     *
     * @param learningRate the Adam learning rate
     * @param validationAccuracyPerEpoch validation accuracy after each epoch, at least one
     * @param lossPerEpoch mean training loss of each epoch
     */
    public Run {
      validationAccuracyPerEpoch = List.copyOf(validationAccuracyPerEpoch);
      lossPerEpoch = List.copyOf(lossPerEpoch);
    }

    /** @return the first epoch (1-based) with the highest validation accuracy */
    public int bestEpoch() {
      int best = 0;
      for (int e = 1; e < validationAccuracyPerEpoch.size(); e++) {
        if (validationAccuracyPerEpoch.get(e) > validationAccuracyPerEpoch.get(best)) {
          best = e;
        }
      }
      return best + 1;
    }

    /** @return the validation accuracy at {@link #bestEpoch()} */
    public double bestValidationAccuracy() {
      return validationAccuracyPerEpoch.get(bestEpoch() - 1);
    }
  }

  /**
   * The measurements of one model, at the learning rate and epoch chosen on validation data.
   *
   * @param model model name, as in {@link ModelSpec#name()}
   * @param learningRate the chosen learning rate: the run with the highest best validation accuracy
   *     (the first in {@code --lrs} order on a tie)
   * @param bestEpoch the chosen epoch (1-based) of that run: the first with its highest validation
   *     accuracy; its parameters are {@code checkpoint}
   * @param validationAccuracy validation accuracy of the checkpoint, in [0, 1]
   * @param testAccuracy test accuracy of the checkpoint, in [0, 1]: the only use of the test split
   * @param parameters trainable parameters ({@code MultiLayerNetwork.numParams()})
   * @param parameterBytes memory of the trainable parameters: count times the width of their data
   *     type (4 bytes for float32)
   * @param trainMillisPerEpoch mean wall time of one training epoch (fit only, no evaluation), over
   *     every epoch of every learning rate
   * @param inferenceMicrosPerSequence wall time of one batch inference over the whole test split,
   *     after a warm-up call, best of several calls, divided by the number of test sequences
   * @param epochs epochs trained per learning rate
   * @param runs one run per learning rate, in {@code --lrs} order
   * @param checkpoint the chosen parameters (a copy of {@code net.params()} after {@code bestEpoch})
   */
  public record Row(
      String model, double learningRate, int bestEpoch, double validationAccuracy,
      double testAccuracy, long parameters, long parameterBytes, double trainMillisPerEpoch,
      double inferenceMicrosPerSequence, int epochs, List<Run> runs, INDArray checkpoint) {

    /**
     * Copies the runs.
     *
     * @param model model name, as in {@link ModelSpec#name()}
     * @param learningRate the chosen learning rate
     * @param bestEpoch the chosen epoch (1-based)
     * @param validationAccuracy validation accuracy of the checkpoint
     * @param testAccuracy test accuracy of the checkpoint
     * @param parameters trainable parameters
     * @param parameterBytes memory of the trainable parameters in bytes
     * @param trainMillisPerEpoch mean wall time of one training epoch
     * @param inferenceMicrosPerSequence inference wall time per test sequence
     * @param epochs epochs trained per learning rate
     * @param runs one run per learning rate, in {@code --lrs} order
     * @param checkpoint the chosen parameters
     */
    public Row {
      runs = List.copyOf(runs);
    }

    /** @return the run at the chosen learning rate */
    public Run chosenRun() {
      return runs.stream().filter(r -> r.learningRate() == learningRate).findFirst()
          .orElseThrow(() -> new IllegalStateException(
              "no run at the chosen learning rate " + learningRate + " in " + model));
    }

    /** @return {@link #parameterBytes()} in KiB (1024 bytes) */
    public double parameterKiB() {
      return parameterBytes / 1024.0;
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
    String format = "%-" + nameWidth + "s  %7s  %10s  %7s  %8s  %7s  %9s  %14s  %12s";
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, COLUMNS.toArray()));
    for (Row r : rows) {
      sb.append('\n').append(String.format(Locale.ROOT, format, r.model(),
          String.valueOf(r.learningRate()),
          r.bestEpoch() + "/" + r.epochs(),
          String.format(Locale.ROOT, "%.4f", r.validationAccuracy()),
          String.format(Locale.ROOT, "%.4f", r.testAccuracy()),
          r.parameters(),
          String.format(Locale.ROOT, "%.1f", r.parameterKiB()),
          String.format(Locale.ROOT, "%.1f", r.trainMillisPerEpoch()),
          String.format(Locale.ROOT, "%.2f", r.inferenceMicrosPerSequence())));
    }
    return sb.toString();
  }
}
