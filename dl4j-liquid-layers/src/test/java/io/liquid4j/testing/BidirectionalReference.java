package io.liquid4j.testing;

import io.liquid4j.layers.AbstractLiquidLayer;
import io.liquid4j.layers.BidirectionalLiquidLayer;
import io.liquid4j.runtime.BidirectionalLiquidRecurrentLayer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The output a bidirectional liquid layer should give, computed without it: each direction's
 * configuration run alone as a plain liquid layer with that direction's parameters, the backward
 * one on the input reversed by plain indexing, then merged as DL4J's {@code Bidirectional.Mode}
 * says.
 */
public final class BidirectionalReference {

  private BidirectionalReference() {}

  /** Time reversal by plain indexing, independent of the layer's own. */
  public static INDArray reversed(INDArray x, int timeAxis) {
    INDArray out = x.dup();
    long t = x.size(timeAxis);
    for (long i = 0; i < t; i++) {
      out.get(at(x.rank(), timeAxis, i)).assign(x.get(at(x.rank(), timeAxis, t - 1 - i)));
    }
    return out;
  }

  private static INDArrayIndex[] at(int rank, int axis, long i) {
    INDArrayIndex[] idx = new INDArrayIndex[rank];
    for (int d = 0; d < rank; d++) {
      idx[d] = d == axis ? NDArrayIndex.interval(i, i + 1) : NDArrayIndex.all();
    }
    return idx;
  }

  private static int features(INDArray x, AbstractLiquidLayer conf) {
    return (int) x.size(conf.dataFormat() == RNNFormat.NWC ? 2 : 1);
  }

  /** One direction run alone, as a plain liquid layer holding the given parameters. */
  private static INDArray runAlone(AbstractLiquidLayer conf, INDArray params, INDArray x) {
    LayerHarness h = new LayerHarness((AbstractLiquidLayer) conf.clone(), features(x, conf),
        DataType.DOUBLE, 1);
    h.layer().setParams(params);
    return h.forward(x, null, false).dup();
  }

  /** The expected output: forward on x, backward on reversed x reversed back, merged. */
  public static INDArray byHand(BidirectionalLiquidRecurrentLayer layer, Mode mode, INDArray x) {
    BidirectionalLiquidLayer conf = (BidirectionalLiquidLayer) layer.conf().getLayer();
    int time = conf.dataFormat() == RNNFormat.NWC ? 1 : 2;
    int feature = conf.dataFormat() == RNNFormat.NWC ? 2 : 1;
    INDArray f = runAlone(conf.getFwd(), layer.forwardLayer().params(), x);
    INDArray b = runAlone(conf.getBwd(), layer.backwardLayer().params(), reversed(x, time));
    if (b.rank() == 3) {
      b = reversed(b, time);
    } else {
      feature = 1;
    }
    switch (mode) {
      case ADD: return f.add(b);
      case MUL: return f.mul(b);
      case AVERAGE: return f.add(b).div(2);
      default: return Nd4j.concat(feature, f, b);
    }
  }
}
