package io.liquid4j.wiring;

/**
 * Named-argument builder for {@link NcpWiring}; {@link #build()} validates through the {@link
 * NcpWiring} constructor. Obtain one with {@link NcpWiring#builder()}.
 */
public final class NcpWiringBuilder {

  private int interNeurons;
  private int commandNeurons;
  private int motorNeurons;
  private int sensoryFanout;
  private int interFanout;
  private int recurrentCommandSynapses;
  private int motorFanin;
  private long seed = NcpWiring.DEFAULT_SEED;

  NcpWiringBuilder() {}

  /** @param n number of inter neurons @return this builder */
  public NcpWiringBuilder interNeurons(int n) {
    this.interNeurons = n;
    return this;
  }

  /** @param n number of command neurons @return this builder */
  public NcpWiringBuilder commandNeurons(int n) {
    this.commandNeurons = n;
    return this;
  }

  /** @param n number of motor neurons @return this builder */
  public NcpWiringBuilder motorNeurons(int n) {
    this.motorNeurons = n;
    return this;
  }

  /** @param n inter targets of each input @return this builder */
  public NcpWiringBuilder sensoryFanout(int n) {
    this.sensoryFanout = n;
    return this;
  }

  /** @param n command targets of each inter neuron @return this builder */
  public NcpWiringBuilder interFanout(int n) {
    this.interFanout = n;
    return this;
  }

  /** @param n command-to-command draws @return this builder */
  public NcpWiringBuilder recurrentCommandSynapses(int n) {
    this.recurrentCommandSynapses = n;
    return this;
  }

  /** @param n command sources of each motor neuron @return this builder */
  public NcpWiringBuilder motorFanin(int n) {
    this.motorFanin = n;
    return this;
  }

  /** @param seed random seed (default {@value NcpWiring#DEFAULT_SEED}) @return this builder */
  public NcpWiringBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * @return the validated spec
   * @throws IllegalArgumentException if an argument is out of range
   */
  public NcpWiring build() {
    return new NcpWiring(interNeurons, commandNeurons, motorNeurons, sensoryFanout, interFanout,
        recurrentCommandSynapses, motorFanin, seed);
  }
}
