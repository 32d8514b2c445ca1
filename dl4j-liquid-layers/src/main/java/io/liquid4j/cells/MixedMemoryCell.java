package io.liquid4j.cells;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Mixed memory (ncps {@code mixed_memory=True}, torch flavour): an LSTM memory cell runs before the
 * continuous-time cell at every step, so that the state is the pair {@code (h, c)}.
 *
 * <pre>
 *   g = x Win + bin + h Wrec,   split into (a, i, f, o) blocks of S   (candidate, input, forget, output)
 *   c' = c·σ(f + 1) + tanh(a)·σ(i)          (the +1 is a fixed forget bias, not a parameter)
 *   h̃ = tanh(c')·σ(o)
 *   h' = inner(x, h̃, Δt)                   (the inner cell reads the original x)
 * </pre>
 *
 * <p>Parameters: {@code lstmInputW [F, 4S]}, {@code lstmInputb [4S]}, {@code lstmRecurrentW [S,
 * 4S]}. The input product is hoisted out of the time loop.
 */
public final class MixedMemoryCell implements CellGraph {

  private final SameDiff sd;
  private final CellGraph inner;
  private final Map<String, SDVariable> p;
  private final int nIn;
  private final int units;
  private List<SDVariable> inputTerms;

  /** Wraps {@code inner}, whose state has {@code units} entries. */
  public MixedMemoryCell(SameDiff sd, CellGraph inner, Map<String, SDVariable> params, int nIn,
      int units) {
    this.sd = sd;
    this.inner = inner;
    this.p = params;
    this.nIn = nIn;
    this.units = units;
  }

  @Override
  public void prepare(SDVariable inputs, int chunkLength) {
    inputTerms = CellInputs.project(sd, inputs, nIn, chunkLength, p.get("lstmInputW"),
        p.get("lstmInputb"), 4 * units);
    inner.prepare(inputs, chunkLength);
  }

  @Override
  public List<SDVariable> step(int t, List<SDVariable> state, SDVariable elapsed) {
    SDVariable h = state.get(0);
    SDVariable c = state.get(1);
    SDVariable[] g = sd.split(inputTerms.get(t).add(h.mmul(p.get("lstmRecurrentW"))), 4, 1);
    SDVariable cNext = c.mul(sd.nn.sigmoid(g[2].add(1.0)))
        .add(sd.math.tanh(g[0]).mul(sd.nn.sigmoid(g[1])));
    SDVariable hMemory = sd.math.tanh(cNext).mul(sd.nn.sigmoid(g[3]));
    SDVariable hNext = inner.step(t, List.of(hMemory), elapsed).get(0);
    return List.of(hNext, cNext);
  }

  @Override
  public boolean readoutIsIdentity() {
    return inner.readoutIsIdentity();
  }

  @Override
  public SDVariable readout(SDVariable state) {
    return inner.readout(state);
  }
}
