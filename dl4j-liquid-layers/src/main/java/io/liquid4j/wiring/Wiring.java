package io.liquid4j.wiring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect.Visibility;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.annotation.JsonPropertyOrder;

/**
 * A realised wiring: an immutable directed graph of {@code units} neurons fed by {@code inputDim}
 * input features, as used by an LTC or wired CfC layer.
 *
 * <ul>
 *   <li>{@code adjacency()[i][j]}: synapse from neuron {@code i} to neuron {@code j}, shape {@code
 *       [units, units]}; {@code sensoryAdjacency()[k][j]}: from input {@code k} to neuron {@code j},
 *       shape {@code [inputDim, units]}; +1 excitatory, -1 inhibitory, 0 none.
 *   <li>Motor neurons are exactly the ids {@code [0, outputDim)}.
 *   <li>{@code layers()} lists the neuron ids of each layer in layer order (NCP: inter, command,
 *       motor); the layers partition {@code 0..units-1}.
 * </ul>
 *
 * <p>Made by a {@link WiringSpec}, a {@link WiringBuilder} or {@link #of}; every path reaches the
 * same validation. Round-trips through Jackson with its matrices, so a saved model keeps the exact
 * graph it was trained with. Every array passed in or returned is a copy.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.NONE,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE,
    creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({
  "units", "inputDim", "outputDim", "neuronTypes", "layers", "adjacency", "sensoryAdjacency",
  "provenance"
})
public final class Wiring {

  @JsonProperty("units")
  private final int units;

  @JsonProperty("inputDim")
  private final int inputDim;

  @JsonProperty("outputDim")
  private final int outputDim;

  @JsonProperty("neuronTypes")
  private final List<NeuronType> neuronTypes;

  @JsonProperty("layers")
  private final int[][] layers;

  @JsonProperty("adjacency")
  private final int[][] adjacency;

  @JsonProperty("sensoryAdjacency")
  private final int[][] sensoryAdjacency;

  @JsonProperty("provenance")
  private final WiringProvenance provenance;

  private final int[] layerOf;

  @JsonCreator
  private Wiring(
      @JsonProperty("units") int units,
      @JsonProperty("inputDim") int inputDim,
      @JsonProperty("outputDim") int outputDim,
      @JsonProperty("neuronTypes") List<NeuronType> neuronTypes,
      @JsonProperty("layers") int[][] layers,
      @JsonProperty("adjacency") int[][] adjacency,
      @JsonProperty("sensoryAdjacency") int[][] sensoryAdjacency,
      @JsonProperty("provenance") WiringProvenance provenance) {
    this.units = units;
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.neuronTypes = neuronTypes == null ? null : Collections.unmodifiableList(
        new ArrayList<>(neuronTypes));
    this.layers = copy(layers);
    this.adjacency = copy(adjacency);
    this.sensoryAdjacency = copy(sensoryAdjacency);
    this.provenance = provenance == null ? WiringProvenance.explicit() : provenance;
    this.layerOf = WiringValidator.validate(
        units, inputDim, outputDim, this.neuronTypes, this.layers, this.adjacency,
        this.sensoryAdjacency);
  }

  /**
   * A wiring from explicit matrices (the general constructor). {@code units} is the size of {@code
   * adjacency}, {@code inputDim} the number of rows of {@code sensoryAdjacency}, {@code outputDim}
   * the number of {@link NeuronType#MOTOR} neurons.
   *
   * @param adjacency {@code [units, units]}, entries in {-1, 0, +1}, row = source (copied)
   * @param sensoryAdjacency {@code [inputDim, units]}, entries in {-1, 0, +1} (copied)
   * @param neuronTypes type of each neuron id; the motor neurons must be ids {@code [0, M)}, M >= 1
   * @param layers neuron ids of each layer in layer order, a partition of the ids (copied)
   * @param provenance where it came from; {@code null} means {@link WiringProvenance#explicit()}
   * @return the validated wiring
   * @throws IllegalArgumentException naming the first violated rule
   */
  public static Wiring of(
      int[][] adjacency,
      int[][] sensoryAdjacency,
      List<NeuronType> neuronTypes,
      int[][] layers,
      WiringProvenance provenance) {
    WiringChecks.notNull("Wiring", "adjacency", adjacency);
    WiringChecks.notNull("Wiring", "sensoryAdjacency", sensoryAdjacency);
    WiringChecks.notNull("Wiring", "neuronTypes", neuronTypes);
    int motors = (int) neuronTypes.stream().filter(t -> t == NeuronType.MOTOR).count();
    return new Wiring(adjacency.length, sensoryAdjacency.length, motors, neuronTypes, layers,
        adjacency, sensoryAdjacency, provenance);
  }

  private static int[][] copy(int[][] m) {
    if (m == null) {
      return null;
    }
    int[][] c = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i] == null ? null : m[i].clone();
    }
    return c;
  }

  /** @return the number of neurons */
  public int units() {
    return units;
  }

  /** @return the number of input features */
  public int inputDim() {
    return inputDim;
  }

  /** @return the number of motor neurons (ids {@code [0, outputDim)}) */
  public int outputDim() {
    return outputDim;
  }

  /** @return a copy of the {@code [units, units]} neuron adjacency matrix (row = source) */
  public int[][] adjacency() {
    return copy(adjacency);
  }

  /** @return a copy of the {@code [inputDim, units]} sensory adjacency matrix */
  public int[][] sensoryAdjacency() {
    return copy(sensoryAdjacency);
  }

  /**
   * @param src source neuron id
   * @param dst target neuron id
   * @return +1, -1 or 0 (no synapse)
   */
  public int polarity(int src, int dst) {
    return adjacency[src][dst];
  }

  /**
   * @param input input feature index
   * @param dst target neuron id
   * @return +1, -1 or 0 (no synapse)
   */
  public int sensoryPolarity(int input, int dst) {
    return sensoryAdjacency[input][dst];
  }

  /** @return the type of every neuron, indexed by id (unmodifiable) */
  public List<NeuronType> neuronTypes() {
    return neuronTypes;
  }

  /**
   * @param id neuron id in {@code [0, units)}
   * @return its type
   */
  public NeuronType typeOf(int id) {
    return neuronTypes.get(id);
  }

  /**
   * @param type a neuron type
   * @return how many neurons have that type
   */
  public int countOf(NeuronType type) {
    return Collections.frequency(neuronTypes, type);
  }

  /** @return the neuron ids of each layer, in layer order (a copy) */
  public int[][] layers() {
    return copy(layers);
  }

  /** @return the number of layers (1 for fully connected and random wirings, 3 for NCP) */
  public int numLayers() {
    return layers.length;
  }

  /**
   * @param layer layer index in {@code [0, numLayers())}
   * @return a copy of that layer's neuron ids
   */
  public int[] neuronsOfLayer(int layer) {
    return layers[layer].clone();
  }

  /**
   * @param id neuron id
   * @return the index of the layer containing it
   */
  public int layerOf(int id) {
    return layerOf[id];
  }

  /** @return the number of neuron-to-neuron synapses (non-zero adjacency entries) */
  public int synapseCount() {
    return nonZero(adjacency);
  }

  /** @return the number of input-to-neuron synapses (non-zero sensory adjacency entries) */
  public int sensorySynapseCount() {
    return nonZero(sensoryAdjacency);
  }

  /**
   * @param dst neuron id
   * @return how many neurons have a synapse onto {@code dst}
   */
  public int fanIn(int dst) {
    int n = 0;
    for (int[] row : adjacency) {
      n += row[dst] != 0 ? 1 : 0;
    }
    return n;
  }

  /**
   * @param src neuron id
   * @return how many neurons {@code src} has a synapse onto
   */
  public int fanOut(int src) {
    return nonZero(new int[][] {adjacency[src]});
  }

  /**
   * @param dst neuron id
   * @return how many input features have a synapse onto {@code dst}
   */
  public int sensoryFanIn(int dst) {
    int n = 0;
    for (int[] row : sensoryAdjacency) {
      n += row[dst] != 0 ? 1 : 0;
    }
    return n;
  }

  /**
   * @param input input feature index
   * @return how many neurons that input has a synapse onto
   */
  public int sensoryFanOut(int input) {
    return nonZero(new int[][] {sensoryAdjacency[input]});
  }

  /** @return how this wiring was made */
  public WiringProvenance provenance() {
    return provenance;
  }

  /**
   * The wiring as a Graphviz DOT digraph: sensory nodes, neurons coloured by type, synapses coloured
   * by polarity (excitatory green, inhibitory red), one edge per synapse, and a legend.
   *
   * @return DOT source, e.g. for {@code dot -Tpng}
   */
  public String toDot() {
    return WiringDot.toDot(this);
  }

  private static int nonZero(int[][] m) {
    int n = 0;
    for (int[] row : m) {
      for (int v : row) {
        n += v != 0 ? 1 : 0;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Wiring)) {
      return false;
    }
    Wiring w = (Wiring) o;
    return units == w.units && inputDim == w.inputDim && outputDim == w.outputDim
        && neuronTypes.equals(w.neuronTypes) && Arrays.deepEquals(layers, w.layers)
        && Arrays.deepEquals(adjacency, w.adjacency)
        && Arrays.deepEquals(sensoryAdjacency, w.sensoryAdjacency)
        && provenance.equals(w.provenance);
  }

  @Override
  public int hashCode() {
    return Objects.hash(units, inputDim, outputDim, neuronTypes, Arrays.deepHashCode(layers),
        Arrays.deepHashCode(adjacency), Arrays.deepHashCode(sensoryAdjacency), provenance);
  }

  @Override
  public String toString() {
    int[] sizes = Arrays.stream(layers).mapToInt(l -> l.length).toArray();
    return "Wiring[" + provenance + ", units=" + units + ", inputDim=" + inputDim + ", outputDim="
        + outputDim + ", layerSizes=" + Arrays.toString(sizes) + ", synapses=" + synapseCount()
        + ", sensorySynapses=" + sensorySynapseCount() + "]";
  }
}
