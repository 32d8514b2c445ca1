package io.liquid4j.wiring;

import java.util.Map;

/**
 * An immutable, reusable wiring generator: it holds settings only and realises a {@link Wiring}
 * for a given input dimension. Building twice with the same input dimension gives equal wirings
 * (the random generator is re-seeded on every call); one spec may serve several layers with
 * different input sizes (unlike an ncps wiring object, ncps issue #75).
 */
public interface WiringSpec {

  /**
   * Realises the wiring for {@code inputDim} input features.
   *
   * @param inputDim number of input features, >= 1
   * @return the validated, immutable wiring
   * @throws IllegalArgumentException if {@code inputDim < 1}
   */
  Wiring build(int inputDim);

  /** @return the number of neurons of every wiring this spec builds */
  int units();

  /** @return the number of motor (output) neurons */
  int outputDim();

  /** @return the seed of the random generator */
  long seed();

  /** @return the generator's name, e.g. {@code "AutoNcpWiring"} */
  default String name() {
    return getClass().getSimpleName();
  }

  /** @return the constructor arguments by name, seed excluded, in declaration order */
  Map<String, Object> args();

  /** @return the provenance recorded in the wirings this spec builds */
  default WiringProvenance provenance() {
    return new WiringProvenance(name(), args(), seed());
  }
}
