package io.liquid4j.layers;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The uniform initialisation ranges of an LTC layer's neuron and synapse parameters, immutable;
 * {@link #defaults()} are ncps's. Raw values are drawn: with implicit constraints the effective
 * {@code w} is {@code softplus(U[0.001, 1])}. {@code erev} and {@code sensoryErev} are not drawn:
 * they start as the wiring's polarities (±1, 0).
 *
 * <p>A range is checked by the layer that uses it ({@link LtcLayer#validate()}), so the message
 * names that layer: {@code lo <= hi}, and {@code lo >= 0} for the parameters that must be
 * non-negative ({@link Parameter#nonNegative()}).
 */
public final class LtcInitRanges {

  /** The parameters with an initialisation range, with ncps's defaults. */
  public enum Parameter {
    GLEAK("gleak", 0.001, 1.0, true),
    VLEAK("vleak", -0.2, 0.2, false),
    CM("cm", 0.4, 0.6, true),
    W("w", 0.001, 1.0, true),
    SIGMA("sigma", 3.0, 8.0, false),
    MU("mu", 0.3, 0.8, false),
    SENSORY_W("sensoryW", 0.001, 1.0, true),
    SENSORY_SIGMA("sensorySigma", 3.0, 8.0, false),
    SENSORY_MU("sensoryMu", 0.3, 0.8, false);

    private final String key;
    private final double lo;
    private final double hi;
    private final boolean nonNegative;

    Parameter(String key, double lo, double hi, boolean nonNegative) {
      this.key = key;
      this.lo = lo;
      this.hi = hi;
      this.nonNegative = nonNegative;
    }

    /** The layer's parameter key. */
    public String key() {
      return key;
    }

    /** Whether the lower bound must be {@code >= 0} (the parameters ncps keeps non-negative). */
    public boolean nonNegative() {
      return nonNegative;
    }
  }

  private static final LtcInitRanges DEFAULTS = new LtcInitRanges(null);

  private final Map<Parameter, double[]> ranges;

  @JsonCreator
  private LtcInitRanges(@JsonProperty("ranges") Map<Parameter, double[]> given) {
    EnumMap<Parameter, double[]> m = new EnumMap<>(Parameter.class);
    for (Parameter p : Parameter.values()) {
      double[] r = given == null ? null : given.get(p);
      m.put(p, r == null ? new double[] {p.lo, p.hi} : r.clone());
    }
    this.ranges = Collections.unmodifiableMap(m);
  }

  /** ncps's ranges. */
  public static LtcInitRanges defaults() {
    return DEFAULTS;
  }

  /** A copy with the range of {@code p} replaced by {@code [lo, hi]}. */
  public LtcInitRanges with(Parameter p, double lo, double hi) {
    Map<Parameter, double[]> m = new EnumMap<>(ranges);
    m.put(Objects.requireNonNull(p, "p"), new double[] {lo, hi});
    return new LtcInitRanges(m);
  }

  /** Lower bound of {@code p}. */
  public double lo(Parameter p) {
    return ranges.get(p)[0];
  }

  /** Upper bound of {@code p}. */
  public double hi(Parameter p) {
    return ranges.get(p)[1];
  }

  /** For JSON: every range as {@code [lo, hi]}. */
  @JsonProperty("ranges")
  Map<Parameter, double[]> ranges() {
    return ranges;
  }

  /** Fails, naming {@code who}, unless every range is ordered and finite and the bounds allowed. */
  public void check(String who) {
    for (Parameter p : Parameter.values()) {
      double lo = lo(p);
      double hi = hi(p);
      String name = "initRanges." + p.key();
      if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
        throw new IllegalArgumentException(who + ": " + name + " must be a finite range with lo <= hi"
            + ", got [" + lo + ", " + hi + "]");
      }
      if (p.nonNegative() && lo < 0) {
        throw new IllegalArgumentException(who + ": " + name + " must have lo >= 0 (the parameter "
            + "is kept non-negative), got [" + lo + ", " + hi + "]");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LtcInitRanges)) {
      return false;
    }
    LtcInitRanges that = (LtcInitRanges) o;
    for (Parameter p : Parameter.values()) {
      if (Double.compare(lo(p), that.lo(p)) != 0 || Double.compare(hi(p), that.hi(p)) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (Parameter p : Parameter.values()) {
      h = 31 * h + Double.hashCode(lo(p));
      h = 31 * h + Double.hashCode(hi(p));
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LtcInitRanges{");
    for (Parameter p : Parameter.values()) {
      sb.append(p == Parameter.GLEAK ? "" : ", ").append(p.key()).append("=[").append(lo(p))
          .append(", ").append(hi(p)).append(']');
    }
    return sb.append('}').toString();
  }
}
