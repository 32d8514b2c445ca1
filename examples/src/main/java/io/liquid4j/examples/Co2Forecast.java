package io.liquid4j.examples;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-step-ahead forecasting of monthly CO2 ({@link Co2Data}): from the last {@code window} months,
 * predict the next one. Split chronologically: a window belongs to the test set when its target
 * month is on or after {@code testFrom}, else to the training set (a test window's inputs may lie
 * before {@code testFrom}; its target never does). Windows that span a missing month are skipped.
 *
 * <p>Values are standardised with the mean and standard deviation of the months before {@code
 * testFrom} only, so nothing about the test period leaks into training. CO2 rises every year, so
 * the test targets lie mostly above the largest training value: this is an extrapolation
 * (out-of-distribution) test, not an interpolation one.
 *
 * @param train features {@code [n, 1, window]} (NCW) and labels {@code [n, 1]}, standardised
 * @param test the same for the test windows, in date order
 * @param mean mean of the training months, in ppm
 * @param std standard deviation of the training months, in ppm
 * @param testLast the last input month of each test window, in ppm (for the naive baselines)
 * @param testTarget the target month of each test window, in ppm
 * @param testYear the target month of each test window as a decimal year
 * @param meanTrainStep mean month-to-month change over consecutive training months, in ppm
 * @param trainMax largest training month, in ppm
 */
public record Co2Forecast(
    DataSet train, DataSet test, double mean, double std, double[] testLast, double[] testTarget,
    double[] testYear, double meanTrainStep, double trainMax) {

  /**
   * Builds the windows.
   *
   * @param data the series
   * @param window input months per window, &gt;= 1
   * @param testFrom first target month of the test set
   * @param limit if &gt; 0, keep only the {@code limit} training windows nearest {@code testFrom}
   *     and the first {@code limit} test windows, for smoke tests
   * @return the task
   * @throws IllegalArgumentException if {@code window < 1} or a split is empty
   */
  public static Co2Forecast of(Co2Data data, int window, LocalDate testFrom, int limit) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, got " + window);
    }
    double sum = 0;
    double sumSq = 0;
    double stepSum = 0;
    int n = 0;
    int steps = 0;
    double trainMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < data.size() && data.date(i).isBefore(testFrom); i++) {
      sum += data.ppm(i);
      sumSq += data.ppm(i) * data.ppm(i);
      trainMax = Math.max(trainMax, data.ppm(i));
      n++;
      if (i > 0 && data.monthIndex(i) - data.monthIndex(i - 1) == 1) {
        stepSum += data.ppm(i) - data.ppm(i - 1);
        steps++;
      }
    }
    if (n < 2) {
      throw new IllegalArgumentException("expected at least 2 months before " + testFrom + ", got "
          + n);
    }
    double mean = sum / n;
    double std = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
    List<Integer> trainTargets = new ArrayList<>();
    List<Integer> testTargets = new ArrayList<>();
    for (int t = window; t < data.size(); t++) {
      if (data.monthIndex(t) - data.monthIndex(t - window) != window) {
        continue; // the window or its target spans a missing month
      }
      (data.date(t).isBefore(testFrom) ? trainTargets : testTargets).add(t);
    }
    if (limit > 0) {
      trainTargets = trainTargets.subList(Math.max(0, trainTargets.size() - limit),
          trainTargets.size());
      testTargets = testTargets.subList(0, Math.min(limit, testTargets.size()));
    }
    if (trainTargets.isEmpty() || testTargets.isEmpty()) {
      throw new IllegalArgumentException("expected training and test windows, got "
          + trainTargets.size() + " and " + testTargets.size() + " (window " + window
          + ", test from " + testFrom + ")");
    }
    double[] last = new double[testTargets.size()];
    double[] target = new double[testTargets.size()];
    double[] year = new double[testTargets.size()];
    for (int k = 0; k < testTargets.size(); k++) {
      int t = testTargets.get(k);
      last[k] = data.ppm(t - 1);
      target[k] = data.ppm(t);
      year[k] = data.decimalYear(t);
    }
    return new Co2Forecast(windows(data, trainTargets, window, mean, std),
        windows(data, testTargets, window, mean, std), mean, std, last, target, year,
        stepSum / steps, trainMax);
  }

  private static DataSet windows(
      Co2Data data, List<Integer> targets, int window, double mean, double std) {
    float[][][] x = new float[targets.size()][1][window];
    float[][] y = new float[targets.size()][1];
    for (int k = 0; k < targets.size(); k++) {
      int t = targets.get(k);
      for (int s = 0; s < window; s++) {
        x[k][0][s] = (float) ((data.ppm(t - window + s) - mean) / std);
      }
      y[k][0] = (float) ((data.ppm(t) - mean) / std);
    }
    INDArray features = Nd4j.create(x);
    INDArray labels = Nd4j.create(y);
    return new DataSet(features, labels);
  }

  /**
   * @param standardised predictions in standardised units, one per test window
   * @return the same in ppm
   */
  public double[] toPpm(INDArray standardised) {
    double[] v = standardised.reshape(standardised.length()).toDoubleVector();
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] * std + mean;
    }
    return v;
  }

  /**
   * @param predicted predictions in ppm, one per test window
   * @return root mean squared error against {@link #testTarget()}, in ppm
   */
  public double rmse(double[] predicted) {
    double sq = 0;
    for (int i = 0; i < predicted.length; i++) {
      sq += (predicted[i] - testTarget[i]) * (predicted[i] - testTarget[i]);
    }
    return Math.sqrt(sq / predicted.length);
  }

  /** @return the share of test targets above {@link #trainMax()}: how far out of distribution */
  public double shareAboveTrainingRange() {
    long above = Arrays.stream(testTarget).filter(v -> v > trainMax).count();
    return (double) above / testTarget.length;
  }
}
