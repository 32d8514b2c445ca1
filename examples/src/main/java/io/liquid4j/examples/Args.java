package io.liquid4j.examples;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The command line of the examples: {@code --name value} or {@code --name=value} options, {@code
 * --help}, and the messages for a bad one, so every example's options read and fail the same way.
 *
 * <pre>{@code
 * for (Args.Option o : Args.options(args)) {
 *   switch (o.name()) {
 *     case "--epochs" -> epochs = o.integer();
 *     default -> throw o.unknown(USAGE);
 *   }
 * }
 * }</pre>
 */
final class Args {

  private Args() {}

  /**
   * One option and its value, as given.
   *
   * @param name the option, e.g. {@code --epochs}
   * @param value its value, untrimmed
   */
  record Option(String name, String value) {

    /** @return the value as an {@code int}, or an error "--name expects an integer, got ..." */
    int integer() {
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw expected("an integer");
      }
    }

    /** @return the value as a {@code long}, or an error "--name expects an integer, got ..." */
    long longInteger() {
      try {
        return Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw expected("an integer");
      }
    }

    /** @return the value as a {@code double}, or an error "--name expects a number, got ..." */
    double number() {
      return number(value);
    }

    /** @return the comma-separated numbers of the value, empty entries skipped */
    List<Double> numbers() {
      return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty())
          .map(this::number).toList();
    }

    /**
     * @param what what the option takes, e.g. {@code "a number"}
     * @return the error "--name expects {@code what}, got "value""
     */
    IllegalArgumentException expected(String what) {
      return expected(what, value);
    }

    /**
     * @param usage the example's usage text: a first line, then one option per line, each line's
     *     first word the option
     * @return the error "unknown option --name, expected one of ..." listing the options of {@code
     *     usage}
     */
    IllegalArgumentException unknown(String usage) {
      List<String> known = Arrays.stream(usage.split("\n")).skip(1)
          .map(l -> l.trim().split(" ")[0]).toList();
      return new IllegalArgumentException(
          "unknown option " + name + ", expected one of " + String.join(" ", known));
    }

    private double number(String text) {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw expected("a number", text);
      }
    }

    private IllegalArgumentException expected(String what, String text) {
      return new IllegalArgumentException(name + " expects " + what + ", got \"" + text + "\"");
    }
  }

  /**
   * The options of {@code args} in order, read as they are iterated (so the first bad argument is
   * the one reported).
   *
   * @param args command-line arguments, {@code --help} excluded (see {@link #wantsHelp})
   * @return the options; iterating throws {@link IllegalArgumentException} "--name needs a value,
   *     got none" for a last option without a value
   */
  static Iterable<Option> options(String... args) {
    return () -> new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < args.length;
      }

      @Override
      public Option next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String name = args[i++];
        int eq = name.indexOf('=');
        if (eq > 0) {
          return new Option(name.substring(0, eq), name.substring(eq + 1));
        }
        if (i < args.length) {
          return new Option(name, args[i++]);
        }
        throw new IllegalArgumentException(name + " needs a value, got none");
      }
    };
  }

  /**
   * @param args command-line arguments
   * @return whether they ask for the usage text ({@code --help} or {@code -h})
   */
  static boolean wantsHelp(String... args) {
    return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
  }

  /**
   * What an example's {@code main} does first: print {@code usage} for {@code --help}, otherwise
   * parse; on a bad argument print "{@code program}: message" and {@code usage} to stderr and exit
   * with status 2.
   *
   * @param program the example's name, prefixed to the error
   * @param usage the example's usage text
   * @param parser reads the options, throwing {@link IllegalArgumentException} for a bad one
   * @param args command-line arguments
   * @param <T> the options type
   * @return the options, or empty after printing the usage for {@code --help}
   */
  static <T> Optional<T> parseOrExit(
      String program, String usage, Function<String[], T> parser, String... args) {
    if (wantsHelp(args)) {
      System.out.println(usage);
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(args));
    } catch (IllegalArgumentException e) {
      System.err.println(program + ": " + e.getMessage());
      System.err.println(usage);
      System.exit(2);
      return Optional.empty();
    }
  }

  /**
   * @param name the option, for the message
   * @throws IllegalArgumentException "--name must be &gt;= min, got value" if {@code value < min}
   */
  static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }
}
