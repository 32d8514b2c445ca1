package io.liquid4j.wiring;

import java.util.Random;

/**
 * The random draws of the generators. {@link Random} is used because its algorithm is fixed by its
 * specification, so a seed gives the same wiring on every JVM (the numbers differ from numpy's).
 */
final class Sampling {

  private Sampling() {}

  /** {@code k} distinct elements of {@code pool}, in random order (partial Fisher-Yates). */
  static int[] choose(Random rng, int[] pool, int k) {
    int[] p = pool.clone();
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(p.length - i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return java.util.Arrays.copyOf(p, k);
  }

  /** {@code k} distinct integers of {@code [0, n)}, in random order. */
  static int[] choose(Random rng, int n, int k) {
    return choose(rng, range(0, n), k);
  }

  /** The integers {@code [from, to)}. */
  static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }

  /** ncps' FullyConnected/Random polarity: uniform over {-1, +1, +1}. */
  static int twoThirdsExcitatory(Random rng) {
    return rng.nextInt(3) == 0 ? -1 : 1;
  }

  /** ncps' NCP polarity: uniform over {-1, +1}. */
  static int even(Random rng) {
    return rng.nextBoolean() ? 1 : -1;
  }
}
