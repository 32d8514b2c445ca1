package io.liquid4j.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a sequence of {@code T} steps is cut into chunks whose lengths come from a fixed, small set,
 * so that a layer never builds more than {@code log2(maxChunk) + 1} unrolled graphs however many
 * different sequence lengths it sees.
 *
 * <p>The sequence is cut into as many chunks of {@code maxChunk} steps as fit, then the remainder
 * is cut by its binary digits, longest first: {@code T = 50, maxChunk = 32} gives {@code 32, 16, 2}.
 * No step is padded, so no compute is wasted, and the total number of unrolled steps ever built is
 * below {@code 2 * maxChunk}. An optional boundary (used by truncated BPTT) forces a cut at a step.
 */
public final class ChunkPlan {

  private final int[] starts;
  private final int[] lengths;
  private final int totalLength;

  private ChunkPlan(List<int[]> chunks, int totalLength) {
    this.starts = new int[chunks.size()];
    this.lengths = new int[chunks.size()];
    for (int i = 0; i < chunks.size(); i++) {
      starts[i] = chunks.get(i)[0];
      lengths[i] = chunks.get(i)[1];
    }
    this.totalLength = totalLength;
  }

  /** The plan for {@code length} steps with chunks of at most {@code maxChunk} (a power of two). */
  public static ChunkPlan of(int length, int maxChunk) {
    return of(length, maxChunk, 0);
  }

  /**
   * The plan for {@code length} steps, with a cut at step {@code boundary} (0 or {@code length}: no
   * extra cut).
   */
  public static ChunkPlan of(int length, int maxChunk, int boundary) {
    if (length < 1) {
      throw new IllegalArgumentException("sequence length must be >= 1, got " + length);
    }
    if (maxChunk < 1 || Integer.bitCount(maxChunk) != 1) {
      throw new IllegalArgumentException("maxChunk must be a power of two >= 1, got " + maxChunk);
    }
    if (boundary < 0 || boundary > length) {
      throw new IllegalArgumentException(
          "boundary must be in [0, " + length + "], got " + boundary);
    }
    List<int[]> chunks = new ArrayList<>();
    if (boundary > 0 && boundary < length) {
      cut(0, boundary, maxChunk, chunks);
      cut(boundary, length - boundary, maxChunk, chunks);
    } else {
      cut(0, length, maxChunk, chunks);
    }
    return new ChunkPlan(chunks, length);
  }

  private static void cut(int start, int length, int maxChunk, List<int[]> into) {
    int position = start;
    int remaining = length;
    for (int size = maxChunk; size >= 1; size >>= 1) {
      while (remaining >= size) {
        into.add(new int[] {position, size});
        position += size;
        remaining -= size;
      }
    }
  }

  /** Number of chunks. */
  public int size() {
    return starts.length;
  }

  /** First step of chunk {@code i}. */
  public int start(int i) {
    return starts[i];
  }

  /** Number of steps of chunk {@code i}. */
  public int length(int i) {
    return lengths[i];
  }

  /** Total number of steps. */
  public int totalLength() {
    return totalLength;
  }

  /** The chunk lengths in order. */
  public List<Integer> lengths() {
    List<Integer> out = new ArrayList<>();
    for (int l : lengths) {
      out.add(l);
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public String toString() {
    return "ChunkPlan" + lengths();
  }
}
