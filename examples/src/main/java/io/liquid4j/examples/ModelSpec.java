package io.liquid4j.examples;

import java.util.Objects;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * One entry in a comparison: a short name (used on the command line, in the table and the plot
 * legend) and a factory that builds the network for given {@link NetworkSettings}.
 *
 * <p>Adding a model to {@link Compare} is one line in {@link Models#all()}, for example
 *
 * <pre>{@code
 * new ModelSpec("cfc", s -> Models.lastStep(CfcLayer.builder().units(s.hidden()).build(), s)),
 * }</pre>
 *
 * @param name lower-case name without spaces or commas, e.g. {@code "lstm"}
 * @param factory builds the network configuration; called once per run
 */
public record ModelSpec(String name, Factory factory) {

  /** Builds a network configuration from the settings shared by all models of a run. */
  @FunctionalInterface
  public interface Factory {
    /**
     * @param settings input size, sequence length, classes, hidden size, seed, learning rate
     * @return a configuration for a {@code MultiLayerNetwork} taking {@code [batch, nIn, time]}
     *     (NCW) and returning class probabilities {@code [batch, nClasses]}
     */
    MultiLayerConfiguration create(NetworkSettings settings);
  }

  /**
   * Checks the name (non-blank, no spaces or commas, so {@code --models a,b} can name it).
   *
   * @throws IllegalArgumentException if the name is unusable
   */
  public ModelSpec {
    Objects.requireNonNull(factory, "factory");
    if (name == null || name.isBlank() || name.contains(",") || name.contains(" ")) {
      throw new IllegalArgumentException(
          "ModelSpec: name must be non-blank without spaces or commas, got \"" + name + "\"");
    }
  }
}
