package io.liquid4j.benchmarks.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and gradient cost of 6 LTC unfolds ([32, 64, 64]) written in different ways, built as
 * separate graphs in one JVM and timed interleaved (medians). Run with {@code -Dliquid4j.bench=true}.
 */
public final class UnfoldCost {

  private UnfoldCost() {}
  static final int B = 32;
  static final int S = Integer.getInteger("liquid4j.bench.units", 64);
  static final int K = 6;
  static final String[] VARIANTS = System.getProperty("liquid4j.bench.variants",
      "bcast,mmulV,mmulVtanh,mmulVsumMmul,mmulVstack").split(",");

  record G(SameDiff sd, String loss, Map<String, INDArray> ph, String[] wrt) {}

  static void measure() {
    Map<String, G> graphs = new LinkedHashMap<>();
    for (String v : VARIANTS) {
      graphs.put(v, build(v));
    }
    // the same numbers?
    INDArray ref = null;
    for (var e : graphs.entrySet()) {
      G g = e.getValue();
      INDArray out = g.sd.output(g.ph, g.loss).get(g.loss);
      Map<String, INDArray> gr = g.sd.calculateGradients(g.ph, g.wrt);
      System.err.printf("%-14s loss %.6f  dSigma %.6f dW %.6f%n", e.getKey(), out.getDouble(0),
          gr.get("sigma").sumNumber().doubleValue(), gr.get("w").sumNumber().doubleValue());
    }
    String prof = System.getProperty("liquid4j.bench.profile");
    if (prof != null) {
      G g = graphs.get(prof);
      java.io.File f = new java.io.File("target/bench/profile-" + prof + ".json");
      f.getParentFile().mkdirs();
      f.delete();
      g.sd.setListeners(org.nd4j.autodiff.listeners.profiler.ProfilingListener.builder(f)
          .recordAll().warmup(1).build());
      for (int i = 0; i < 4; i++) {
        g.sd.output(g.ph, g.loss);
        g.sd.calculateGradients(g.ph, g.wrt);
      }
      g.sd.setListeners();
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return;
    }
    Map<String, List<Double>> fwd = new LinkedHashMap<>();
    Map<String, List<Double>> grad = new LinkedHashMap<>();
    for (int r = 0; r < Integer.getInteger("liquid4j.bench.rounds", 7); r++) {
      for (var e : graphs.entrySet()) {
        G g = e.getValue();
        long t = System.nanoTime();
        g.sd.output(g.ph, g.loss);
        fwd.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - t) / 1e6);
        t = System.nanoTime();
        g.sd.calculateGradients(g.ph, g.wrt);
        grad.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - t) / 1e6);
      }
    }
    for (String k : graphs.keySet()) {
      System.err.printf("%-14s ops %4d  %d unfolds: forward median %7.2f ms, forward+backward median %7.2f ms%n",
          k, graphs.get(k).sd.getOps().size(), K, median(fwd.get(k)), median(grad.get(k)));
    }
  }

  static double median(List<Double> x) {
    List<Double> s = new ArrayList<>(x);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  static G build(String variant) {
    Nd4j.getRandom().setSeed(3);
    SameDiff sd = SameDiff.create();
    SDVariable v0 = sd.placeHolder("v", DataType.FLOAT, -1, S);
    SDVariable sigma = sd.var("sigma", Nd4j.rand(DataType.FLOAT, S, S).muli(5).addi(3));
    SDVariable mu = sd.var("mu", Nd4j.rand(DataType.FLOAT, S, S).muli(0.5).addi(0.3));
    SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, S, S).muli(0.99).addi(0.01));
    SDVariable erev = sd.var("erev", Nd4j.rand(DataType.FLOAT, S, S).muli(2).subi(1));
    SDVariable cm = sd.var("cm", Nd4j.rand(DataType.FLOAT, 1, S).addi(0.5));
    SDVariable zeros = sd.zerosLike(sd.tile(sd.expandDims(v0, 2), 1, 1, S));
    SDVariable sigmaT = zeros.add(sigma);
    SDVariable sigmaMuT = zeros.add(sigma.mul(mu));
    SDVariable wT = zeros.add(w);
    SDVariable weT = zeros.add(w.mul(erev));
    SDVariable onesRow = sd.constant(Nd4j.ones(DataType.FLOAT, 1, S));
    SDVariable onesRow2 = sd.constant(Nd4j.ones(DataType.FLOAT, 1, 2 * S));
    SDVariable onesCol = sd.constant(Nd4j.ones(DataType.FLOAT, S, 1));
    SDVariable c = cm.mul(K);
    SDVariable cEps = c.add(1e-8);
    // tanh form: sigma(z) = 0.5 tanh(0.5 z) + 0.5 with the halves folded into hoisted tiles
    SDVariable hSigmaT = sigmaT.mul(0.5);
    SDVariable hSigmaMuT = sigmaMuT.mul(0.5);
    SDVariable hwT = wT.mul(0.5);
    SDVariable hweT = weT.mul(0.5);
    SDVariable hwSum = hwT.sum(1);
    SDVariable hweSum = hweT.sum(1);
    SDVariable sig2 = sd.concat(2, sigmaT, sigmaT);
    SDVariable sigMu2 = sd.concat(2, sigmaMuT, sigmaMuT);
    SDVariable w2 = sd.concat(2, weT, wT);
    // kron form: z = [v, 1] R (R[i, i*S+j] = sigma_ij, R[S, i*S+j] = -sigma_ij mu_ij), then
    // [drive | conductance] = sigmoid(z) Wk (Wk[i*S+j, j] = wErev_ij, Wk[i*S+j, S+j] = w_ij).
    INDArray e1 = Nd4j.zeros(DataType.FLOAT, S, S * S);
    INDArray e2 = Nd4j.zeros(DataType.FLOAT, S * S, S);
    for (int i = 0; i < S; i++) {
      for (int j = 0; j < S; j++) {
        e1.putScalar(i, i * S + j, 1);
        e2.putScalar(i * S + j, j, 1);
      }
    }
    SDVariable ones1 = sd.constant(Nd4j.ones(DataType.FLOAT, S, 1));
    SDVariable r = sd.concat(0, ones1.mmul(sd.reshape(sigma, 1, S * S)).mul(sd.constant(e1)),
        sd.reshape(sigma.mul(mu), 1, S * S).neg());
    SDVariable onesRowS = sd.constant(Nd4j.ones(DataType.FLOAT, 1, S));
    SDVariable e2c = sd.constant(e2);
    SDVariable wk = sd.concat(1, sd.reshape(w.mul(erev), S * S, 1).mmul(onesRowS).mul(e2c),
        sd.reshape(w, S * S, 1).mmul(onesRowS).mul(e2c));
    SDVariable onesB = sd.onesLike(sd.reshape(v0.sum(1), -1, 1));
    SDVariable zeroB2 = sd.zerosLike(sd.concat(1, v0, v0));
    SDVariable drive0 = v0.mul(0.3).add(0.1);
    SDVariable cond0 = v0.mul(0.2).add(0.5);
    SDVariable dg = sd.concat(1, drive0, cond0.add(cEps));
    SDVariable onesB1S = sd.zerosLike(sd.expandDims(v0, 1)).add(1.0);
    SDVariable v = v0;
    for (int u = 0; u < K; u++) {
      SDVariable num;
      SDVariable den;
      SDVariable vv = sd.reshape(v, -1, 1);
      switch (variant) {
        case "bcast" -> {
          SDVariable b = sd.nn.sigmoid(sd.expandDims(v, 2).mul(sigmaT).sub(sigmaMuT));
          num = b.mul(weT).sum(1);
          den = b.mul(wT).sum(1);
        }
        case "mmulV" -> {
          SDVariable big = sd.reshape(vv.mmul(onesRow), -1, S, S);
          SDVariable b = sd.nn.sigmoid(big.mul(sigmaT).sub(sigmaMuT));
          num = b.mul(weT).sum(1);
          den = b.mul(wT).sum(1);
        }
        case "mmulVtanh" -> {
          SDVariable big = sd.reshape(vv.mmul(onesRow), -1, S, S);
          SDVariable t = sd.math.tanh(big.mul(hSigmaT).sub(hSigmaMuT));
          num = t.mul(hweT).sum(1).add(hweSum);
          den = t.mul(hwT).sum(1).add(hwSum);
        }
        case "mmulVsumMmul" -> {
          SDVariable big = sd.reshape(vv.mmul(onesRow), -1, S, S);
          SDVariable b = sd.nn.sigmoid(big.mul(sigmaT).sub(sigmaMuT));
          num = sd.reshape(sd.reshape(sd.permute(b.mul(weT), 0, 2, 1), -1, S).mmul(onesCol), -1, S);
          den = sd.reshape(sd.reshape(sd.permute(b.mul(wT), 0, 2, 1), -1, S).mmul(onesCol), -1, S);
        }
        case "mmulVstack" -> {
          SDVariable big = sd.reshape(vv.mmul(onesRow2), -1, S, 2 * S);
          SDVariable b = sd.nn.sigmoid(big.mul(sig2).sub(sigMu2));
          SDVariable both = b.mul(w2).sum(1);
          SDVariable[] parts = sd.split(both, 2, 1);
          num = parts[0];
          den = parts[1];
        }
        case "kron" -> {
          SDVariable b = sd.nn.sigmoid(sd.concat(1, v, onesB).mmul(r));
          SDVariable[] parts = sd.split(b.mmul(wk).add(zeroB2), 2, 1);
          num = parts[0];
          den = parts[1];
        }
        case "bcastReal" -> {
          SDVariable b = sd.nn.sigmoid(sd.expandDims(v, 2).mul(sigmaT).sub(sigmaMuT));
          num = drive0.add(b.mul(weT).sum(1));
          den = cond0.add(b.mul(wT).sum(1));
        }
        case "stackReal" -> {
          SDVariable b = sd.nn.sigmoid(sd.expandDims(v, 2).mul(sig2).sub(sigMu2));
          SDVariable[] parts = sd.split(b.mul(w2).sum(1).add(dg), 2, 1);
          v = c.mul(v).add(parts[0]).div(parts[1]);
          continue;
        }
        case "hoistReal" -> {
          SDVariable b = sd.nn.sigmoid(sd.expandDims(v, 2).mul(sigmaT).sub(sigmaMuT));
          num = drive0.add(b.mul(weT).sum(1));
          v = c.mul(v).add(num).div(dg.get(org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.interval(S, 2 * S)).add(b.mul(wT).sum(1)));
          continue;
        }
        case "mmulB" -> {
          SDVariable big = sd.expandDims(v, 2).mmul(onesB1S);
          SDVariable b = sd.nn.sigmoid(big.mul(sigmaT).sub(sigmaMuT));
          num = b.mul(weT).sum(1);
          den = b.mul(wT).sum(1);
        }
        default -> throw new IllegalArgumentException(variant);
      }
      v = c.mul(v).add(num).div(cEps.add(den));
    }
    SDVariable loss = v.mul(v).sum();
    sd.setLossVariables(loss);
    INDArray vin = Nd4j.rand(DataType.FLOAT, B, S);
    return new G(sd, loss.name(), Map.of("v", vin), new String[] {"sigma", "mu", "w", "erev", "cm", "v"});
  }

  /** The once-per-chunk sensory synapses ([B·C, F, S] = [1600, 8, 64]): broadcast vs spread+tiles. */
  static void sensory() {
    Map<String, G> graphs = new LinkedHashMap<>();
    for (String v : new String[] {"sBcast", "sSpread"}) {
      graphs.put(v, buildSensory(v));
    }
    Map<String, List<Double>> grad = new LinkedHashMap<>();
    for (int r = 0; r < Integer.getInteger("liquid4j.bench.rounds", 7); r++) {
      for (var e : graphs.entrySet()) {
        G g = e.getValue();
        long t = System.nanoTime();
        g.sd.output(g.ph, g.loss);
        g.sd.calculateGradients(g.ph, g.wrt);
        grad.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - t) / 1e6);
      }
    }
    for (String k : graphs.keySet()) {
      G g = graphs.get(k);
      System.err.printf("%-8s loss %.6f forward+backward median %7.2f ms%n", k,
          g.sd.output(g.ph, g.loss).get(g.loss).getDouble(0), median(grad.get(k)));
    }
  }

  static G buildSensory(String variant) {
    Nd4j.getRandom().setSeed(3);
    int f = 8;
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, f);
    SDVariable sigma = sd.var("sigma", Nd4j.rand(DataType.FLOAT, f, S).muli(5).addi(3));
    SDVariable mu = sd.var("mu", Nd4j.rand(DataType.FLOAT, f, S).muli(0.5).addi(0.3));
    SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, f, S).muli(0.99).addi(0.01));
    SDVariable erev = sd.var("erev", Nd4j.rand(DataType.FLOAT, f, S).muli(2).subi(1));
    SDVariable drive;
    SDVariable cond;
    if (variant.equals("sBcast")) {
      SDVariable act = sd.nn.sigmoid(sd.expandDims(x, 2).mul(sigma).sub(sigma.mul(mu)));
      drive = act.mul(w.mul(erev)).sum(1);
      cond = act.mul(w).sum(1);
    } else {
      SDVariable xs = sd.reshape(sd.reshape(x, -1, 1).mmul(sd.constant(
          Nd4j.ones(DataType.FLOAT, 1, S))), -1, f, S);
      SDVariable z = sd.zerosLike(xs);
      SDVariable act = sd.nn.sigmoid(xs.mul(z.add(sigma)).sub(z.add(sigma.mul(mu))));
      drive = act.mul(z.add(w.mul(erev))).sum(1);
      cond = act.mul(z.add(w)).sum(1);
    }
    SDVariable loss = drive.mul(cond).sum();
    sd.setLossVariables(loss);
    return new G(sd, loss.name(), Map.of("x", Nd4j.rand(DataType.FLOAT, 1600, f)),
        new String[] {"sigma", "mu", "w", "erev", "x"});
  }

  /** Runs the measurements (measure, sensory); settings as system properties, see above. */
  public static void main(String[] args) throws Exception {
    measure();
    sensory();
  }
}
