package io.liquid4j.wiring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A random sparse wiring (ncps {@code Random}): {@code round(units² · (1 - sparsityLevel))}
 * distinct neuron pairs (self loops possible) and {@code round(inputDim · units · (1 -
 * sparsityLevel))} distinct input-neuron pairs, polarities uniform over {-1, +1, +1}. Rounding is
 * half-to-even, as Python's {@code round}. One layer; motor neurons are the first {@code
 * outputDim} ids, the others {@link NeuronType#INTER}.
 */
public final class RandomWiring implements WiringSpec {

  /** Default seed, as ncps' {@code random_seed}. */
  public static final long DEFAULT_SEED = 1111L;

  private static final String OWNER = "RandomWiring";
  private static final double MIN_SPARSITY = 0.0;
  private static final double MAX_SPARSITY_EXCLUSIVE = 1.0;

  private final int units;
  private final int outputDim;
  private final double sparsityLevel;
  private final long seed;

  /**
   * @param units number of neurons, >= 1
   * @param outputDim number of motor neurons, in {@code [1, units]}
   * @param sparsityLevel fraction of absent synapses, in {@code [0.0, 1.0)}
   * @param seed random seed
   * @throws IllegalArgumentException if an argument is out of range
   */
  public RandomWiring(int units, int outputDim, double sparsityLevel, long seed) {
    this.units = WiringChecks.atLeast(OWNER, "units", units, 1);
    this.outputDim = WiringChecks.inRange(OWNER, "outputDim", outputDim, 1, units, "1 to units");
    this.sparsityLevel = WiringChecks.inRange(
        OWNER, "sparsityLevel", sparsityLevel, MIN_SPARSITY, MAX_SPARSITY_EXCLUSIVE, false);
    this.seed = seed;
  }

  /**
   * Seed {@value #DEFAULT_SEED}.
   *
   * @param units number of neurons, >= 1
   * @param outputDim number of motor neurons, in {@code [1, units]}
   * @param sparsityLevel fraction of absent synapses, in {@code [0.0, 1.0)}
   */
  public RandomWiring(int units, int outputDim, double sparsityLevel) {
    this(units, outputDim, sparsityLevel, DEFAULT_SEED);
  }

  @Override
  public Wiring build(int inputDim) {
    WiringChecks.atLeast(OWNER, "inputDim", inputDim, 1);
    Random rng = new Random(seed);
    WiringBuilder b = new WiringBuilder(units, inputDim, outputDim).provenance(provenance());
    for (int pair : Sampling.choose(rng, units * units, count(units * units))) {
      b.addSynapse(pair / units, pair % units, Sampling.twoThirdsExcitatory(rng));
    }
    for (int pair : Sampling.choose(rng, inputDim * units, count(inputDim * units))) {
      b.addSensorySynapse(pair / units, pair % units, Sampling.twoThirdsExcitatory(rng));
    }
    return b.build();
  }

  /** Number of synapses among {@code possible} candidates: Python's round(possible * density). */
  int count(int possible) {
    return (int) Math.rint(possible * (1.0 - sparsityLevel));
  }

  @Override
  public int units() {
    return units;
  }

  @Override
  public int outputDim() {
    return outputDim;
  }

  /** @return the fraction of absent synapses */
  public double sparsityLevel() {
    return sparsityLevel;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Map<String, Object> args() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("units", units);
    a.put("outputDim", outputDim);
    a.put("sparsityLevel", sparsityLevel);
    return a;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RandomWiring)) {
      return false;
    }
    RandomWiring w = (RandomWiring) o;
    return units == w.units && outputDim == w.outputDim && seed == w.seed
        && Double.compare(sparsityLevel, w.sparsityLevel) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(units, outputDim, sparsityLevel, seed);
  }

  @Override
  public String toString() {
    return provenance().toString();
  }
}
