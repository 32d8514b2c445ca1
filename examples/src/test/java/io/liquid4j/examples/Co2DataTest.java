package io.liquid4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class Co2DataTest {

  @Test
  void readsEveryMonthInIncreasingDateOrderWithPlausibleValues() {
    Co2Data data = Co2Data.load();
    assertEquals(Co2Data.ROWS, data.size());
    assertEquals(741, data.size());
    assertEquals(LocalDate.of(1958, 3, 1), data.date(0));
    assertEquals(LocalDate.of(2020, 4, 1), data.date(data.size() - 1));
    assertEquals(315.70, data.ppm(0), 1e-9);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int gaps = 0;
    for (int i = 0; i < data.size(); i++) {
      min = Math.min(min, data.ppm(i));
      max = Math.max(max, data.ppm(i));
      if (i > 0) {
        assertTrue(data.date(i).isAfter(data.date(i - 1)), "dates increase at row " + i);
        int step = data.monthIndex(i) - data.monthIndex(i - 1);
        assertTrue(step >= 1, "row " + i);
        gaps += step - 1;
      }
    }
    assertEquals(313.21, min, 1e-9);
    assertEquals(416.18, max, 1e-9);
    assertEquals(5, gaps, "missing months: 1958-06, 1958-10, 1964-02..04");
    assertEquals(2000 + 0.5 / 12, data.decimalYear(indexOf(data, LocalDate.of(2000, 1, 1))), 1e-9);
  }

  @Test
  void forecastWindowsAreChronologicalStandardisedOnTrainingMonthsAndSkipGaps() {
    Co2Data data = Co2Data.load();
    LocalDate testFrom = LocalDate.of(2000, 1, 1);
    int window = 24;
    Co2Forecast task = Co2Forecast.of(data, window, testFrom, 0);
    int trainMonths = indexOf(data, testFrom);
    double mean = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < trainMonths; i++) {
      mean += data.ppm(i) / trainMonths;
      max = Math.max(max, data.ppm(i));
    }
    assertEquals(mean, task.mean(), 1e-9);
    assertEquals(max, task.trainMax(), 1e-9);
    assertEquals(data.size() - trainMonths, task.test().numExamples(), "no gaps after 2000");
    assertTrue(task.train().numExamples() < trainMonths - window, "windows over gaps skipped");
    assertEquals(window, task.train().getFeatures().size(2));
    // the first test window: 2000-01 predicted from 1998-01..1999-12, in standardised units
    int t = trainMonths;
    assertEquals((data.ppm(t) - task.mean()) / task.std(), task.test().getLabels().getDouble(0, 0),
        1e-4);
    assertEquals((data.ppm(t - 1) - task.mean()) / task.std(),
        task.test().getFeatures().getDouble(0, 0, window - 1), 1e-4);
    assertEquals(data.ppm(t - 1), task.testLast()[0], 1e-9);
    assertTrue(task.shareAboveTrainingRange() > 0.8, "test lies mostly above the training range");
    assertEquals(0, task.rmse(task.testTarget()), 1e-12);
    Co2Forecast small = Co2Forecast.of(data, 6, testFrom, 10);
    assertEquals(10, small.train().numExamples());
    assertEquals(10, small.test().numExamples());
  }

  private static int indexOf(Co2Data data, LocalDate date) {
    for (int i = 0; i < data.size(); i++) {
      if (data.date(i).equals(date)) {
        return i;
      }
    }
    throw new AssertionError("no row for " + date);
  }
}
