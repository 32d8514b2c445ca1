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
 * <p>Per graph, not per step (the per-op cost of SameDiff dominates at these sizes): the heads are
 * one fused product; without elapsed times {@code tA + tB} is one head with weights {@code Wa +
 * Wb}; the input part of the first product (backbone layer 0, or the heads when {@code L = 0}) is
 * one product for all steps of a chunk; and the scales of {@code lecun_tanh = 1.7159·tanh(0.666·u)}
 * are folded into the weights around it, so each backbone layer costs one {@code tanh} per step.
 */
public final class CfcCell implements CellGraph {

  /** The shape of a CfC cell: everything but the parameters. */
  public record Spec(int nIn, int units, CfcMode mode, int backboneUnits, int backboneLayers,
      BackboneActivation activation, double backboneDropout) {}

  /** A map from states to outputs, such as a projection; {@code null} for the identity. */
  public interface Readout {
    /** Maps {@code [N, S]} to {@code [N, O]}. */
    SDVariable apply(SDVariable state);
  }

  private final SameDiff sd;
  private final Spec spec;
  private final Map<String, SDVariable> p;
  private final CellContext context;
  private final Readout readout;
  private List<SDVariable> inputTerms;
  private SDVariable stateWeight;
  private final List<SDVariable> backboneW = new ArrayList<>();
  private final List<SDVariable> backboneB = new ArrayList<>();
  private final List<List<SDVariable>> dropout = new ArrayList<>();
  private SDVariable headsW;
  private SDVariable headsB;
  private int headCount;
  private SDVariable absTau;

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
    int layers = spec.backboneLayers();
    double inner = spec.activation().innerScale();
    double outer = spec.activation().outerScale();
    defineHeads(layers > 0 ? outer : 1.0);
    // Backbone layer l computes core(inner * (z W_l + b_l)), with z = outer * core(previous):
    // fold outer (from layer l-1) and inner into W_l, inner into b_l.
    for (int l = 0; l < layers; l++) {
      double weightScale = inner * (l > 0 ? outer : 1.0);
      backboneW.add(scaled(p.get("backbone" + l + "W"), weightScale));
      backboneB.add(scaled(p.get("backbone" + l + "b"), inner));
      if (l > 0) {
        dropout.add(context.dropoutMasks("backbone" + l, spec.backboneUnits(),
            spec.backboneDropout()));
      }
    }
    SDVariable firstW = layers > 0 ? backboneW.get(0) : headsW;
    SDVariable firstB = layers > 0 ? backboneB.get(0) : headsB;
    int width = layers > 0 ? spec.backboneUnits() : headCount * s;
    stateWeight = firstW.get(SDIndex.interval(f, f + s), SDIndex.all());
    inputTerms = CellInputs.project(sd, inputs, f, chunkLength,
        firstW.get(SDIndex.interval(0, f), SDIndex.all()), firstB, width);
  }

  /** The fused heads, their weights scaled by {@code inputScale} (the backbone's outer scale). */
  private void defineHeads(double inputScale) {
    if (spec.mode() == CfcMode.PURE) {
      headsW = p.get("ff1W");
      headsB = p.get("ff1b");
      headCount = 1;
      absTau = sd.math.abs(p.get("wTau"));
    } else if (context.timed()) {
      headsW = sd.concat(1, p.get("ff1W"), p.get("ff2W"), p.get("timeAW"), p.get("timeBW"));
      headsB = sd.concat(0, p.get("ff1b"), p.get("ff2b"), p.get("timeAb"), p.get("timeBb"));
      headCount = 4;
    } else { // Δt = 1: tA + tB is a single head
      headsW = sd.concat(1, p.get("ff1W"), p.get("ff2W"), p.get("timeAW").add(p.get("timeBW")));
      headsB = sd.concat(0, p.get("ff1b"), p.get("ff2b"), p.get("timeAb").add(p.get("timeBb")));
      headCount = 3;
    }
    headsW = scaled(headsW, inputScale);
  }

  private static SDVariable scaled(SDVariable v, double scale) {
    return scale == 1.0 ? v : v.mul(scale);
  }

  @Override
  public List<SDVariable> step(int t, List<SDVariable> state, SDVariable elapsed) {
    SDVariable first = inputTerms.get(t).add(state.get(0).mmul(stateWeight));
    SDVariable heads = first;
    if (spec.backboneLayers() > 0) {
      SDVariable z = spec.activation().core(sd, first);
      for (int l = 1; l < spec.backboneLayers(); l++) {
        z = spec.activation().core(sd, z.mmul(backboneW.get(l)).add(backboneB.get(l)));
        List<SDVariable> masks = dropout.get(l - 1);
        if (masks != null) {
          z = z.mul(masks.get(t));
        }
      }
      // Not sd.nn.linear: with it (xw_plus_b, M2.1) the ncps parity cases fail.
      heads = z.mmul(headsW).add(headsB);
    }
    return Collections.singletonList(update(heads, elapsed));
  }

  private SDVariable update(SDVariable heads, SDVariable elapsed) {
    return update(sd, spec.mode(), heads, headCount, elapsed, absTau, p.get("A"));
  }

  /**
   * The CfC update from the fused heads, shared with {@link WiredCfcCell}.
   *
   * @param heads {@code [B, 4S]} ({@code ff1, ff2, tA, tB}), {@code [B, 3S]} ({@code ff1, ff2, tA +
   *     tB}, for Δt = 1), or {@code [B, S]} ({@code ff1}) in PURE
   * @param headCount 4, 3 or 1, as {@code heads}
   * @param elapsed {@code [B, 1]} or null for 1.0
   * @param absTau {@code |wTau|} (PURE only, else ignored)
   * @param a {@code A} (PURE only, else ignored)
   * @return the new state {@code [B, S]}
   */
  static SDVariable update(SameDiff sd, CfcMode mode, SDVariable heads, int headCount,
      SDVariable elapsed, SDVariable absTau, SDVariable a) {
    if (mode == CfcMode.PURE) {
      SDVariable ff1 = heads;
      SDVariable rate = absTau.add(sd.math.abs(ff1));
      SDVariable decay = sd.math.exp((elapsed == null ? rate : rate.mul(elapsed)).neg());
      return a.sub(a.mul(ff1).mul(decay));
    }
    SDVariable[] parts = sd.split(heads, headCount, 1);
    SDVariable f1 = sd.math.tanh(parts[0]);
    SDVariable f2 = sd.math.tanh(parts[1]);
    SDVariable gate = headCount == 3 ? parts[2]
        : (elapsed == null ? parts[2] : parts[2].mul(elapsed)).add(parts[3]);
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
