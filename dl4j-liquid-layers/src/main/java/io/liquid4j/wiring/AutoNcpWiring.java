package io.liquid4j.wiring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link NcpWiring} sized from a neuron count, an output size and a sparsity level (ncps {@code
 * AutoNCP}). With density {@code d = 1 - sparsityLevel} and {@code n = units - outputSize}:
 * command {@code C = max(int(0.4 n), 1)}, inter {@code I = n - C}, motor {@code M = outputSize},
 * {@code sensoryFanout = max(int(I d), 1)}, {@code interFanout = max(int(C d), 1)}, {@code
 * recurrentCommandSynapses = max(int(2 C d), 1)}, {@code motorFanin = max(int(C d), 1)}.
 * Example: {@code AutoNcpWiring(12, 3)} has 6 inter, 3 command and 3 motor neurons.
 *
 * <p>Requires {@code outputSize < units - 2} and {@code 0.1 <= sparsityLevel <= 1.0} (the same
 * conditions as ncps, whose error message states a different range than its check).
 */
public final class AutoNcpWiring implements WiringSpec {

  /** Default sparsity level, as ncps. */
  public static final double DEFAULT_SPARSITY = 0.5;

  /** Smallest accepted sparsity level. */
  public static final double MIN_SPARSITY = 0.1;

  /** Largest accepted sparsity level. */
  public static final double MAX_SPARSITY = 1.0;

  /** Default seed, as ncps. */
  public static final long DEFAULT_SEED = NcpWiring.DEFAULT_SEED;

  private static final String OWNER = "AutoNcpWiring";
  /** {@code outputSize} must be at most {@code units - OUTPUT_MARGIN}. */
  private static final int OUTPUT_MARGIN = 3;
  private static final double COMMAND_FRACTION = 0.4;

  private final int units;
  private final int outputSize;
  private final double sparsityLevel;
  private final long seed;
  private final NcpWiring ncp;

  /**
   * @param units total number of neurons, >= 4
   * @param outputSize number of motor neurons, in {@code [1, units - 3]}
   * @param sparsityLevel in {@code [0.1, 1.0]}
   * @param seed random seed
   * @throws IllegalArgumentException if an argument is out of range
   */
  public AutoNcpWiring(int units, int outputSize, double sparsityLevel, long seed) {
    this.units = WiringChecks.atLeast(OWNER, "units", units, OUTPUT_MARGIN + 1);
    this.outputSize = WiringChecks.inRange(OWNER, "outputSize", outputSize, 1,
        units - OUTPUT_MARGIN, "outputSize must be < units - 2");
    this.sparsityLevel = WiringChecks.inRange(
        OWNER, "sparsityLevel", sparsityLevel, MIN_SPARSITY, MAX_SPARSITY, true);
    this.seed = seed;
    double density = 1.0 - sparsityLevel;
    int command = Math.max((int) (COMMAND_FRACTION * (units - outputSize)), 1);
    int inter = units - outputSize - command;
    this.ncp = new NcpWiring(inter, command, outputSize,
        Math.max((int) (inter * density), 1),
        Math.max((int) (command * density), 1),
        Math.max((int) (command * density * 2), 1),
        Math.max((int) (command * density), 1),
        seed);
  }

  /**
   * Sparsity {@value #DEFAULT_SPARSITY}, seed {@value #DEFAULT_SEED}.
   *
   * @param units total number of neurons, >= 4
   * @param outputSize number of motor neurons, in {@code [1, units - 3]}
   */
  public AutoNcpWiring(int units, int outputSize) {
    this(units, outputSize, DEFAULT_SPARSITY, DEFAULT_SEED);
  }

  /**
   * Seed {@value #DEFAULT_SEED}.
   *
   * @param units total number of neurons, >= 4
   * @param outputSize number of motor neurons, in {@code [1, units - 3]}
   * @param sparsityLevel in {@code [0.1, 1.0]}
   */
  public AutoNcpWiring(int units, int outputSize, double sparsityLevel) {
    this(units, outputSize, sparsityLevel, DEFAULT_SEED);
  }

  @Override
  public Wiring build(int inputDim) {
    WiringChecks.atLeast(OWNER, "inputDim", inputDim, 1);
    return ncp.build(inputDim, provenance());
  }

  /** @return the equivalent explicit NCP spec (same counts and seed, so the same wirings) */
  public NcpWiring toNcp() {
    return ncp;
  }

  @Override
  public int units() {
    return units;
  }

  @Override
  public int outputDim() {
    return outputSize;
  }

  /** @return the sparsity level */
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
    a.put("outputSize", outputSize);
    a.put("sparsityLevel", sparsityLevel);
    return a;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AutoNcpWiring)) {
      return false;
    }
    AutoNcpWiring w = (AutoNcpWiring) o;
    return units == w.units && outputSize == w.outputSize && seed == w.seed
        && Double.compare(sparsityLevel, w.sparsityLevel) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(units, outputSize, sparsityLevel, seed);
  }

  @Override
  public String toString() {
    return provenance().toString() + " -> " + ncp.args();
  }
}
