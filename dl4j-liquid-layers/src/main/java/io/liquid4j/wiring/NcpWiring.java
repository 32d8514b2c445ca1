package io.liquid4j.wiring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A neural circuit policy wiring (ncps {@code NCP}): sensory inputs feed inter neurons, inter
 * neurons feed command neurons (which are recurrent), command neurons feed motor neurons.
 *
 * <p>Ids: motor {@code [0, M)}, command {@code [M, M+C)}, inter {@code [M+C, M+C+I)}; layers 0 =
 * inter, 1 = command, 2 = motor. Polarities are uniform over {-1, +1}. With F input features,
 * {@link #build(int)} draws, in this order:
 *
 * <ol>
 *   <li>each input to {@code sensoryFanout} distinct inter neurons; each inter neuron left without
 *       input then gets {@code clip(F · sensoryFanout / I, 1, F)} distinct inputs;
 *   <li>each inter neuron to {@code interFanout} distinct command neurons; each command neuron left
 *       without inter input then gets {@code clip(I · interFanout / C, 1, I)} inter inputs;
 *   <li>{@code recurrentCommandSynapses} random command-to-command pairs (self loops and repeats
 *       allowed, a repeat overwrites the polarity);
 *   <li>each motor neuron from {@code motorFanin} distinct command neurons; each command neuron left
 *       without a motor target then gets {@code clip(M · motorFanin / C, 1, M)} motor targets.
 * </ol>
 *
 * (Divisions are integer divisions, as ncps' {@code int(...)}.) Build with {@link #builder()}.
 */
public final class NcpWiring implements WiringSpec {

  /** Default seed, as ncps. */
  public static final long DEFAULT_SEED = 22222L;

  private static final String OWNER = "NcpWiring";

  private final int interNeurons;
  private final int commandNeurons;
  private final int motorNeurons;
  private final int sensoryFanout;
  private final int interFanout;
  private final int recurrentCommandSynapses;
  private final int motorFanin;
  private final long seed;

  /**
   * @param interNeurons I >= 1
   * @param commandNeurons C >= 1
   * @param motorNeurons M >= 1
   * @param sensoryFanout inter targets of each input, in {@code [1, I]}
   * @param interFanout command targets of each inter neuron, in {@code [1, C]}
   * @param recurrentCommandSynapses command-to-command draws, >= 0
   * @param motorFanin command sources of each motor neuron, in {@code [1, C]}
   * @param seed random seed
   * @throws IllegalArgumentException if an argument is out of range
   */
  public NcpWiring(int interNeurons, int commandNeurons, int motorNeurons, int sensoryFanout,
      int interFanout, int recurrentCommandSynapses, int motorFanin, long seed) {
    this.interNeurons = WiringChecks.atLeast(OWNER, "interNeurons", interNeurons, 1);
    this.commandNeurons = WiringChecks.atLeast(OWNER, "commandNeurons", commandNeurons, 1);
    this.motorNeurons = WiringChecks.atLeast(OWNER, "motorNeurons", motorNeurons, 1);
    this.sensoryFanout = WiringChecks.inRange(OWNER, "sensoryFanout", sensoryFanout, 1,
        interNeurons, "at most interNeurons");
    this.interFanout = WiringChecks.inRange(OWNER, "interFanout", interFanout, 1,
        commandNeurons, "at most commandNeurons");
    this.recurrentCommandSynapses = WiringChecks.atLeast(
        OWNER, "recurrentCommandSynapses", recurrentCommandSynapses, 0);
    this.motorFanin = WiringChecks.inRange(OWNER, "motorFanin", motorFanin, 1, commandNeurons,
        "at most commandNeurons");
    this.seed = seed;
  }

  /** @return a builder with seed {@value #DEFAULT_SEED} and every count unset */
  public static NcpWiringBuilder builder() {
    return new NcpWiringBuilder();
  }

  @Override
  public Wiring build(int inputDim) {
    return build(inputDim, provenance());
  }

  /** Realises the wiring recording {@code provenance} (used by {@link AutoNcpWiring}). */
  Wiring build(int inputDim, WiringProvenance provenance) {
    WiringChecks.atLeast(OWNER, "inputDim", inputDim, 1);
    int m = motorNeurons;
    int c = commandNeurons;
    int[] motor = Sampling.range(0, m);
    int[] command = Sampling.range(m, m + c);
    int[] inter = Sampling.range(m + c, units());
    WiringBuilder b = new WiringBuilder(units(), inputDim, m).provenance(provenance)
        .layers(inter, command, motor);
    for (int id : command) {
      b.neuronType(id, NeuronType.COMMAND);
    }
    Random rng = new Random(seed);
    // (a) sensory -> inter
    boolean[] reached = new boolean[units()];
    for (int k = 0; k < inputDim; k++) {
      for (int dst : Sampling.choose(rng, inter, sensoryFanout)) {
        b.addSensorySynapse(k, dst, Sampling.even(rng));
        reached[dst] = true;
      }
    }
    int meanFanin = clip(inputDim * sensoryFanout / interNeurons, inputDim);
    for (int dst : inter) {
      if (!reached[dst]) {
        for (int k : Sampling.choose(rng, inputDim, meanFanin)) {
          b.addSensorySynapse(k, dst, Sampling.even(rng));
        }
      }
    }
    // (b) inter -> command
    connectForward(b, rng, inter, command, interFanout);
    // (c) command -> command
    for (int i = 0; i < recurrentCommandSynapses; i++) {
      b.addSynapse(command[rng.nextInt(c)], command[rng.nextInt(c)], Sampling.even(rng));
    }
    // (d) command -> motor: each motor draws its fan-in, then command neurons without a motor target
    boolean[] hasTarget = new boolean[units()];
    for (int dst : motor) {
      for (int src : Sampling.choose(rng, command, motorFanin)) {
        b.addSynapse(src, dst, Sampling.even(rng));
        hasTarget[src] = true;
      }
    }
    int meanFanout = clip(m * motorFanin / c, m);
    for (int src : command) {
      if (!hasTarget[src]) {
        for (int dst : Sampling.choose(rng, motor, meanFanout)) {
          b.addSynapse(src, dst, Sampling.even(rng));
        }
      }
    }
    return b.build();
  }

  /** Each source to {@code fanout} distinct targets; unreached targets then get mean fan-in. */
  private void connectForward(
      WiringBuilder b, Random rng, int[] sources, int[] targets, int fanout) {
    boolean[] reached = new boolean[units()];
    for (int src : sources) {
      for (int dst : Sampling.choose(rng, targets, fanout)) {
        b.addSynapse(src, dst, Sampling.even(rng));
        reached[dst] = true;
      }
    }
    int meanFanin = clip(sources.length * fanout / targets.length, sources.length);
    for (int dst : targets) {
      if (!reached[dst]) {
        for (int src : Sampling.choose(rng, sources, meanFanin)) {
          b.addSynapse(src, dst, Sampling.even(rng));
        }
      }
    }
  }

  private static int clip(int value, int max) {
    return Math.max(1, Math.min(value, max));
  }

  @Override
  public int units() {
    return interNeurons + commandNeurons + motorNeurons;
  }

  @Override
  public int outputDim() {
    return motorNeurons;
  }

  @Override
  public long seed() {
    return seed;
  }

  /** @return the number of inter neurons I */
  public int interNeurons() {
    return interNeurons;
  }

  /** @return the number of command neurons C */
  public int commandNeurons() {
    return commandNeurons;
  }

  /** @return the number of motor neurons M */
  public int motorNeurons() {
    return motorNeurons;
  }

  /** @return the number of inter targets of each input */
  public int sensoryFanout() {
    return sensoryFanout;
  }

  /** @return the number of command targets of each inter neuron */
  public int interFanout() {
    return interFanout;
  }

  /** @return the number of command-to-command draws */
  public int recurrentCommandSynapses() {
    return recurrentCommandSynapses;
  }

  /** @return the number of command sources of each motor neuron */
  public int motorFanin() {
    return motorFanin;
  }

  @Override
  public Map<String, Object> args() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("interNeurons", interNeurons);
    a.put("commandNeurons", commandNeurons);
    a.put("motorNeurons", motorNeurons);
    a.put("sensoryFanout", sensoryFanout);
    a.put("interFanout", interFanout);
    a.put("recurrentCommandSynapses", recurrentCommandSynapses);
    a.put("motorFanin", motorFanin);
    return a;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NcpWiring)) {
      return false;
    }
    NcpWiring w = (NcpWiring) o;
    return args().equals(w.args()) && seed == w.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(args(), seed);
  }

  @Override
  public String toString() {
    return provenance().toString();
  }
}
