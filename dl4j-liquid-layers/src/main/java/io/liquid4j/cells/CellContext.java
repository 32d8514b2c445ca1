package io.liquid4j.cells;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What the runtime offers a cell while its graph is built: the graph, the data type, and dropout
 * masks that stay identical between the forward pass and the gradient pass of one training step.
 */
public interface CellContext {

  /** The graph being built. */
  SameDiff sameDiff();

  /** The network's data type, for constants. */
  DataType dataType();

  /** Whether steps receive elapsed times; without them every step has Δt = 1. */
  boolean timed();

  /** Whether this graph is built for training (dropout active). */
  boolean training();

  /**
   * Inverted-dropout masks for one activation of width {@code size}, one {@code [B, size]} variable
   * per step of the chunk, with entries {@code 0} or {@code 1/(1-rate)}; {@code null} when not
   * training or {@code rate == 0}. Each call registers a new mask.
   *
   * @param name a name unique within the cell
   * @param size the width of the activation
   * @param rate the probability of dropping a unit, in [0, 1)
   */
  List<SDVariable> dropoutMasks(String name, int size, double rate);
}
