package io.liquid4j.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a small comma-separated file of the examples from the classpath (so it works from a jar and
 * from {@code mvn exec:java}): a header line, then rows of a fixed number of cells; blank lines are
 * skipped. Cells are not unquoted: the examples' files hold only numbers and dates.
 */
final class ClasspathCsv {

  private ClasspathCsv() {}

  /**
   * One data row.
   *
   * @param resource the file it came from, for messages
   * @param lineNo its line number, 1 being the header
   * @param cells its cells, untrimmed
   */
  record Row(String resource, int lineNo, String[] cells) {

    /**
     * @param message what is wrong with the row
     * @return the error "resource line N: message"
     */
    IllegalStateException error(String message) {
      return error(message, null);
    }

    /**
     * @param message what is wrong with the row
     * @param cause the parse error, or {@code null}
     * @return the error "resource line N: message"
     */
    IllegalStateException error(String message, Throwable cause) {
      return new IllegalStateException(resource + " line " + lineNo + ": " + message, cause);
    }
  }

  /**
   * @param resource absolute classpath location, e.g. {@code /io/liquid4j/examples/data/x.csv}
   * @param columns cells every row must have
   * @return the data rows, in file order
   * @throws UncheckedIOException if the resource is missing or unreadable
   * @throws IllegalStateException "resource line N: expected C values, got M" for a row of another
   *     width
   */
  static List<Row> read(String resource, int columns) {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = ClasspathCsv.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(
            new IOException("resource not found on classpath: " + resource));
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine(); // header
      String line;
      int lineNo = 1;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        Row row = new Row(resource, lineNo, line.split(","));
        if (row.cells().length != columns) {
          throw row.error("expected " + columns + " values, got " + row.cells().length);
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return rows;
  }
}
