package io.liquid4j.wiring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Every neuron connected to every neuron, and every input to every neuron (ncps {@code
 * FullyConnected}). Polarities are drawn uniformly from {-1, +1, +1} (two thirds excitatory): the
 * neuron synapses row by row first, then the sensory ones. The neuron part therefore does not
 * depend on the input dimension. One layer holding all units; motor neurons are the first {@code
 * outputDim} ids, the others are {@link NeuronType#INTER}.
 */
public final class FullyConnectedWiring implements WiringSpec {

  /** Default seed, as ncps' {@code erev_init_seed}. */
  public static final long DEFAULT_SEED = 1111L;

  private static final String OWNER = "FullyConnectedWiring";

  private final int units;
  private final int outputDim;
  private final long seed;
  private final boolean selfConnections;

  /**
   * @param units number of neurons, >= 1
   * @param outputDim number of motor neurons, in {@code [1, units]}
   * @param seed random seed for the polarities
   * @param selfConnections whether each neuron has a synapse onto itself
   * @throws IllegalArgumentException if a size is out of range
   */
  public FullyConnectedWiring(int units, int outputDim, long seed, boolean selfConnections) {
    this.units = WiringChecks.atLeast(OWNER, "units", units, 1);
    this.outputDim = WiringChecks.inRange(OWNER, "outputDim", outputDim, 1, units, "1 to units");
    this.seed = seed;
    this.selfConnections = selfConnections;
  }

  /**
   * All units are motor neurons, seed {@value #DEFAULT_SEED}, self connections on.
   *
   * @param units number of neurons, >= 1
   */
  public FullyConnectedWiring(int units) {
    this(units, units);
  }

  /**
   * Seed {@value #DEFAULT_SEED}, self connections on.
   *
   * @param units number of neurons, >= 1
   * @param outputDim number of motor neurons, in {@code [1, units]}
   */
  public FullyConnectedWiring(int units, int outputDim) {
    this(units, outputDim, DEFAULT_SEED, true);
  }

  @Override
  public Wiring build(int inputDim) {
    WiringChecks.atLeast(OWNER, "inputDim", inputDim, 1);
    Random rng = new Random(seed);
    WiringBuilder b = new WiringBuilder(units, inputDim, outputDim).provenance(provenance());
    for (int src = 0; src < units; src++) {
      for (int dst = 0; dst < units; dst++) {
        if (selfConnections || src != dst) {
          b.addSynapse(src, dst, Sampling.twoThirdsExcitatory(rng));
        }
      }
    }
    for (int k = 0; k < inputDim; k++) {
      for (int dst = 0; dst < units; dst++) {
        b.addSensorySynapse(k, dst, Sampling.twoThirdsExcitatory(rng));
      }
    }
    return b.build();
  }

  @Override
  public int units() {
    return units;
  }

  @Override
  public int outputDim() {
    return outputDim;
  }

  @Override
  public long seed() {
    return seed;
  }

  /** @return whether each neuron has a synapse onto itself */
  public boolean selfConnections() {
    return selfConnections;
  }

  @Override
  public Map<String, Object> args() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("units", units);
    a.put("outputDim", outputDim);
    a.put("selfConnections", selfConnections);
    return a;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FullyConnectedWiring)) {
      return false;
    }
    FullyConnectedWiring w = (FullyConnectedWiring) o;
    return units == w.units && outputDim == w.outputDim && seed == w.seed
        && selfConnections == w.selfConnections;
  }

  @Override
  public int hashCode() {
    return Objects.hash(units, outputDim, seed, selfConnections);
  }

  @Override
  public String toString() {
    return provenance().toString();
  }
}
