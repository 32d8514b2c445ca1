package io.liquid4j.wiring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect.Visibility;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.annotation.JsonPropertyOrder;

/**
 * Where a {@link Wiring} came from: the generator's name, its arguments and its seed. Kept beside
 * the realised matrices so that a saved model documents how its wiring was made without depending
 * on the generator (or its random numbers) staying the same.
 *
 * <p>Argument values are strings, booleans or numbers; integral numbers are stored as {@link Long}
 * and the others as {@link Double}, so that a JSON round trip gives an equal object.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.NONE,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE,
    creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({"generator", "args", "seed"})
public final class WiringProvenance {

  /** The generator name of a wiring given as explicit matrices. */
  public static final String EXPLICIT = "explicit";

  private static final String OWNER = "WiringProvenance";

  @JsonProperty("generator")
  private final String generator;

  @JsonProperty("args")
  private final Map<String, Object> args;

  @JsonProperty("seed")
  private final Long seed;

  /**
   * Creates a provenance record.
   *
   * @param generator the generator's name, e.g. {@code "AutoNcpWiring"}
   * @param args the generator's arguments by name (strings, booleans, numbers; copied)
   * @param seed the seed used, or {@code null} if none was used
   * @throws IllegalArgumentException if {@code generator} is null or blank, or an argument value is
   *     not a string, boolean or number
   */
  @JsonCreator
  public WiringProvenance(
      @JsonProperty("generator") String generator,
      @JsonProperty("args") Map<String, ?> args,
      @JsonProperty("seed") Long seed) {
    WiringChecks.notNull(OWNER, "generator", generator);
    if (generator.isBlank()) {
      throw WiringChecks.fail(OWNER, "generator must not be blank, got \"" + generator + "\"");
    }
    this.generator = generator;
    Map<String, Object> copy = new LinkedHashMap<>();
    if (args != null) {
      for (Map.Entry<String, ?> e : args.entrySet()) {
        copy.put(WiringChecks.notNull(OWNER, "argument name", e.getKey()), normalise(e));
      }
    }
    this.args = Collections.unmodifiableMap(copy);
    this.seed = seed;
  }

  /**
   * The provenance of a wiring given as explicit matrices: generator {@value #EXPLICIT}, no
   * arguments, no seed.
   *
   * @return the explicit provenance
   */
  public static WiringProvenance explicit() {
    return new WiringProvenance(EXPLICIT, Map.of(), null);
  }

  private static Object normalise(Map.Entry<String, ?> e) {
    Object v = e.getValue();
    if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    throw WiringChecks.fail(
        OWNER,
        "argument " + e.getKey() + " must be a string, boolean or number, got "
            + (v == null ? "null" : v.getClass().getName()));
  }

  /**
   * The generator's name.
   *
   * @return e.g. {@code "NcpWiring"}, or {@value #EXPLICIT}
   */
  public String generator() {
    return generator;
  }

  /**
   * The generator's arguments in declaration order (unmodifiable).
   *
   * @return argument name to value ({@link Long}, {@link Double}, {@link Boolean} or {@link String})
   */
  public Map<String, Object> args() {
    return args;
  }

  /**
   * The seed the generator used.
   *
   * @return the seed, or {@code null} when no seed was involved
   */
  public Long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WiringProvenance)) {
      return false;
    }
    WiringProvenance p = (WiringProvenance) o;
    return generator.equals(p.generator) && args.equals(p.args) && Objects.equals(seed, p.seed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generator, args, seed);
  }

  @Override
  public String toString() {
    return generator + args + (seed == null ? "" : " seed=" + seed);
  }
}
