package io.liquid4j.examples;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Monthly mean atmospheric CO2 at Mauna Loa (Scripps CO2 Program, 1958-03 to 2020-04, in ppm), read
 * from the classpath.
 *
 * <p>The file has {@value #ROWS} rows, one per month, in date order; five months are missing
 * (1958-06, 1958-10, 1964-02 to 1964-04), so row {@code i + 1} is not always the month after row
 * {@code i}: use {@link #monthIndex} to find gaps. Only the column {@code co2_ppm} is read (the
 * seasonally adjusted column is not). Source and licence (CC BY 4.0, C. D. Keeling et al.) are in
 * {@code data/co2_mauna_loa_monthly.md} beside the CSV.
 */
public final class Co2Data {

  /** Classpath location of the CSV (header {@code date,co2_ppm,co2_adjusted_ppm}). */
  public static final String RESOURCE = "/io/liquid4j/examples/data/co2_mauna_loa_monthly.csv";
  /** Number of months in the file. */
  public static final int ROWS = 741;

  private final LocalDate[] dates;
  private final double[] ppm;

  private Co2Data(LocalDate[] dates, double[] ppm) {
    this.dates = dates;
    this.ppm = ppm;
  }

  /**
   * Reads every month from {@link #RESOURCE}.
   *
   * @return the series, in file (date) order
   * @throws UncheckedIOException if the resource is missing or unreadable
   * @throws IllegalStateException if a line is malformed or the dates are not increasing
   */
  public static Co2Data load() {
    List<LocalDate> dates = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (ClasspathCsv.Row row : ClasspathCsv.read(RESOURCE, 3)) {
      String[] cells = row.cells();
      LocalDate date;
      try {
        date = LocalDate.parse(cells[0].trim());
        values.add(Double.parseDouble(cells[1].trim()));
      } catch (DateTimeParseException | NumberFormatException e) {
        throw row.error(e.getMessage(), e);
      }
      if (!dates.isEmpty() && !date.isAfter(dates.get(dates.size() - 1))) {
        throw row.error("expected a date after " + dates.get(dates.size() - 1) + ", got " + date);
      }
      dates.add(date);
    }
    return new Co2Data(dates.toArray(new LocalDate[0]),
        values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** @return the number of months (rows) */
  public int size() {
    return ppm.length;
  }

  /**
   * @param i row index
   * @return the first day of that row's month
   */
  public LocalDate date(int i) {
    return dates[i];
  }

  /**
   * @param i row index
   * @return the monthly mean CO2 of that row, in ppm
   */
  public double ppm(int i) {
    return ppm[i];
  }

  /**
   * @param i row index
   * @return months since January of year 0 ({@code 12 * year + month - 1}); consecutive months
   *     differ by exactly 1, so a larger difference between neighbouring rows is a gap
   */
  public int monthIndex(int i) {
    return dates[i].getYear() * 12 + dates[i].getMonthValue() - 1;
  }

  /**
   * @param i row index
   * @return the middle of that row's month as a decimal year, e.g. 2000.042 for January 2000
   */
  public double decimalYear(int i) {
    return dates[i].getYear() + (dates[i].getMonthValue() - 0.5) / 12.0;
  }
}
