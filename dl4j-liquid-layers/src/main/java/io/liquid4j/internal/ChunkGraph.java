package io.liquid4j.internal;

import io.liquid4j.cells.CellContext;
import io.liquid4j.cells.CellGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One unrolled SameDiff graph of a liquid layer for one {@link GraphKey}: {@code C} steps of the
 * cell, with the initial state as an input and the final state as an output, so that a sequence of
 * any length runs as a series of chunks.
 *
 * <p>Gradients come from the scalar {@code loss = sum(y * epsY) + sum_k sum(sFinal_k * epsS_k)}
 * declared as the graph's loss variable: its gradient with respect to every parameter and input is
 * exactly the vector-Jacobian product DL4J asks for. (The stock runtime instead routes epsilon
 * through {@code ExternalErrorsFunction}, which DL4J M2.1 counts twice: gradients come out 2x.)
 * Parameters are bound to the network's parameter views, so every graph of a layer shares them.
 */
final class ChunkGraph {

  static final String INPUT = "x";
  static final String ELAPSED = "dt";
  static final String MASK = "mask";
  static final String OUTPUT_EPSILON = "epsY";
  private static final String STATE_IN = "s0";
  private static final String STATE_EPSILON = "epsS";
  private static final String DROPOUT = "drop";

  /** A dropout mask input: its placeholder name, width and rate. */
  record DropoutInput(String placeholder, int size, double rate) {}

  private final SameDiff sd;
  private final GraphKey key;
  private final List<String> stateKeys;
  private final List<DropoutInput> dropoutInputs;
  private final List<String> gradientTargets;
  private boolean gradientReady;
  private final String outputName;
  private final List<String> stateOutputNames;

  private ChunkGraph(
      SameDiff sd, GraphKey key, List<String> stateKeys, List<DropoutInput> dropouts,
      List<String> gradientTargets, String outputName, List<String> stateOutputNames) {
    this.outputName = outputName;
    this.stateOutputNames = stateOutputNames;
    this.sd = sd;
    this.key = key;
    this.stateKeys = stateKeys;
    this.dropoutInputs = dropouts;
    this.gradientTargets = gradientTargets;
  }

  /** Builds the graph of {@code key} for {@code layer}, bound to {@code paramViews}. */
  static ChunkGraph build(
      LiquidGraphSource layer, Map<String, INDArray> paramViews, DataType dataType, GraphKey key) {
    SameDiff sd = SameDiff.create();
    sd.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);
    int c = key.chunkLength();
    List<String> stateKeys = layer.stateKeys();
    int stateSize = layer.stateSize();
    int outputSize = layer.outputSize();

    SDVariable x = sd.placeHolder(INPUT, dataType, -1, layer.nIn(), c);
    List<SDVariable> elapsed = key.timed()
        ? unstackSteps(sd, sd.placeHolder(ELAPSED, dataType, -1, 1, c), c) : null;
    SDVariable mask = key.masked() ? sd.placeHolder(MASK, dataType, -1, 1, c) : null;
    List<SDVariable> stepMasks = key.masked() ? unstackSteps(sd, mask, c) : null;
    List<SDVariable> state = new ArrayList<>();
    for (String k : stateKeys) {
      state.add(sd.placeHolder(STATE_IN + k, dataType, -1, stateSize));
    }

    Map<String, SDVariable> params = new LinkedHashMap<>();
    for (Map.Entry<String, INDArray> e : paramViews.entrySet()) {
      SDVariable v = sd.var(e.getKey(), dataType, e.getValue().shape());
      sd.associateArrayWithVariable(e.getValue(), v);
      params.put(e.getKey(), v);
    }

    List<DropoutInput> dropouts = new ArrayList<>();
    CellContext context = new Context(sd, dataType, key, dropouts);
    CellGraph cell = layer.defineCell(sd, params, context);

    cell.prepare(x, c);
    List<SDVariable> firstStates = new ArrayList<>(c);
    for (int t = 0; t < c; t++) {
      List<SDVariable> next = cell.step(t, state, elapsed == null ? null : elapsed.get(t));
      if (stepMasks != null) {
        SDVariable m = stepMasks.get(t);
        List<SDVariable> held = new ArrayList<>(next.size());
        for (int i = 0; i < next.size(); i++) {
          held.add(state.get(i).add(m.mul(next.get(i).sub(state.get(i)))));
        }
        next = held;
      }
      state = next;
      firstStates.add(state.get(0));
    }

    SDVariable y;
    if (layer.returnSequences()) {
      y = sequenceOutput(sd, cell, firstStates, c, stateSize, outputSize);
      if (mask != null) {
        y = y.mul(mask);
      }
    } else {
      y = cell.readout(state.get(0));
    }
    // Outputs are read by their own names: an identity op per output would cost a call each time.
    SDVariable loss = y.mul(sd.placeHolder(OUTPUT_EPSILON, dataType, epsilonShape(layer, c))).sum();
    List<String> stateOutputs = new ArrayList<>();
    for (int i = 0; i < stateKeys.size(); i++) {
      String k = stateKeys.get(i);
      SDVariable out = state.get(i);
      stateOutputs.add(out.name());
      loss = loss.add(out.mul(sd.placeHolder(STATE_EPSILON + k, dataType, -1, stateSize)).sum());
    }
    loss = sd.identity("loss", loss);
    sd.setLossVariables(loss);

    List<String> targets = new ArrayList<>(paramViews.keySet());
    targets.add(INPUT);
    if (key.timed()) {
      targets.add(ELAPSED);
    }
    for (String k : stateKeys) {
      targets.add(STATE_IN + k);
    }
    return new ChunkGraph(sd, key, stateKeys, dropouts, targets, y.name(), stateOutputs);
  }

  private static long[] epsilonShape(LiquidGraphSource layer, int c) {
    return layer.returnSequences()
        ? new long[] {-1, layer.outputSize(), c}
        : new long[] {-1, layer.outputSize()};
  }

  private static SDVariable sequenceOutput(
      SameDiff sd, CellGraph cell, List<SDVariable> states, int c, int stateSize, int outputSize) {
    SDVariable[] steps = states.toArray(new SDVariable[0]);
    if (cell.readoutIsIdentity()) {
      return sd.stack(2, steps);
    }
    // One readout for all steps: [C, B, S] -> [C*B, S] -> [C*B, O] -> [C, B, O] -> [B, O, C].
    SDVariable rows = sd.reshape(sd.stack(0, steps), -1, stateSize);
    SDVariable out = sd.reshape(cell.readout(rows), c, -1, outputSize);
    return sd.permute(out, 1, 2, 0);
  }

  private static List<SDVariable> unstackSteps(SameDiff sd, SDVariable perStep, int c) {
    if (c == 1) { // [B, n, 1] -> [B, n]: one op instead of unstack
      return List.of(sd.squeeze(perStep, 2));
    }
    List<SDVariable> out = new ArrayList<>(c);
    for (SDVariable v : sd.unstack(perStep, 2, c)) {
      out.add(v);
    }
    return out;
  }

  /** Gives the calling thread a session whose arrays are freed on release ({@link ClosingMemoryMgr}). */
  private static void ensureSession(SameDiff graph) {
    long thread = Thread.currentThread().getId();
    if (!graph.getSessions().containsKey(thread)) {
      InferenceSession session = SameDiff.getInferenceFactory().create(graph);
      session.setMmgr(new ClosingMemoryMgr());
      graph.getSessions().put(thread, session);
    }
  }

  GraphKey key() {
    return key;
  }

  List<DropoutInput> dropoutInputs() {
    return dropoutInputs;
  }

  /** Number of operations in the forward graph (for diagnostics). */
  int opCount() {
    return sd.getOps().size();
  }

  /** Forward pass of one chunk: output and final states. */
  ChunkResult forward(ChunkInputs in) {
    Set<String> outputs = new LinkedHashSet<>();
    outputs.add(outputName);
    outputs.addAll(stateOutputNames);
    ensureSession(sd);
    Map<String, INDArray> out = sd.output(placeholders(in), new ArrayList<>(outputs));
    List<INDArray> finalStates = new ArrayList<>();
    for (String name : stateOutputNames) {
      finalStates.add(out.get(name).dup());
    }
    INDArray y = out.get(outputName).dup();
    sd.clearPlaceholders(true);
    sd.clearOpInputs();
    return new ChunkResult(y, finalStates);
  }

  /**
   * Gradient pass of one chunk, given the gradient of the loss with respect to its output and to its
   * final states. Returns gradients with respect to the parameters, inputs and initial states.
   */
  ChunkGradients backward(ChunkInputs in, INDArray epsOutput, List<INDArray> epsFinalStates) {
    if (!gradientReady) {
      StdoutGuard.quietly(() -> sd.createGradFunction(gradientTargets.toArray(new String[0])));
      gradientReady = true;
    }
    Map<String, INDArray> ph = placeholders(in);
    ph.put(OUTPUT_EPSILON, epsOutput);
    for (int i = 0; i < stateKeys.size(); i++) {
      ph.put(STATE_EPSILON + stateKeys.get(i), epsFinalStates.get(i));
    }
    ensureSession(sd.getFunction("grad"));
    Map<String, INDArray> grads = sd.calculateGradients(ph, gradientTargets);
    List<INDArray> stateGrads = new ArrayList<>();
    for (String k : stateKeys) {
      stateGrads.add(grads.get(STATE_IN + k));
    }
    ChunkGradients result = new ChunkGradients(
        grads, grads.get(INPUT), key.timed() ? grads.get(ELAPSED) : null, stateGrads);
    sd.clearPlaceholders(true);
    sd.clearOpInputs();
    return result;
  }

  private Map<String, INDArray> placeholders(ChunkInputs in) {
    Map<String, INDArray> ph = new LinkedHashMap<>();
    ph.put(INPUT, in.input());
    if (key.timed()) {
      ph.put(ELAPSED, in.elapsed());
    }
    if (key.masked()) {
      ph.put(MASK, in.mask());
    }
    for (int i = 0; i < stateKeys.size(); i++) {
      ph.put(STATE_IN + stateKeys.get(i), in.initialState().get(i));
    }
    for (int i = 0; i < dropoutInputs.size(); i++) {
      ph.put(dropoutInputs.get(i).placeholder(), in.dropoutMasks().get(i));
    }
    return ph;
  }

  /** The inputs of one chunk; elapsed and mask are {@code [B, 1, C]} or null. */
  record ChunkInputs(
      INDArray input, INDArray elapsed, INDArray mask, List<INDArray> initialState,
      List<INDArray> dropoutMasks) {}

  /** Output and final states of one chunk. */
  record ChunkResult(INDArray output, List<INDArray> finalStates) {}

  /** Gradients of one chunk; {@code all} is keyed by parameter name. */
  record ChunkGradients(
      Map<String, INDArray> all, INDArray input, INDArray elapsed, List<INDArray> initialState) {}

  private static final class Context implements CellContext {
    private final SameDiff sd;
    private final DataType dataType;
    private final GraphKey key;
    private final List<DropoutInput> dropouts;

    Context(SameDiff sd, DataType dataType, GraphKey key, List<DropoutInput> dropouts) {
      this.sd = sd;
      this.dataType = dataType;
      this.key = key;
      this.dropouts = dropouts;
    }

    @Override
    public SameDiff sameDiff() {
      return sd;
    }

    @Override
    public DataType dataType() {
      return dataType;
    }

    @Override
    public boolean timed() {
      return key.timed();
    }

    @Override
    public boolean training() {
      return key.training();
    }

    @Override
    public List<SDVariable> dropoutMasks(String name, int size, double rate) {
      if (!key.training() || rate <= 0) {
        return null;
      }
      String placeholder = DROPOUT + name;
      dropouts.add(new DropoutInput(placeholder, size, rate));
      int c = key.chunkLength();
      return unstackSteps(sd, sd.placeHolder(placeholder, dataType, -1, size, c), c);
    }
  }
}
