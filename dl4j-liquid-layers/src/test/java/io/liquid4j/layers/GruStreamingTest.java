package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Streaming {@link GruLayer}: {@code MultiLayerNetwork.rnnTimeStep} one step at a time and in
 * chunks of 3 + 4 steps carries the state so that the outputs equal {@code output} of the whole
 * 7-step sequence, including with a chunk length that splits the full pass differently.
 *
 * <p>Steps are 2-D {@code [B, F]} in NCW. In NWC they are {@code [B, 1, F]}: for a 2-D step DL4J
 * M2.1's {@code MultiLayerNetwork.rnnTimeStep} squeezes a 3-D output assuming NCW ({@code
 * tensorAlongDimension(0, 1, 0)}), which for an NWC {@code RnnOutputLayer} keeps only the first
 * output unit; the layer's side of 2-D NWC steps is checked through its state instead.
 */
class GruStreamingTest {

  private static final int B = 2;
  private static final int F = 3;
  private static final int T = 7;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @ParameterizedTest(name = "{0}, maxChunkLength {1}")
  @CsvSource({"NCW,32", "NWC,32", "NCW,2"})
  void streamingEqualsTheWholeSequence(RNNFormat format, int chunk) {
    boolean nwc = format == RNNFormat.NWC;
    MultiLayerNetwork net = net(format, chunk);
    INDArray x = input(nwc);
    INDArray full = net.output(x);

    net.rnnClearPreviousState();
    for (int t = 0; t < T; t++) {
      INDArray step = nwc ? x.get(steps(true, NDArrayIndex.interval(t, t + 1))).dup()
          : x.get(steps(false, NDArrayIndex.point(t))).dup(); // NWC [B, 1, F]; NCW [B, F]
      INDArray out = net.rnnTimeStep(step);
      INDArray expected = full.get(steps(nwc, nwc ? NDArrayIndex.interval(t, t + 1)
          : NDArrayIndex.point(t)));
      assertArrayEquals(expected.shape(), out.shape());
      assertEquals(0.0, out.sub(expected).amaxNumber().doubleValue(), Tolerances.SAME_DOUBLE,
          "step " + t);
    }

    net.rnnClearPreviousState();
    INDArray first = net.rnnTimeStep(x.get(steps(nwc, NDArrayIndex.interval(0, 3))).dup());
    INDArray second = net.rnnTimeStep(x.get(steps(nwc, NDArrayIndex.interval(3, T))).dup());
    assertEquals(0.0, first.sub(full.get(steps(nwc, NDArrayIndex.interval(0, 3)))).amaxNumber()
        .doubleValue(), Tolerances.SAME_DOUBLE);
    assertEquals(0.0, second.sub(full.get(steps(nwc, NDArrayIndex.interval(3, T)))).amaxNumber()
        .doubleValue(), Tolerances.SAME_DOUBLE);
  }

  @Test
  void twoDimensionalStepsReachAnNwcLayerAsSteps() {
    MultiLayerNetwork net = net(RNNFormat.NWC, 32);
    INDArray x = input(true);
    net.rnnTimeStep(x);
    INDArray whole = net.rnnGetPreviousState(0).get("h").dup();
    net.rnnClearPreviousState();
    for (int t = 0; t < T; t++) {
      net.rnnTimeStep(x.get(steps(true, NDArrayIndex.point(t))).dup()); // [B, F]
    }
    INDArray stepped = net.rnnGetPreviousState(0).get("h");
    assertEquals(0.0, stepped.sub(whole).amaxNumber().doubleValue(), Tolerances.SAME_DOUBLE);
  }

  private static MultiLayerNetwork net(RNNFormat format, int chunk) {
    return Nets.regression(GruLayer.builder().units(5).dataFormat(format).maxChunkLength(chunk)
        .build(), F, 2, true, format, DataType.DOUBLE, new NoOp(), 9);
  }

  private static INDArray input(boolean nwc) {
    Nd4j.getRandom().setSeed(4);
    return nwc ? Nd4j.randn(DataType.DOUBLE, B, T, F) : Nd4j.randn(DataType.DOUBLE, B, F, T);
  }

  private static INDArrayIndex[] steps(boolean nwc, INDArrayIndex time) {
    return nwc ? new INDArrayIndex[] {NDArrayIndex.all(), time, NDArrayIndex.all()}
        : new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), time};
  }
}
