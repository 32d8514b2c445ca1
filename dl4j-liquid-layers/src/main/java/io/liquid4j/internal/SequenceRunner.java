package io.liquid4j.internal;

import io.liquid4j.internal.ChunkGraph.ChunkGradients;
import io.liquid4j.internal.ChunkGraph.ChunkInputs;
import io.liquid4j.internal.ChunkGraph.ChunkResult;
import io.liquid4j.internal.ChunkGraph.DropoutInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a liquid layer over sequences of any length as a series of chunks ({@link ChunkPlan}), each
 * an unrolled graph taken from a cache that holds at most one graph per {@link GraphKey}, and
 * backpropagates through the chunks in reverse, carrying the state gradient from chunk to chunk.
 *
 * <p>Not thread safe: one runner per layer instance, as DL4J keeps one layer per network.
 */
public final class SequenceRunner {

  private static final Logger log = LoggerFactory.getLogger(SequenceRunner.class);

  private final LiquidGraphSource layer;
  private final DataType dataType;
  private final boolean hasDropout;
  private final Map<GraphKey, ChunkGraph> graphs = new HashMap<>();
  private Map<String, INDArray> paramViews;

  /**
   * @param hasDropout whether the layer's cell asks for dropout masks while training
   */
  public SequenceRunner(LiquidGraphSource layer, DataType dataType, boolean hasDropout) {
    this.layer = layer;
    this.dataType = dataType;
    this.hasDropout = hasDropout;
  }

  /** Binds the runner to the network's parameter views; graphs built before are dropped. */
  public void bind(Map<String, INDArray> paramViews) {
    this.paramViews = paramViews;
    graphs.clear();
  }

  /** Number of unrolled graphs built so far (bounded by the chunk plan's lengths). */
  public int graphCount() {
    return graphs.size();
  }

  /**
   * Forward pass over the whole sequence.
   *
   * @param initialState one {@code [B, S]} array per state key
   * @param boundary a step at which a chunk must start (for truncated BPTT), or 0
   * @param dropoutMasks masks of an earlier pass over the same sequence to reuse, or null
   */
  public Pass forward(SequenceInput seq, List<INDArray> initialState, boolean training,
      int boundary, Map<String, INDArray> dropoutMasks) {
    int batch = seq.batchSize();
    int length = seq.length();
    ChunkPlan plan = ChunkPlan.of(length, layer.maxChunkLength(), boundary);
    boolean dropout = training && hasDropout;
    Map<String, INDArray> masksOfPass =
        dropoutMasks == null ? new HashMap<>() : new HashMap<>(dropoutMasks);
    INDArray output = layer.returnSequences()
        ? Nd4j.create(dataType, batch, layer.outputSize(), length) : null;
    List<ChunkInputs> chunks = new ArrayList<>(plan.size());
    List<INDArray> state = initialState;
    for (int i = 0; i < plan.size(); i++) {
      int start = plan.start(i);
      int len = plan.length(i);
      ChunkGraph graph = graph(new GraphKey(len, seq.mask() != null, seq.elapsed() != null,
          dropout));
      List<INDArray> masks = new ArrayList<>();
      for (DropoutInput d : graph.dropoutInputs()) {
        INDArray full = masksOfPass.computeIfAbsent(d.placeholder(),
            k -> dropoutMask(batch, d.size(), length, d.rate()));
        masks.add(SequenceInput.steps(full, start, len));
      }
      ChunkInputs in = new ChunkInputs(SequenceInput.steps(seq.features(), start, len),
          SequenceInput.steps(seq.elapsed(), start, len),
          SequenceInput.steps(seq.mask(), start, len), state, masks);
      ChunkResult r = graph.forward(in);
      if (output != null) {
        output.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(start, start + len))
            .assign(r.output());
      } else if (i == plan.size() - 1) {
        output = r.output();
      }
      chunks.add(in);
      state = r.finalStates();
    }
    return new Pass(seq, plan, chunks, output, state, masksOfPass);
  }

  /**
   * Backward pass through {@code pass}.
   *
   * @param epsilon gradient of the loss with respect to the output ({@code [B, O, T]} NCW or
   *     {@code [B, O]})
   * @param firstStep gradients flow only through steps {@code >= firstStep} (a chunk boundary);
   *     earlier steps get zero gradient, as in truncated BPTT
   * @param paramGradients where parameter gradients are written (overwritten, not accumulated)
   */
  public Backward backward(Pass pass, INDArray epsilon, int firstStep,
      Map<String, INDArray> paramGradients) {
    SequenceInput seq = pass.input();
    int batch = seq.batchSize();
    int nIn = layer.nIn();
    int features = nIn + (seq.elapsed() != null ? 1 : 0);
    INDArray inputGradient = Nd4j.zeros(dataType, batch, features, seq.length());
    List<INDArray> stateGradient = new ArrayList<>();
    for (int k = 0; k < layer.stateKeys().size(); k++) {
      stateGradient.add(Nd4j.zeros(dataType, batch, layer.stateSize()));
    }
    for (INDArray g : paramGradients.values()) {
      g.assign(0);
    }
    ChunkPlan plan = pass.plan();
    for (int i = plan.size() - 1; i >= 0 && plan.start(i) >= firstStep; i--) {
      int start = plan.start(i);
      int len = plan.length(i);
      ChunkInputs in = pass.chunks().get(i);
      ChunkGraph graph = graph(new GraphKey(len, in.mask() != null, in.elapsed() != null,
          !in.dropoutMasks().isEmpty()));
      INDArray epsChunk;
      if (layer.returnSequences()) {
        epsChunk = SequenceInput.steps(epsilon, start, len);
      } else {
        epsChunk = i == plan.size() - 1 ? epsilon
            : Nd4j.zeros(dataType, batch, layer.outputSize());
      }
      ChunkGradients g = graph.backward(in, epsChunk, stateGradient);
      for (Map.Entry<String, INDArray> e : paramGradients.entrySet()) {
        e.getValue().addi(g.all().get(e.getKey()));
      }
      inputGradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, nIn),
          NDArrayIndex.interval(start, start + len)).assign(g.input());
      if (g.elapsed() != null) {
        inputGradient.get(NDArrayIndex.all(), NDArrayIndex.interval(nIn, nIn + 1),
            NDArrayIndex.interval(start, start + len)).assign(g.elapsed());
      }
      stateGradient = new ArrayList<>(g.initialState());
    }
    return new Backward(inputGradient, stateGradient);
  }

  private ChunkGraph graph(GraphKey key) {
    ChunkGraph g = graphs.get(key);
    if (g == null) {
      if (paramViews == null) {
        throw new IllegalStateException(layer.describe() + ": parameters are not bound");
      }
      long t0 = System.nanoTime();
      g = ChunkGraph.build(layer, paramViews, dataType, key);
      graphs.put(key, g);
      log.debug("{}: built {} ({} ops) in {} ms", layer.describe(), key, g.opCount(),
          (System.nanoTime() - t0) / 1_000_000);
    }
    return g;
  }

  private INDArray dropoutMask(int batch, int size, int length, double rate) {
    INDArray keep = Nd4j.rand(dataType, batch, size, length).gt(rate).castTo(dataType);
    return keep.divi(1.0 - rate);
  }

  /** Everything a forward pass leaves for its backward pass. */
  public record Pass(SequenceInput input, ChunkPlan plan, List<ChunkInputs> chunks,
      INDArray output, List<INDArray> finalState, Map<String, INDArray> dropoutMasks) {}

  /** Gradients with respect to the layer input ({@code [B, F, T]} NCW) and the initial state. */
  public record Backward(INDArray input, List<INDArray> initialState) {}

  /** Names state parts, for maps keyed by state key. */
  public Map<String, INDArray> byKey(List<INDArray> parts) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      out.put(layer.stateKeys().get(i), parts.get(i));
    }
    return out;
  }
}
