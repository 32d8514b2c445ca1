package io.liquid4j.cells;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The gated recurrent unit of Cho et al., "Learning phrase representations using RNN
 * encoder-decoder for statistical machine translation", EMNLP 2014, in the variant and gate order
 * of PyTorch's {@code torch.nn.GRU} ({@code r, z, n}; the reset gate multiplies the recurrent
 * product after its bias, so the recurrent bias of {@code n} cannot be merged with the input one).
 *
 * <p>Per step, with input {@code x [B, F]} and state {@code h [B, S]}:
 *
 * <pre>
 *   [xr | xz | xn] = x inputW + inputb             (hoisted: one product for all steps of a chunk)
 *   [hr | hz | hn] = h recurrentW + recurrentb     (one [S, 3S] product per step)
 *   r  = σ(xr + hr)                                reset gate
 *   z  = σ(xz + hz)                                update gate
 *   n  = tanh(xn + r ⊙ hn)                         candidate
 *   h' = (1 − z) ⊙ n + z ⊙ h  =  n + z ⊙ (h − n)
 * </pre>
 *
 * <p>Parameters: {@code inputW [F, 3S]}, {@code recurrentW [S, 3S]}, {@code inputb [3S]}, {@code
 * recurrentb [3S]}, columns in blocks {@code r | z | n}. The output is the state. A GRU has no
 * notion of elapsed time: {@link #step} ignores {@code elapsed} (the layer rejects {@code
 * timespansInput}, so it is always null).
 */
public final class GruCell implements CellGraph {

  private final SameDiff sd;
  private final SDVariable inputW;
  private final SDVariable inputb;
  private final SDVariable recurrentW;
  private final SDVariable recurrentb;
  private final int nIn;
  private final int units;
  private List<SDVariable[]> inputGates;

  /**
   * @param inputW {@code [F, 3S]}
   * @param inputb {@code [3S]}
   * @param recurrentW {@code [S, 3S]}
   * @param recurrentb {@code [3S]}
   * @param nIn {@code F}
   * @param units {@code S}
   */
  public GruCell(SameDiff sd, SDVariable inputW, SDVariable inputb, SDVariable recurrentW,
      SDVariable recurrentb, int nIn, int units) {
    this.sd = sd;
    this.inputW = inputW;
    this.inputb = inputb;
    this.recurrentW = recurrentW;
    this.recurrentb = recurrentb;
    this.nIn = nIn;
    this.units = units;
  }

  @Override
  public void prepare(SDVariable inputs, int chunkLength) {
    // Hoisted out of the time loop: x inputW + inputb for every step in one product, then each
    // step's [B, 3S] split into its r | z | n blocks.
    List<SDVariable> projected = CellInputs.project(sd, inputs, nIn, chunkLength, inputW, inputb,
        3 * units);
    inputGates = new ArrayList<>(chunkLength);
    for (SDVariable xt : projected) {
      inputGates.add(sd.split(xt, 3, 1));
    }
  }

  @Override
  public List<SDVariable> step(int t, List<SDVariable> state, SDVariable elapsed) {
    SDVariable h = state.get(0);
    SDVariable[] x = inputGates.get(t);
    SDVariable[] hh = sd.split(h.mmul(recurrentW).add(recurrentb), 3, 1);
    SDVariable r = sd.nn.sigmoid(x[0].add(hh[0]));
    SDVariable z = sd.nn.sigmoid(x[1].add(hh[1]));
    SDVariable n = sd.math.tanh(x[2].add(r.mul(hh[2])));
    return List.of(n.add(z.mul(h.sub(n))));
  }

  @Override
  public boolean readoutIsIdentity() {
    return true;
  }

  @Override
  public SDVariable readout(SDVariable state) {
    return state;
  }
}
