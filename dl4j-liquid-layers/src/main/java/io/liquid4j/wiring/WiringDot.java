package io.liquid4j.wiring;

/** Graphviz DOT export of a {@link Wiring}; see {@link Wiring#toDot()}. */
final class WiringDot {

  private WiringDot() {}

  static String toDot(Wiring w) {
    StringBuilder s = new StringBuilder();
    s.append("// ").append(w).append('\n');
    s.append("// nodes: sensory_k = input feature k; neuron_i = neuron id i, filled by type\n");
    s.append("// edges: one per synapse, ").append(WiringPalette.hex(WiringPalette.EXCITATORY))
        .append(" = excitatory (+1), ").append(WiringPalette.hex(WiringPalette.INHIBITORY))
        .append(" = inhibitory (-1)\n");
    s.append("digraph wiring {\n  rankdir=LR;\n  node [shape=circle, style=filled];\n");
    s.append("  subgraph cluster_sensory {\n    label=\"sensory\";\n");
    for (int k = 0; k < w.inputDim(); k++) {
      s.append("    sensory_").append(k).append(" [label=\"s").append(k)
          .append("\", fillcolor=\"").append(WiringPalette.hex(WiringPalette.SENSORY))
          .append("\"];\n");
    }
    s.append("  }\n");
    for (int l = 0; l < w.numLayers(); l++) {
      s.append("  subgraph cluster_layer_").append(l).append(" {\n    label=\"layer ").append(l)
          .append("\";\n");
      for (int id : w.neuronsOfLayer(l)) {
        NeuronType t = w.typeOf(id);
        s.append("    neuron_").append(id).append(" [label=\"").append(id).append("\", tooltip=\"")
            .append(t.ncpsName()).append("\", fillcolor=\"")
            .append(WiringPalette.hex(WiringPalette.of(t))).append("\"];\n");
      }
      s.append("  }\n");
    }
    int[][] sensory = w.sensoryAdjacency();
    for (int k = 0; k < sensory.length; k++) {
      for (int j = 0; j < w.units(); j++) {
        edge(s, "sensory_" + k, j, sensory[k][j]);
      }
    }
    int[][] adjacency = w.adjacency();
    for (int i = 0; i < adjacency.length; i++) {
      for (int j = 0; j < adjacency.length; j++) {
        edge(s, "neuron_" + i, j, adjacency[i][j]);
      }
    }
    legend(s);
    return s.append("}\n").toString();
  }

  private static void edge(StringBuilder s, String from, int to, int polarity) {
    if (polarity != 0) {
      s.append("  ").append(from).append(" -> neuron_").append(to).append(" [color=\"")
          .append(WiringPalette.hex(WiringPalette.ofPolarity(polarity))).append("\"];\n");
    }
  }

  private static void legend(StringBuilder s) {
    s.append("  subgraph cluster_legend {\n    label=\"legend\";\n    node [shape=box];\n");
    legendNode(s, "sensory", WiringPalette.SENSORY);
    legendNode(s, "inter", WiringPalette.INTER);
    legendNode(s, "command", WiringPalette.COMMAND);
    legendNode(s, "motor", WiringPalette.MOTOR);
    s.append("    legend_excitatory [label=\"excitatory\", shape=plaintext, style=\"\", fontcolor=\"")
        .append(WiringPalette.hex(WiringPalette.EXCITATORY)).append("\"];\n");
    s.append("    legend_inhibitory [label=\"inhibitory\", shape=plaintext, style=\"\", fontcolor=\"")
        .append(WiringPalette.hex(WiringPalette.INHIBITORY)).append("\"];\n  }\n");
  }

  private static void legendNode(StringBuilder s, String name, int rgb) {
    s.append("    legend_").append(name).append(" [label=\"").append(name)
        .append("\", fillcolor=\"").append(WiringPalette.hex(rgb)).append("\"];\n");
  }
}
