package io.liquid4j.internal;

import io.liquid4j.layers.AbstractLiquidLayer;
import io.liquid4j.layers.BidirectionalLiquidLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameter layout of a {@link BidirectionalLiquidLayer}: the forward layer's parameters, then the
 * backward layer's, each block laid out by the wrapped layer's own initializer and keyed with the
 * prefix {@code f} or {@code b}. Unlike DL4J's {@code SameDiffParamInitializer} (all weights, then
 * all biases), each direction gets one contiguous slice, which its runtime layer owns.
 */
public final class BidirectionalLiquidParams implements ParamInitializer {

  /** The one instance (stateless). */
  public static final BidirectionalLiquidParams INSTANCE = new BidirectionalLiquidParams();

  private BidirectionalLiquidParams() {}

  /** The forward and backward slices of a flat parameter (or gradient) view. */
  public static INDArray[] split(INDArray view) {
    long n = view.length() / 2;
    INDArray flat = view.reshape(view.length());
    return new INDArray[] {flat.get(NDArrayIndex.interval(0, n)),
        flat.get(NDArrayIndex.interval(n, 2 * n))};
  }

  /** A copy of {@code conf} holding one direction's layer, as its runtime layer expects. */
  public static NeuralNetConfiguration confFor(NeuralNetConfiguration conf,
      AbstractLiquidLayer direction) {
    NeuralNetConfiguration c = conf.clone();
    c.clearVariables();
    c.setLayer(direction);
    return c;
  }

  /** Records the prefixed parameter keys as the network's variables of this layer. */
  public static void addVariables(NeuralNetConfiguration conf, BidirectionalLiquidLayer layer) {
    conf.clearVariables();
    for (String key : INSTANCE.paramKeys(layer)) {
      conf.addVariable(key);
    }
  }

  /** The entries of {@code prefixed} whose key starts with {@code prefix}, without it. */
  public static Map<String, INDArray> unprefixed(Map<String, INDArray> prefixed, String prefix) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    prefixed.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  /** Both directions' maps, keyed with their prefixes, forward first. */
  public static <T> Map<String, T> prefixed(Map<String, T> forward, Map<String, T> backward) {
    Map<String, T> out = new LinkedHashMap<>();
    forward.forEach((k, v) -> out.put(BidirectionalLiquidLayer.FORWARD_PREFIX + k, v));
    backward.forEach((k, v) -> out.put(BidirectionalLiquidLayer.BACKWARD_PREFIX + k, v));
    return out;
  }

  private static BidirectionalLiquidLayer bi(Layer layer) {
    return (BidirectionalLiquidLayer) layer;
  }

  private static List<String> keys(Layer layer,
      BiFunction<ParamInitializer, Layer, List<String>> of) {
    BidirectionalLiquidLayer b = bi(layer);
    List<String> out = new ArrayList<>();
    for (String k : of.apply(b.getFwd().initializer(), b.getFwd())) {
      out.add(BidirectionalLiquidLayer.FORWARD_PREFIX + k);
    }
    for (String k : of.apply(b.getBwd().initializer(), b.getBwd())) {
      out.add(BidirectionalLiquidLayer.BACKWARD_PREFIX + k);
    }
    return out;
  }

  @Override
  public long numParams(NeuralNetConfiguration conf) {
    return numParams(conf.getLayer());
  }

  @Override
  public long numParams(Layer layer) {
    BidirectionalLiquidLayer b = bi(layer);
    return b.getFwd().initializer().numParams(b.getFwd())
        + b.getBwd().initializer().numParams(b.getBwd());
  }

  @Override
  public List<String> paramKeys(Layer layer) {
    return keys(layer, ParamInitializer::paramKeys);
  }

  @Override
  public List<String> weightKeys(Layer layer) {
    return keys(layer, ParamInitializer::weightKeys);
  }

  @Override
  public List<String> biasKeys(Layer layer) {
    return keys(layer, ParamInitializer::biasKeys);
  }

  @Override
  public boolean isWeightParam(Layer layer, String key) {
    return weightKeys(layer).contains(key);
  }

  @Override
  public boolean isBiasParam(Layer layer, String key) {
    return biasKeys(layer).contains(key);
  }

  @Override
  public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView,
      boolean initializeParams) {
    return each(conf, paramsView, (c, view) -> c.getLayer().initializer().init(c, view,
        initializeParams));
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf,
      INDArray gradientView) {
    return each(conf, gradientView,
        (c, view) -> c.getLayer().initializer().getGradientsFromFlattened(c, view));
  }

  private static Map<String, INDArray> each(NeuralNetConfiguration conf, INDArray view,
      BiFunction<NeuralNetConfiguration, INDArray, Map<String, INDArray>> op) {
    BidirectionalLiquidLayer b = bi(conf.getLayer());
    INDArray[] views = split(view);
    Map<String, INDArray> out = prefixed(op.apply(confFor(conf, b.getFwd()), views[0]),
        op.apply(confFor(conf, b.getBwd()), views[1]));
    addVariables(conf, b);
    return out;
  }
}
