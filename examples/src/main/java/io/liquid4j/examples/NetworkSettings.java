package io.liquid4j.examples;

/**
 * The settings every {@link ModelSpec.Factory} receives: the same for all models of one run, so the
 * comparison is fair, except the learning rate, which {@link Compare} varies over its grid for
 * each model.
 *
 * @param nIn features per time step
 * @param timeSteps sequence length (for {@code InputType.recurrent})
 * @param nClasses number of classes of the softmax output
 * @param hidden hidden units of the recurrent layer (a model may scale it, e.g. to match parameter
 *     counts; say so in its name)
 * @param seed weight-initialisation seed
 * @param learningRate Adam learning rate (one value of the {@code --lrs} grid)
 */
public record NetworkSettings(
    int nIn, int timeSteps, int nClasses, int hidden, long seed, double learningRate) {

  /**
   * Checks the sizes and the learning rate.
   *
   * @param nIn features per time step
   * @param timeSteps sequence length (for {@code InputType.recurrent})
   * @param nClasses number of classes of the softmax output
   * @param hidden hidden units of the recurrent layer (a model may scale it, e.g. to match parameter
   *     counts; say so in its name)
   * @param seed weight-initialisation seed
   * @param learningRate Adam learning rate
   * @throws IllegalArgumentException naming a size below 1 or a learning rate not positive and finite
   */
  public NetworkSettings {
    positive("nIn", nIn);
    positive("timeSteps", timeSteps);
    positive("nClasses", nClasses);
    positive("hidden", hidden);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "NetworkSettings: learningRate must be > 0 and finite, got " + learningRate);
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "NetworkSettings: " + name + " must be >= 1, got " + value);
    }
  }
}
