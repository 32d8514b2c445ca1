package io.liquid4j.cells;

import io.liquid4j.layers.BackboneActivation;
import io.liquid4j.layers.CfcMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The closed-form continuous-time (CfC) cell of Hasani et al., "Closed-form continuous-time neural
 * networks", Nature Machine Intelligence 4, 2022, as ncps (torch) computes it.
 *
 * <p>Per step, with input {@code x}, state {@code h} and elapsed time {@code Δt}:
 *
 * <pre>
 *   z   = [x, h]                                  (input first)
 *   z   = act(z W_l + b_l)     for l = 0 .. L-1   (backbone; dropout after layers 1 .. L-1)
 *   ff1 = z W1 + b1,  ff2 = z W2 + b2,  tA = z Wa + ba,  tB = z Wb + bb
 *   DEFAULT:  s = σ(Δt·tA + tB),  h' = tanh(ff1)·(1 − s) + s·tanh(ff2)
 *   NO_GATE:  s = σ(Δt·tA + tB),  h' = tanh(ff1) + s·tanh(ff2)
 *   PURE:     h' = A − A·ff1·exp(−Δt·(|wTau| + |ff1|))   (ff1 only; A, wTau: [1, S])
 * </pre>
 *
 * <p>The four heads are one fused matrix product. The input part of the first matrix product
 * (backbone layer 0, or the heads when {@code L = 0}) is hoisted out of the time loop: one product
 * for all steps of a chunk.
 */
public final class CfcCell implements CellGraph {

  /** The shape of a CfC cell: everything but the parameters. */
  public record Spec(int nIn, int units, CfcMode mode, int backboneUnits, int backboneLayers,
      BackboneActivation activation, double backboneDropout) {}

  private final SameDiff sd;
  private final Spec spec;
  private final Map<String, SDVariable> p;
  private final CellContext context;
  private final Readout readout;
  private List<SDVariable> inputTerms;
  private SDVariable stateWeight;
  private SDVariable headsW;
  private SDVariable headsB;
  private SDVariable absTau;
  private final List<List<SDVariable>> dropout = new ArrayList<>();

  /** A map from states to outputs, such as a projection; {@code null} for the identity. */
  public interface Readout {
    /** Maps {@code [N, S]} to {@code [N, O]}. */
    SDVariable apply(SDVariable state);
  }

  /**
   * @param params the layer's parameter variables ({@code backbone<l>W/b}, {@code ff1W/b} ...)
   * @param readout applied to the state to give the output, or null for the state itself
   */
  public CfcCell(SameDiff sd, Spec spec, Map<String, SDVariable> params, CellContext context,
      Readout readout) {
    this.sd = sd;
    this.spec = spec;
    this.p = params;
    this.context = context;
    this.readout = readout;
  }

  @Override
  public void prepare(SDVariable inputs, int chunkLength) {
    int f = spec.nIn();
    int s = spec.units();
    if (spec.mode() == CfcMode.PURE) {
      headsW = p.get("ff1W");
      headsB = p.get("ff1b");
      absTau = sd.math.abs(p.get("wTau"));
    } else {
      headsW = sd.concat(1, p.get("ff1W"), p.get("ff2W"), p.get("timeAW"), p.get("timeBW"));
      headsB = sd.concat(0, p.get("ff1b"), p.get("ff2b"), p.get("timeAb"), p.get("timeBb"));
    }
    SDVariable firstW = spec.backboneLayers() > 0 ? p.get("backbone0W") : headsW;
    SDVariable firstB = spec.backboneLayers() > 0 ? p.get("backbone0b") : headsB;
    SDVariable inputWeight = firstW.get(SDIndex.interval(0, f), SDIndex.all());
    stateWeight = firstW.get(SDIndex.interval(f, f + s), SDIndex.all());
    int heads = spec.mode() == CfcMode.PURE ? s : 4 * s;
    int width = spec.backboneLayers() > 0 ? spec.backboneUnits() : heads;
    inputTerms = CellInputs.project(sd, inputs, f, chunkLength, inputWeight, firstB, width);
    for (int l = 1; l < spec.backboneLayers(); l++) {
      dropout.add(context.dropoutMasks("backbone" + l, spec.backboneUnits(),
          spec.backboneDropout()));
    }
  }

  @Override
  public List<SDVariable> step(int t, List<SDVariable> state, SDVariable elapsed) {
    SDVariable h = state.get(0);
    SDVariable first = inputTerms.get(t).add(h.mmul(stateWeight));
    SDVariable heads;
    if (spec.backboneLayers() > 0) {
      SDVariable z = spec.activation().apply(sd, first);
      for (int l = 1; l < spec.backboneLayers(); l++) {
        z = spec.activation().apply(sd,
            z.mmul(p.get("backbone" + l + "W")).add(p.get("backbone" + l + "b")));
        List<SDVariable> masks = dropout.get(l - 1);
        if (masks != null) {
          z = z.mul(masks.get(t));
        }
      }
      heads = z.mmul(headsW).add(headsB);
    } else {
      heads = first;
    }
    return Collections.singletonList(update(heads, elapsed));
  }

  private SDVariable update(SDVariable heads, SDVariable elapsed) {
    return update(sd, spec.mode(), heads, elapsed, absTau, p.get("A"));
  }

  /**
   * The CfC update from the fused heads, shared with {@link WiredCfcCell}.
   *
   * @param heads {@code [B, 4S]} ({@code ff1, ff2, tA, tB}), or {@code [B, S]} ({@code ff1}) in PURE
   * @param elapsed {@code [B, 1]} or null for 1.0
   * @param absTau {@code |wTau|} (PURE only, else ignored)
   * @param a {@code A} (PURE only, else ignored)
   * @return the new state {@code [B, S]}
   */
  static SDVariable update(SameDiff sd, CfcMode mode, SDVariable heads, SDVariable elapsed,
      SDVariable absTau, SDVariable a) {
    if (mode == CfcMode.PURE) {
      SDVariable ff1 = heads;
      SDVariable rate = absTau.add(sd.math.abs(ff1));
      SDVariable decay = sd.math.exp((elapsed == null ? rate : rate.mul(elapsed)).neg());
      return a.sub(a.mul(ff1).mul(decay));
    }
    SDVariable[] parts = sd.split(heads, 4, 1);
    SDVariable f1 = sd.math.tanh(parts[0]);
    SDVariable f2 = sd.math.tanh(parts[1]);
    SDVariable gate = elapsed == null ? parts[2].add(parts[3]) : parts[2].mul(elapsed).add(parts[3]);
    SDVariable sigma = sd.nn.sigmoid(gate);
    if (mode == CfcMode.NO_GATE) {
      return f1.add(sigma.mul(f2));
    }
    return f1.add(sigma.mul(f2.sub(f1)));
  }

  @Override
  public boolean readoutIsIdentity() {
    return readout == null;
  }

  @Override
  public SDVariable readout(SDVariable state) {
    return readout == null ? state : readout.apply(state);
  }
}
