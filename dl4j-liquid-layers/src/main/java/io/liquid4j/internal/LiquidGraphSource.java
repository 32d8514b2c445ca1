package io.liquid4j.internal;

import io.liquid4j.cells.CellContext;
import io.liquid4j.cells.CellGraph;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** What the liquid runtime needs to know of a layer configuration to unroll it. */
public interface LiquidGraphSource {

  /** A name for messages, such as {@code CfcLayer(name="cfc1")}. */
  String describe();

  /** Number of input features the cell reads (excluding an elapsed-time feature). */
  int nIn();

  /** Whether the last input feature of every step is that step's elapsed time. */
  boolean timespansInput();

  /** Names of the state parts, such as {@code [h]} or {@code [h, c]} with mixed memory. */
  List<String> stateKeys();

  /** Width of every state part. */
  int stateSize();

  /** Width of the output. */
  int outputSize();

  /** All steps ({@code [B, O, T]}) or the last step only ({@code [B, O]}). */
  boolean returnSequences();

  /** Layout of the layer's input and output. */
  RNNFormat dataFormat();

  /** Longest unrolled chunk, a power of two. */
  int maxChunkLength();

  /** Builds the cell of one graph over the given parameter variables. */
  CellGraph defineCell(SameDiff sd, Map<String, SDVariable> params, CellContext context);
}
