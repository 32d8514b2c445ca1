package io.liquid4j.internal;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Keeps the lines "Added differentiated op ..." that SameDiff prints unconditionally to standard
 * output (one per op in {@code SameDiff.createGradFunction}, not through a logger, so no log level
 * silences them) away from users.
 *
 * <p>While the guarded action runs, {@code System.out} is replaced by a stream that drops exactly
 * those lines and forwards everything else to the original stream, so output of other threads in
 * that moment is not lost. Guards are serialised on one lock, because {@code System.out} is
 * process-global.
 */
public final class StdoutGuard {

  static final String NOISE_PREFIX = "Added differentiated op";
  private static final Object LOCK = new Object();

  private StdoutGuard() {}

  /** Runs {@code action} with SameDiff's gradient-construction noise filtered from stdout. */
  public static <T> T quietly(Supplier<T> action) {
    synchronized (LOCK) {
      PrintStream original = System.out;
      System.setOut(new Filter(original));
      try {
        return action.get();
      } finally {
        System.setOut(original);
      }
    }
  }

  /** Runs {@code action} with SameDiff's gradient-construction noise filtered from stdout. */
  public static void quietly(Runnable action) {
    quietly(
        () -> {
          action.run();
          return null;
        });
  }

  private static final class Filter extends PrintStream {
    private final PrintStream target;

    Filter(PrintStream target) {
      super(target, true);
      this.target = target;
    }

    @Override
    public void println(String line) {
      if (line == null || !line.startsWith(NOISE_PREFIX)) {
        target.println(line);
      }
    }

    @Override
    public void println(Object line) {
      println(String.valueOf(line));
    }
  }
}
