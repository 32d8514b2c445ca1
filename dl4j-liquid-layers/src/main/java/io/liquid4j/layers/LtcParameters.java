package io.liquid4j.layers;

import io.liquid4j.internal.ParameterInit;
import io.liquid4j.layers.LtcInitRanges.Parameter;
import io.liquid4j.wiring.Wiring;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameters of an {@link LtcLayer}: keys, shapes, kinds and initial values, in one place.
 * Matrices ({@code [S, S]}, {@code [F, S]}) and mapping scales are DL4J weight parameters;
 * per-neuron vectors and offsets are bias parameters (this only decides which regularisation
 * applies). The ncps names are in {@link LtcLayer}'s parameter table.
 */
final class LtcParameters {

  private LtcParameters() {}

  static void define(SDLayerParams params, int nIn, int units, int motors, LtcMapping inputMapping,
      LtcMapping outputMapping, boolean mixedMemory) {
    for (String key : new String[] {"gleak", "vleak", "cm"}) {
      params.addBiasParam(key, units);
    }
    for (String key : new String[] {"w", "sigma", "mu", "erev"}) {
      params.addWeightParam(key, units, units);
    }
    for (String key : new String[] {"sensoryW", "sensorySigma", "sensoryMu", "sensoryErev"}) {
      params.addWeightParam(key, nIn, units);
    }
    mapping(params, "input", inputMapping, nIn);
    mapping(params, "output", outputMapping, motors);
    if (mixedMemory) {
      params.addWeightParam("lstmInputW", nIn, 4 * units);
      params.addBiasParam("lstmInputb", 4 * units);
      params.addWeightParam("lstmRecurrentW", units, 4 * units);
    }
  }

  private static void mapping(SDLayerParams params, String prefix, LtcMapping m, int size) {
    if (m.hasWeight()) {
      params.addWeightParam(prefix + "W", size);
    }
    if (m.hasBias()) {
      params.addBiasParam(prefix + "b", size);
    }
  }

  static void initialize(Map<String, INDArray> params, Wiring wiring, LtcInitRanges ranges,
      org.deeplearning4j.nn.weights.WeightInit weightInit) {
    for (Parameter p : Parameter.values()) {
      INDArray view = params.get(p.key());
      ParameterInit.uniform(view, ranges.lo(p), ranges.hi(p));
    }
    assignMatrix(params.get("erev"), wiring.adjacency());
    assignMatrix(params.get("sensoryErev"), wiring.sensoryAdjacency());
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      switch (e.getKey()) {
        case "inputW", "outputW" -> e.getValue().assign(1.0);
        case "inputb", "outputb" -> e.getValue().assign(0.0);
        case "lstmInputW" -> ParameterInit.weight(e.getValue(), weightInit);
        case "lstmInputb" -> ParameterInit.uniform(e.getValue(), -0.1, 0.1);
        case "lstmRecurrentW" -> ParameterInit.orthogonal(e.getValue());
        default -> { } // drawn or copied above
      }
    }
  }

  private static void assignMatrix(INDArray view, int[][] values) {
    view.assign(Nd4j.createFromArray(values).castTo(view.dataType()));
  }

  /** {@code |m|} as a matrix of the given data type: a wiring mask. */
  static INDArray mask(int[][] m, DataType dataType) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        out[i][j] = Math.abs(m[i][j]);
      }
    }
    return Nd4j.createFromArray(out).castTo(dataType);
  }
}
