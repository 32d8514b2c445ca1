package io.liquid4j.wiring;

import java.util.Locale;

/**
 * The role of a neuron in a wiring. Wirings with a single layer (fully connected, random) use only
 * {@link #MOTOR} (the first {@code outputDim} ids) and {@link #INTER} (the rest), as ncps does.
 */
public enum NeuronType {
  /** Output neuron: ids {@code [0, outputDim)}; its state is the layer output. */
  MOTOR,
  /** NCP command neuron: reads inter neurons, may be recurrent, drives motor neurons. */
  COMMAND,
  /** Inter neuron: NCP's first layer, reading the sensory inputs; also every non-motor neuron of a
   * single-layer wiring. */
  INTER;

  /**
   * The lower-case name ncps uses ({@code "motor"}, {@code "command"}, {@code "inter"}).
   *
   * @return the ncps name of this type
   */
  public String ncpsName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses an ncps neuron-type name, case-insensitively.
   *
   * @param name {@code "motor"}, {@code "command"} or {@code "inter"}
   * @return the matching type
   * @throws IllegalArgumentException for any other name
   */
  public static NeuronType fromNcpsName(String name) {
    for (NeuronType t : values()) {
      if (t.ncpsName().equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "NeuronType: name must be one of motor, command, inter, got " + name);
  }
}
