package io.liquid4j.cells;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * One recurrent cell, written into a SameDiff graph that the liquid runtime unrolls over a chunk of
 * {@code C} time steps. An instance is made for one graph and may keep hoisted values in fields.
 *
 * <p>The runtime calls {@link #prepare} once per graph, then {@link #step} for {@code t = 0 .. C-1},
 * and applies masking itself (a masked step keeps the previous state). States are lists of
 * {@code [B, stateSize]} variables in the order of the layer's state keys; the first is the one
 * {@link #readout} maps to outputs.
 */
public interface CellGraph {

  /**
   * Hoists the work that depends on the inputs only (for example input projections of every step in
   * one matrix product).
   *
   * @param inputs the chunk's inputs, {@code [B, nIn, C]}
   * @param chunkLength {@code C}
   */
  void prepare(SDVariable inputs, int chunkLength);

  /**
   * One time step.
   *
   * @param t step index inside the chunk
   * @param state the state before the step
   * @param elapsed the elapsed time of the step per sample, {@code [B, 1]}, or {@code null} for 1.0
   * @return the state after the step
   */
  List<SDVariable> step(int t, List<SDVariable> state, SDVariable elapsed);

  /** Whether {@link #readout} returns its argument unchanged (the output is the first state). */
  boolean readoutIsIdentity();

  /**
   * Maps rows of the first state to outputs.
   *
   * @param state {@code [N, stateSize]}
   * @return {@code [N, outputSize]}
   */
  SDVariable readout(SDVariable state);
}
