package io.liquid4j.wiring;

import java.util.List;

/** Structural validation of a {@link Wiring}: shapes, entries, neuron types and layers. */
final class WiringValidator {

  private static final String OWNER = "Wiring";

  private WiringValidator() {}

  /**
   * Checks everything {@link Wiring} promises and returns, for each neuron id, the index of the
   * layer that contains it.
   */
  static int[] validate(
      int units,
      int inputDim,
      int outputDim,
      List<NeuronType> types,
      int[][] layers,
      int[][] adjacency,
      int[][] sensoryAdjacency) {
    WiringChecks.atLeast(OWNER, "units", units, 1);
    WiringChecks.atLeast(OWNER, "inputDim", inputDim, 1);
    checkMatrix("adjacency", adjacency, units, units);
    checkMatrix("sensoryAdjacency", sensoryAdjacency, inputDim, units);
    checkTypes(units, outputDim, types);
    return checkLayers(units, layers);
  }

  private static void checkMatrix(String name, int[][] m, int rows, int cols) {
    WiringChecks.notNull(OWNER, name, m);
    if (m.length != rows) {
      throw WiringChecks.fail(
          OWNER, name + " must have " + rows + " rows, got " + m.length);
    }
    for (int i = 0; i < rows; i++) {
      int[] row = WiringChecks.notNull(OWNER, name + "[" + i + "]", m[i]);
      if (row.length != cols) {
        throw WiringChecks.fail(
            OWNER, name + "[" + i + "] must have " + cols + " columns, got " + row.length);
      }
      for (int j = 0; j < cols; j++) {
        WiringChecks.entry(OWNER, name + "[" + i + "][" + j + "]", row[j]);
      }
    }
  }

  private static void checkTypes(int units, int outputDim, List<NeuronType> types) {
    WiringChecks.notNull(OWNER, "neuronTypes", types);
    if (types.size() != units) {
      throw WiringChecks.fail(
          OWNER, "neuronTypes must have units=" + units + " entries, got " + types.size());
    }
    WiringChecks.inRange(OWNER, "outputDim", outputDim, 1, units, "1 to units");
    for (int id = 0; id < units; id++) {
      NeuronType t = WiringChecks.notNull(OWNER, "neuronTypes[" + id + "]", types.get(id));
      boolean motorId = id < outputDim;
      if (motorId != (t == NeuronType.MOTOR)) {
        throw WiringChecks.fail(
            OWNER,
            "neuronTypes[" + id + "] must be " + (motorId ? "MOTOR" : "COMMAND or INTER")
                + " (motor neurons are exactly ids [0, outputDim=" + outputDim + ")), got " + t);
      }
    }
  }

  private static int[] checkLayers(int units, int[][] layers) {
    WiringChecks.notNull(OWNER, "layers", layers);
    WiringChecks.atLeast(OWNER, "number of layers", layers.length, 1);
    int[] layerOf = new int[units];
    java.util.Arrays.fill(layerOf, -1);
    for (int l = 0; l < layers.length; l++) {
      int[] layer = WiringChecks.notNull(OWNER, "layers[" + l + "]", layers[l]);
      WiringChecks.atLeast(OWNER, "size of layers[" + l + "]", layer.length, 1);
      for (int id : layer) {
        WiringChecks.inRange(OWNER, "neuron id in layers[" + l + "]", id, 0, units - 1, null);
        if (layerOf[id] >= 0) {
          throw WiringChecks.fail(
              OWNER,
              "layers must be a partition of the neuron ids, but neuron " + id
                  + " is in layers[" + layerOf[id] + "] and layers[" + l + "]");
        }
        layerOf[id] = l;
      }
    }
    for (int id = 0; id < units; id++) {
      if (layerOf[id] < 0) {
        throw WiringChecks.fail(
            OWNER, "layers must be a partition of the neuron ids, but neuron " + id + " is in none");
      }
    }
    return layerOf;
  }
}
