package io.liquid4j.cells;

import io.liquid4j.layers.CfcMode;
import io.liquid4j.wiring.Wiring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The wired closed-form continuous-time cell: one sparse CfC per layer of a {@link Wiring}, run in
 * layer order within each step, as ncps's {@code WiredCfCCell} (torch). CfC: Hasani et al.,
 * "Closed-form continuous-time neural networks", Nature Machine Intelligence 4, 2022; wirings
 * (neural circuit policies): Lechner et al., "Neural circuit policies enabling auditable autonomy",
 * Nature Machine Intelligence 2, 2020.
 *
 * <p>Per step, with input {@code x}, elapsed time {@code Δt}, layers {@code l = 0 .. L-1} of sizes
 * {@code n_l} and state slices {@code h_l} (the state is {@code [h_0, .., h_(L-1)]}, layer order):
 *
 * <pre>
 *   u_0 = x,  u_l = h'_(l-1)                                   (the NEW state of layer l-1)
 *   z   = [u_l, h_l]                                           (input first; no backbone)
 *   ff1 = z (W1 ⊙ M_l) + b1,  ff2 = z (W2 ⊙ M_l) + b2        (sparse heads)
 *   tA  = z Wa + ba,          tB  = z Wb + bb                  (time heads are dense, as in ncps)
 *   DEFAULT:  s = σ(Δt·tA + tB),  h'_l = tanh(ff1)·(1 − s) + s·tanh(ff2)
 *   NO_GATE:  s = σ(Δt·tA + tB),  h'_l = tanh(ff1) + s·tanh(ff2)
 *   PURE:     h'_l = A − A·ff1·exp(−Δt·(|wTau| + |ff1|))       (ff1 only; A, wTau: [1, n_l])
 *   h' = [h'_0, .., h'_(L-1)],   output = h'_(L-1)              (then the readout)
 * </pre>
 *
 * <p>The mask {@code M_l} ({@code [in_l + n_l, n_l]}, see {@link #sparsityMask}) keeps only the
 * wiring's synapses from the previous layer (or the sensory synapses for {@code l = 0}) and is dense
 * on the layer's own state; other synapses of the wiring (NCP's recurrent command synapses, skips)
 * are not used. Per graph, the masked {@code ff1}/{@code ff2} and the dense time weights of each
 * layer are fused into one {@code [in_l + n_l, 4 n_l]} matrix, so a step costs one matrix product
 * per layer; the input part of layer 0 is hoisted out of the time loop (one product per chunk).
 */
public final class WiredCfcCell implements CellGraph {

  /** The shape of a wired CfC cell: everything but the parameters. */
  public record Spec(int nIn, Wiring wiring, CfcMode mode) {}

  private final SameDiff sd;
  private final Spec spec;
  private final Map<String, SDVariable> p;
  private final CellContext context;
  private final CfcCell.Readout readout;
  private final int[] sizes;
  private List<SDVariable> inputTerms;
  private final List<SDVariable> weights = new ArrayList<>();
  private final List<SDVariable> biases = new ArrayList<>();
  private final List<SDVariable> absTaus = new ArrayList<>();
  private SDVariable firstStateWeight;

  /**
   * @param params the layer's parameter variables ({@code layer<l>ff1W}, {@code layer<l>ff1b} ...)
   * @param readout applied to the output (the last layer's new state), or null for the identity
   */
  public WiredCfcCell(SameDiff sd, Spec spec, Map<String, SDVariable> params, CellContext context,
      CfcCell.Readout readout) {
    this.sd = sd;
    this.spec = spec;
    this.p = params;
    this.context = context;
    this.readout = readout;
    this.sizes = layerSizes(spec.wiring());
  }

  /** Number of neurons of every layer of {@code wiring}, in layer order. */
  public static int[] layerSizes(Wiring wiring) {
    int[] sizes = new int[wiring.numLayers()];
    for (int l = 0; l < sizes.length; l++) {
      sizes[l] = wiring.neuronsOfLayer(l).length;
    }
    return sizes;
  }

  /**
   * The 0/1 mask of layer {@code l}'s {@code ff1}/{@code ff2} weights in our {@code [in, out]}
   * orientation (the transpose of ncps's {@code sparsity_mask}), {@code [in_l + n_l, n_l]}: rows
   * {@code k < in_l} are {@code |sensoryAdjacency[k][N_0[j]]|} for {@code l = 0} and {@code
   * |adjacency[N_(l-1)[k]][N_l[j]]|} for {@code l > 0}; the last {@code n_l} rows (the layer's own
   * state) are all ones.
   */
  public static double[][] sparsityMask(Wiring wiring, int l) {
    int[] targets = wiring.neuronsOfLayer(l);
    int[] sources = l == 0 ? null : wiring.neuronsOfLayer(l - 1);
    int[][] adjacency = l == 0 ? wiring.sensoryAdjacency() : wiring.adjacency();
    int in = l == 0 ? wiring.inputDim() : sources.length;
    double[][] m = new double[in + targets.length][targets.length];
    for (int k = 0; k < in; k++) {
      int[] row = adjacency[l == 0 ? k : sources[k]];
      for (int j = 0; j < targets.length; j++) {
        m[k][j] = Math.abs(row[targets[j]]);
      }
    }
    for (int k = in; k < m.length; k++) {
      Arrays.fill(m[k], 1.0);
    }
    return m;
  }

  @Override
  public void prepare(SDVariable inputs, int chunkLength) {
    boolean pure = spec.mode() == CfcMode.PURE;
    for (int l = 0; l < sizes.length; l++) {
      String k = "layer" + l;
      SDVariable mask = sd.constant(k + "Mask",
          Nd4j.createFromArray(sparsityMask(spec.wiring(), l)).castTo(context.dataType()));
      SDVariable ff1 = p.get(k + "ff1W").mul(mask);
      if (pure) {
        weights.add(ff1);
        biases.add(p.get(k + "ff1b"));
        absTaus.add(sd.math.abs(p.get(k + "wTau")));
      } else {
        weights.add(sd.concat(1, ff1, p.get(k + "ff2W").mul(mask), p.get(k + "timeAW"),
            p.get(k + "timeBW")));
        biases.add(sd.concat(0, p.get(k + "ff1b"), p.get(k + "ff2b"), p.get(k + "timeAb"),
            p.get(k + "timeBb")));
      }
    }
    // Hoisted: x_t W_in + b of layer 0 for every step of the chunk in one product.
    int f = spec.nIn();
    SDVariable w0 = weights.get(0);
    SDVariable inputWeight = w0.get(SDIndex.interval(0, f), SDIndex.all());
    firstStateWeight = w0.get(SDIndex.interval(f, f + sizes[0]), SDIndex.all());
    int width = (pure ? 1 : 4) * sizes[0];
    inputTerms = CellInputs.project(sd, inputs, f, chunkLength, inputWeight, biases.get(0), width);
  }

  @Override
  public List<SDVariable> step(int t, List<SDVariable> state, SDVariable elapsed) {
    SDVariable h = state.get(0);
    List<SDVariable> next = new ArrayList<>(sizes.length);
    int offset = 0;
    SDVariable previous = null;
    for (int l = 0; l < sizes.length; l++) {
      SDVariable hl = sizes.length == 1 ? h
          : h.get(SDIndex.all(), SDIndex.interval(offset, offset + sizes[l]));
      SDVariable heads = l == 0
          ? inputTerms.get(t).add(hl.mmul(firstStateWeight))
          : sd.concat(1, previous, hl).mmul(weights.get(l)).add(biases.get(l));
      previous = update(l, heads, elapsed);
      next.add(previous);
      offset += sizes[l];
    }
    SDVariable hNext = next.size() == 1 ? next.get(0) : sd.concat(1, next.toArray(new SDVariable[0]));
    return Collections.singletonList(hNext);
  }

  private SDVariable update(int l, SDVariable heads, SDVariable elapsed) {
    boolean pure = spec.mode() == CfcMode.PURE;
    return CfcCell.update(sd, spec.mode(), heads, pure ? 1 : 4, elapsed,
        pure ? absTaus.get(l) : null,
        pure ? p.get("layer" + l + "A") : null);
  }

  @Override
  public boolean readoutIsIdentity() {
    return readout == null && sizes.length == 1;
  }

  @Override
  public SDVariable readout(SDVariable state) {
    int total = spec.wiring().units();
    int last = sizes[sizes.length - 1];
    SDVariable out = sizes.length == 1 ? state
        : state.get(SDIndex.all(), SDIndex.interval(total - last, total));
    return readout == null ? out : readout.apply(out);
  }
}
