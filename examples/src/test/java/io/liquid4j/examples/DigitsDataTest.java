package io.liquid4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class DigitsDataTest {

  private static final DigitsData DATA = DigitsData.load();

  @Test
  void loadsAllRowsWithValuesInUnitRange() {
    assertEquals(DigitsData.ROWS, DATA.size());
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int i = 0; i < DATA.size(); i++) {
      assertTrue(DATA.label(i) >= 0 && DATA.label(i) < DigitsData.CLASSES);
      for (float p : DATA.pixels(i)) {
        min = Math.min(min, p);
        max = Math.max(max, p);
      }
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
  }

  @Test
  void classesAreBalanced() {
    int[] counts = new int[DigitsData.CLASSES];
    for (int i = 0; i < DATA.size(); i++) {
      counts[DATA.label(i)]++;
    }
    for (int c : counts) {
      assertTrue(c >= 174 && c <= 183, "class count " + c); // UCI test set: 174..183 per digit
    }
  }

  @Test
  void splitHasNcwShapeOneHotLabelsAndKeepsBalance() {
    DigitsData.Split split = DATA.split(0.2, 42, 0);
    DataSet train = split.train();
    DataSet test = split.test();
    assertEquals(DigitsData.ROWS, train.numExamples() + test.numExamples());
    assertEquals(360, test.numExamples(), 5);
    assertArrayEquals(new long[] {train.numExamples(), 8, 8}, train.getFeatures().shape());
    assertArrayEquals(new long[] {test.numExamples(), 10}, test.getLabels().shape());
    assertEquals(test.numExamples(), test.getLabels().sumNumber().intValue());
    INDArray perClass = test.getLabels().sum(0);
    for (int c = 0; c < DigitsData.CLASSES; c++) {
      assertEquals(36, perClass.getInt(c), 1);
    }
    assertTrue(train.getFeatures().minNumber().doubleValue() >= 0);
    assertTrue(train.getFeatures().maxNumber().doubleValue() <= 1);
  }

  @Test
  void featuresAreImageRowsOverTime() {
    DigitsData.Split split = DATA.split(0.2, 1, 0);
    INDArray x = split.train().getFeatures();
    INDArray y = split.train().getLabels();
    // Find the first training image in the raw data by its pixels and label.
    float[] expected = null;
    int label = y.getRow(0).argMax().getInt(0);
    for (int i = 0; i < DATA.size() && expected == null; i++) {
      float[] px = DATA.pixels(i);
      boolean same = DATA.label(i) == label;
      for (int t = 0; t < 8 && same; t++) {
        for (int f = 0; f < 8 && same; f++) {
          same = px[t * 8 + f] == x.getFloat(0, f, t);
        }
      }
      if (same) {
        expected = px;
      }
    }
    assertTrue(expected != null, "first training sequence is not an image read row by row");
  }

  @Test
  void sameSeedSameSplitAndLimitShrinks() {
    DataSet a = DATA.split(0.2, 7, 200).test();
    DataSet b = DATA.split(0.2, 7, 200).test();
    assertEquals(a.getFeatures(), b.getFeatures());
    DigitsData.Split small = DATA.split(0.2, 7, 200);
    int n = small.train().numExamples() + small.test().numExamples();
    assertEquals(200, n, 10);
    assertThrows(IllegalArgumentException.class, () -> DATA.split(1.0, 7, 0));
  }

  @Test
  void partitionKeepsTheTestImagesOfSplitAndHoldsOutAStratifiedValidationSet() {
    DataSet test = DATA.split(0.2, 42, 0).test();
    DigitsData.Partition p = DATA.partition(0.2, 0.15, 42, 0);
    assertEquals(DigitsData.ROWS,
        p.train().numExamples() + p.validation().numExamples() + p.test().numExamples());
    assertEquals(test.numExamples(), p.test().numExamples());
    assertEquals(rowsAsStrings(test), rowsAsStrings(p.test()));
    int trainPart = DigitsData.ROWS - test.numExamples();
    assertEquals(Math.round(trainPart * 0.15), p.validation().numExamples(), 10);
    INDArray perClass = p.validation().getLabels().sum(0);
    for (int c = 0; c < DigitsData.CLASSES; c++) {
      assertEquals(22, perClass.getInt(c), 1);
    }
    Set<String> validation = new HashSet<>(rowsAsStrings(p.validation()));
    for (String image : rowsAsStrings(p.test())) {
      assertFalse(validation.contains(image) && !isDuplicateImage(image), "validation leaks test");
    }
    assertThrows(IllegalArgumentException.class, () -> DATA.partition(0.2, 0, 42, 0));
  }

  /** Some digits images occur twice in the file; those may legitimately sit in two sets. */
  private static boolean isDuplicateImage(String image) {
    int count = 0;
    for (int i = 0; i < DATA.size(); i++) {
      if (Arrays.toString(DATA.pixels(i)).equals(image)) {
        count++;
      }
    }
    return count > 1;
  }

  /** The images of {@code data} as sorted pixel strings, independent of the order. */
  private static List<String> rowsAsStrings(DataSet data) {
    List<String> rows = new ArrayList<>();
    INDArray x = data.getFeatures();
    for (int b = 0; b < data.numExamples(); b++) {
      float[] px = new float[64];
      for (int t = 0; t < 8; t++) {
        for (int f = 0; f < 8; f++) {
          px[t * 8 + f] = x.getFloat(b, f, t);
        }
      }
      rows.add(Arrays.toString(px));
    }
    rows.sort(null);
    return rows;
  }
}
