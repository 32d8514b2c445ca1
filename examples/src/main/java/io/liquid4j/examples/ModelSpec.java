package io.liquid4j.examples;

import java.util.Objects;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * One entry in a comparison: a short name (used on the command line, in the table and the plot
 * legend) and a factory that builds the network for given {@link NetworkSettings}.
 *
 * <p>Adding a model to {@link Compare} is one line in {@link Models#all()}. A DL4J recurrent layer
 * goes through {@link Models#lastStep}; a layer that returns its last step itself (a SameDiff
 * liquid layer must: DL4J's {@code LastTimeStep} cannot wrap it) through {@link Models#classifier},
 * for example
 *
 * <pre>{@code
 * new ModelSpec("cfc", s -> Models.classifier(s, CfcLayer.builder().units(s.hidden()).build())),
 * }</pre>
 *
 * @param name lower-case name without spaces or commas, e.g. {@code "lstm"}
 * @param factory builds the network configuration; called once per learning rate of a run
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
   * Checks that {@code --models a,b} can spell the name.
   *
   * @param name lower-case name without spaces or commas, e.g. {@code "lstm"}
   * @param factory builds the network configuration; called once per learning rate of a run
   * @throws IllegalArgumentException for a blank name or one with spaces or commas
   */
  public ModelSpec {
    Objects.requireNonNull(factory, "factory");
    if (name == null || name.isBlank() || name.contains(",") || name.contains(" ")) {
      throw new IllegalArgumentException(
          "ModelSpec: name must be non-blank without spaces or commas, got \"" + name + "\"");
    }
  }
}
