package io.liquid4j.wiring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A mutable scratch pad for writing a {@link Wiring} synapse by synapse (ncps' {@code
 * add_synapse}/{@code add_sensory_synapse}), then freezing it with {@link #build()}. Starts with no
 * synapses, motor neurons {@code [0, outputDim)}, inter neurons after them and one layer holding
 * every neuron. Not thread-safe; the generators use it internally.
 */
public final class WiringBuilder {

  private static final String OWNER = "WiringBuilder";

  private final int units;
  private final int inputDim;
  private final int[][] adjacency;
  private final int[][] sensoryAdjacency;
  private final List<NeuronType> types;
  private int[][] layers;
  private WiringProvenance provenance = WiringProvenance.explicit();

  /**
   * Starts an empty wiring.
   *
   * @param units number of neurons, >= 1
   * @param inputDim number of input features, >= 1
   * @param outputDim number of motor neurons, in {@code [1, units]}
   * @throws IllegalArgumentException if a size is out of range
   */
  public WiringBuilder(int units, int inputDim, int outputDim) {
    this.units = WiringChecks.atLeast(OWNER, "units", units, 1);
    this.inputDim = WiringChecks.atLeast(OWNER, "inputDim", inputDim, 1);
    WiringChecks.inRange(OWNER, "outputDim", outputDim, 1, units, "1 to units");
    this.adjacency = new int[units][units];
    this.sensoryAdjacency = new int[inputDim][units];
    this.types = new ArrayList<>(Collections.nCopies(units, NeuronType.INTER));
    for (int i = 0; i < outputDim; i++) {
      types.set(i, NeuronType.MOTOR);
    }
    this.layers = new int[][] {IntStream.range(0, units).toArray()};
  }

  /**
   * Sets the type of one neuron (motor neurons must stay ids {@code [0, M)}, checked by {@link
   * #build()}).
   *
   * @param id neuron id
   * @param type its type
   * @return this builder
   */
  public WiringBuilder neuronType(int id, NeuronType type) {
    WiringChecks.inRange(OWNER, "id", id, 0, units - 1, null);
    types.set(id, WiringChecks.notNull(OWNER, "type", type));
    return this;
  }

  /**
   * Sets the layers (neuron ids per layer, in layer order; checked by {@link #build()}).
   *
   * @param layers the layers (copied)
   * @return this builder
   */
  public WiringBuilder layers(int[]... layers) {
    WiringChecks.notNull(OWNER, "layers", layers);
    this.layers = layers.clone();
    for (int l = 0; l < layers.length; l++) {
      this.layers[l] = WiringChecks.notNull(OWNER, "layers[" + l + "]", layers[l]).clone();
    }
    return this;
  }

  /**
   * Sets the provenance recorded in the wiring.
   *
   * @param provenance where the wiring came from
   * @return this builder
   */
  public WiringBuilder provenance(WiringProvenance provenance) {
    this.provenance = WiringChecks.notNull(OWNER, "provenance", provenance);
    return this;
  }

  /**
   * Adds (or overwrites) the synapse {@code src -> dst}.
   *
   * @param src source neuron id in {@code [0, units)}
   * @param dst target neuron id in {@code [0, units)}
   * @param polarity +1 excitatory or -1 inhibitory
   * @return this builder
   * @throws IllegalArgumentException if an id or the polarity is out of range
   */
  public WiringBuilder addSynapse(int src, int dst, int polarity) {
    WiringChecks.inRange(OWNER, "src", src, 0, units - 1, null);
    WiringChecks.inRange(OWNER, "dst", dst, 0, units - 1, null);
    adjacency[src][dst] = WiringChecks.polarity(OWNER, "polarity", polarity);
    return this;
  }

  /**
   * Adds (or overwrites) the synapse from input feature {@code input} to neuron {@code dst}.
   *
   * @param input input feature index in {@code [0, inputDim)}
   * @param dst target neuron id in {@code [0, units)}
   * @param polarity +1 excitatory or -1 inhibitory
   * @return this builder
   * @throws IllegalArgumentException if an index or the polarity is out of range
   */
  public WiringBuilder addSensorySynapse(int input, int dst, int polarity) {
    WiringChecks.inRange(OWNER, "input", input, 0, inputDim - 1, null);
    WiringChecks.inRange(OWNER, "dst", dst, 0, units - 1, null);
    sensoryAdjacency[input][dst] = WiringChecks.polarity(OWNER, "polarity", polarity);
    return this;
  }

  /**
   * Freezes the current state into a validated {@link Wiring}; the builder stays usable.
   *
   * @return the wiring
   * @throws IllegalArgumentException if the types or layers are inconsistent
   */
  public Wiring build() {
    return Wiring.of(adjacency, sensoryAdjacency, types, layers, provenance);
  }
}
