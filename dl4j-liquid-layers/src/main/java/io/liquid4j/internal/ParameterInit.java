package io.liquid4j.internal;

import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parameter initialisers matching ncps (PyTorch): weights by a DL4J {@link WeightInit} (ncps uses
 * Xavier uniform), biases like {@code torch.nn.Linear}: {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))},
 * and orthogonal matrices for recurrent LSTM weights. All draw from ND4J's random generator, which
 * DL4J seeds from the network's seed.
 */
public final class ParameterInit {

  private ParameterInit() {}

  /** Initialises a {@code [fanIn, fanOut]} weight view in place. */
  public static void weight(INDArray view, WeightInit init) {
    long[] shape = view.shape();
    long fanIn = shape[0];
    long fanOut = shape.length > 1 ? shape[1] : 1;
    WeightInitUtil.initWeights(fanIn, fanOut, shape, init, null, 'c', view);
  }

  /** {@code torch.nn.Linear}'s bias initialisation. */
  public static void torchBias(INDArray view, long fanIn) {
    double bound = 1.0 / Math.sqrt(fanIn);
    uniform(view, -bound, bound);
  }

  /** Fills {@code view} with {@code U(lo, hi)}. */
  public static void uniform(INDArray view, double lo, double hi) {
    INDArray r = Nd4j.rand(view.dataType(), view.shape());
    view.assign(r.muli(hi - lo).addi(lo));
  }

  /**
   * Fills {@code view} ({@code [rows, cols]}) with a random matrix whose rows (if {@code rows <=
   * cols}) or columns are orthonormal, as {@code torch.nn.init.orthogonal_}: Gram-Schmidt on a
   * Gaussian matrix.
   */
  public static void orthogonal(INDArray view) {
    int rows = (int) view.size(0);
    int cols = (int) view.size(1);
    boolean byRows = rows <= cols;
    int n = byRows ? rows : cols;
    int len = byRows ? cols : rows;
    double[][] g = Nd4j.randn(view.dataType(), n, len).toDoubleMatrix();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double dot = 0;
        for (int k = 0; k < len; k++) {
          dot += g[i][k] * g[j][k];
        }
        for (int k = 0; k < len; k++) {
          g[i][k] -= dot * g[j][k];
        }
      }
      double norm = 0;
      for (int k = 0; k < len; k++) {
        norm += g[i][k] * g[i][k];
      }
      norm = Math.sqrt(norm);
      for (int k = 0; k < len; k++) {
        g[i][k] /= norm;
      }
    }
    INDArray m = Nd4j.createFromArray(g).castTo(view.dataType());
    view.assign(byRows ? m : m.transpose());
  }
}
