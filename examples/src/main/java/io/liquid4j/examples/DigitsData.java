package io.liquid4j.examples;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 8x8 handwritten digits (UCI, as shipped by scikit-learn) read row by row as a sequence.
 *
 * <p>Each image becomes {@value #TIME_STEPS} time steps (the image rows) of {@value #FEATURES}
 * features (the pixels of a row), scaled from 0..16 to 0..1. {@link #split} returns DL4J {@link
 * DataSet}s with features {@code [batch, 8, 8]} in NCW order ({@code [batch, features, time]}) and
 * one-hot labels {@code [batch, 10]}; {@link #partition} adds a validation set for model
 * selection. The CSV is read from the classpath ({@link ClasspathCsv}), so it works from a jar and
 * from {@code mvn exec:java}; its source and licence are in {@code data/digits_8x8.md} beside it.
 */
public final class DigitsData {

  /** Classpath location of the CSV (header line, then {@code label,p0_0..p7_7}). */
  public static final String RESOURCE = "/io/liquid4j/examples/data/digits_8x8.csv";
  /** Number of images in the file. */
  public static final int ROWS = 1797;
  /** Time steps per sequence (image rows). */
  public static final int TIME_STEPS = 8;
  /** Features per time step (pixels per row). */
  public static final int FEATURES = 8;
  /** Number of classes (digits 0..9). */
  public static final int CLASSES = 10;
  /** Largest pixel value in the file; pixels are divided by it. */
  public static final float MAX_PIXEL = 16f;

  private final float[][] pixels;
  private final int[] labels;

  private DigitsData(float[][] pixels, int[] labels) {
    this.pixels = pixels;
    this.labels = labels;
  }

  /** A train/test split of the digits. */
  public record Split(DataSet train, DataSet test) {}

  /**
   * Reads all images from {@link #RESOURCE}.
   *
   * @return the {@value #ROWS} images, pixels scaled to [0, 1]
   * @throws UncheckedIOException if the resource is missing or unreadable
   * @throws IllegalStateException if a line does not have 65 values
   */
  public static DigitsData load() {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (ClasspathCsv.Row row : ClasspathCsv.read(RESOURCE, 1 + TIME_STEPS * FEATURES)) {
      String[] cells = row.cells();
      float[] px = new float[TIME_STEPS * FEATURES];
      for (int i = 0; i < px.length; i++) {
        px[i] = Float.parseFloat(cells[i + 1]) / MAX_PIXEL;
      }
      labels.add(Integer.parseInt(cells[0].trim()));
      rows.add(px);
    }
    return new DigitsData(rows.toArray(new float[0][]),
        labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** @return the number of images */
  public int size() {
    return labels.length;
  }

  /**
   * @param i image index
   * @return the digit 0..9 of image {@code i}
   */
  public int label(int i) {
    return labels[i];
  }

  /**
   * @param i image index
   * @return a copy of the 64 scaled pixels of image {@code i}, row-major (row = time step)
   */
  public float[] pixels(int i) {
    return pixels[i].clone();
  }

  /**
   * Seeded, stratified split: within each class, a shuffled {@code testFraction} of the images goes
   * to the test set, so both sets keep the class balance.
   *
   * @param testFraction share of each class in the test set, in (0, 1)
   * @param seed seed of the shuffle (same seed, same split)
   * @param limit if &gt; 0, use only about {@code limit} images (a stratified subsample), for smoke
   *     tests
   * @return train and test {@link DataSet}s, features {@code [n, 8, 8]} NCW, labels {@code [n, 10]}
   * @throws IllegalArgumentException if {@code testFraction} is outside (0, 1)
   */
  public Split split(double testFraction, long seed, int limit) {
    List<List<Integer>> parts = indices(testFraction, 0, seed, limit);
    return new Split(toDataSet(parts.get(0)), toDataSet(parts.get(2)));
  }

  /** A train/validation/test partition of the digits, for model selection on validation data. */
  public record Partition(DataSet train, DataSet validation, DataSet test) {}

  /**
   * Seeded, stratified three-way partition for model selection: the test set holds the same images
   * as the one {@link #split} returns for the same {@code testFraction}, {@code seed} and {@code
   * limit} (possibly in another order); then,
   * within each class, a shuffled {@code validationFraction} of the remaining (training) images is
   * held out for validation. The three sets are disjoint and together hold every image used.
   *
   * @param testFraction share of each class in the test set, in (0, 1)
   * @param validationFraction share of each class's training images held out for validation, in
   *     (0, 1); at least one per class when two or more are left after the test set, and at least
   *     one always stays for training
   * @param seed seed of the shuffle (same seed, same partition)
   * @param limit if &gt; 0, use only about {@code limit} images (a stratified subsample)
   * @return train, validation and test {@link DataSet}s, shapes as in {@link #split}
   * @throws IllegalArgumentException if a fraction is outside (0, 1)
   */
  public Partition partition(double testFraction, double validationFraction, long seed, int limit) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validationFraction must be in (0, 1), got " + validationFraction);
    }
    List<List<Integer>> parts = indices(testFraction, validationFraction, seed, limit);
    return new Partition(
        toDataSet(parts.get(0)), toDataSet(parts.get(1)), toDataSet(parts.get(2)));
  }

  /**
   * Image indices of train, validation and test. The per-class shuffles do not depend on {@code
   * validationFraction}, so the test images are the same with and without validation.
   */
  private List<List<Integer>> indices(
      double testFraction, double validationFraction, long seed, int limit) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
    }
    double keep = limit > 0 ? Math.min(1.0, (double) limit / size()) : 1.0;
    Random random = new Random(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> validation = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      List<Integer> ofClass = new ArrayList<>();
      for (int i = 0; i < size(); i++) {
        if (labels[i] == c) {
          ofClass.add(i);
        }
      }
      Collections.shuffle(ofClass, random);
      int used = Math.max(2, (int) Math.round(ofClass.size() * keep));
      int nTest = Math.max(1, (int) Math.round(used * testFraction));
      int rest = used - nTest;
      int nValidation = validationFraction == 0 ? 0
          : Math.min(rest - 1, Math.max(1, (int) Math.round(rest * validationFraction)));
      test.addAll(ofClass.subList(0, nTest));
      validation.addAll(ofClass.subList(nTest, nTest + nValidation));
      train.addAll(ofClass.subList(nTest + nValidation, used));
    }
    Collections.shuffle(train, random);
    Collections.shuffle(test, random);
    Collections.shuffle(validation, random);
    return List.of(train, validation, test);
  }

  private DataSet toDataSet(List<Integer> indices) {
    int n = indices.size();
    float[][][] features = new float[n][FEATURES][TIME_STEPS];
    float[][] oneHot = new float[n][CLASSES];
    for (int b = 0; b < n; b++) {
      int i = indices.get(b);
      for (int t = 0; t < TIME_STEPS; t++) {
        for (int f = 0; f < FEATURES; f++) {
          features[b][f][t] = pixels[i][t * FEATURES + f];
        }
      }
      oneHot[b][labels[i]] = 1f;
    }
    INDArray x = Nd4j.create(features);
    INDArray y = Nd4j.create(oneHot);
    return new DataSet(x, y);
  }
}
