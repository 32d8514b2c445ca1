/**
 * Wirings: the sparse graphs that connect the neurons of a liquid layer (LTC, wired CfC).
 *
 * <p>Pure Java (no ND4J), following the semantics of the {@code ncps.wirings} package (ncps 1.0.1,
 * torch flavour). A {@link io.liquid4j.wiring.WiringSpec} is an immutable, reusable generator
 * ({@link io.liquid4j.wiring.FullyConnectedWiring}, {@link io.liquid4j.wiring.RandomWiring},
 * {@link io.liquid4j.wiring.NcpWiring}, {@link io.liquid4j.wiring.AutoNcpWiring}); realising it for
 * an input dimension gives an immutable {@link io.liquid4j.wiring.Wiring}:
 *
 * <pre>{@code
 * Wiring w = new AutoNcpWiring(19, 1).build(8); // 19 neurons, 1 motor neuron, 8 input features
 * }</pre>
 *
 * <p>Conventions (as in ncps): neuron ids are motor {@code [0, M)}, command {@code [M, M+C)}, inter
 * {@code [M+C, units)}; {@code adjacency[i][j]} is the synapse from neuron {@code i} (source) to
 * neuron {@code j} (target), {@code sensoryAdjacency[k][j]} from input feature {@code k} to neuron
 * {@code j}; +1 excitatory, -1 inhibitory, 0 none. Layers are listed in layer order (NCP: inter,
 * command, motor).
 *
 * <p>A {@code Wiring} stores its realised matrices, and round-trips through Jackson, so a saved model
 * never depends on a random generator staying stable; the generator settings travel beside them as
 * {@link io.liquid4j.wiring.WiringProvenance}. {@link io.liquid4j.wiring.Wiring#toDot()} and {@link
 * io.liquid4j.wiring.WiringDiagram} draw a wiring.
 */
package io.liquid4j.wiring;
