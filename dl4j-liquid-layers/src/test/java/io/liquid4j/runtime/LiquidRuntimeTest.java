package io.liquid4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.layers.CfcLayer;
import io.liquid4j.testing.LayerHarness;
import io.liquid4j.testing.Nets;
import io.liquid4j.testing.Tolerances;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/** The liquid runtime: any length, bounded graphs, masks, formats, dropout, silence. */
class LiquidRuntimeTest {

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private static CfcLayer.Builder small() {
    return CfcLayer.builder().units(3).backboneUnits(5);
  }

  private static INDArray steps(INDArray a, int from, int to) {
    return a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to));
  }

  private static double maxDiff(INDArray a, INDArray b) {
    return a.sub(b).amaxNumber().doubleValue();
  }

  @Test
  void trainsOnOneLengthAndPredictsOnOthersWithoutTruncation() {
    MultiLayerNetwork net = Nets.regression(small().build(), 2, 1, true, RNNFormat.NCW,
        DataType.DOUBLE, new Adam(1e-2), 1);
    net.fit(Nd4j.randn(DataType.DOUBLE, 4, 2, 10), Nd4j.randn(DataType.DOUBLE, 4, 1, 10));
    INDArray long300 = Nd4j.randn(DataType.DOUBLE, 3, 2, 300);
    INDArray out300 = net.output(long300);
    assertArrayEquals(new long[] {3, 1, 300}, out300.shape());
    INDArray out7 = net.output(steps(long300, 0, 7).dup());
    assertArrayEquals(new long[] {3, 1, 7}, out7.shape());
    // causal: the first 7 outputs of the long sequence are the outputs of its 7-step prefix
    assertEquals(0.0, maxDiff(out7, steps(out300, 0, 7)), Tolerances.SAME_DOUBLE);
    // the last steps are real outputs, not padding
    assertTrue(steps(out300, 290, 300).amaxNumber().doubleValue() > 0);
    net.fit(Nd4j.randn(DataType.DOUBLE, 2, 2, 37), Nd4j.randn(DataType.DOUBLE, 2, 1, 37));
  }

  @Test
  void chunkingDoesNotChangeResults() {
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 2, 45);
    INDArray eps = Nd4j.randn(DataType.DOUBLE, 2, 3, 45);
    Pair<Gradient, INDArray> reference = null;
    INDArray referenceOut = null;
    for (int chunk : new int[] {64, 8, 1}) {
      LayerHarness h = new LayerHarness(small().maxChunkLength(chunk).build(), 2,
          DataType.DOUBLE, 9);
      INDArray out = h.forward(x, null, true);
      Pair<Gradient, INDArray> g = h.backward(eps);
      if (reference == null) {
        reference = g;
        referenceOut = out;
        continue;
      }
      assertEquals(0.0, maxDiff(referenceOut, out), Tolerances.SAME_DOUBLE, "output, chunk " + chunk);
      assertEquals(0.0, maxDiff(reference.getSecond(), g.getSecond()), Tolerances.SAME_DOUBLE,
          "input gradient, chunk " + chunk);
      for (String k : reference.getFirst().gradientForVariable().keySet()) {
        assertEquals(0.0, maxDiff(reference.getFirst().getGradientFor(k),
            g.getFirst().getGradientFor(k)), Tolerances.SAME_DOUBLE, k + ", chunk " + chunk);
      }
    }
  }

  @Test
  void manyLengthsBuildABoundedNumberOfGraphs() {
    LayerHarness h = new LayerHarness(small().maxChunkLength(16).build(), 2, DataType.DOUBLE, 2);
    for (int t = 1; t <= 70; t++) {
      assertArrayEquals(new long[] {2, 3, t},
          h.forward(Nd4j.randn(DataType.DOUBLE, 2, 2, t), null, false).shape());
    }
    // chunk lengths 16, 8, 4, 2, 1: one inference graph each, whatever the lengths
    assertEquals(5, h.layer().graphCount());
  }

  @Test
  void paddedMaskedSequencesEqualUnpadded() {
    int[] lengths = {6, 4, 1};
    int maxLength = 6;
    CfcLayer conf = small().mixedMemory(true).maxChunkLength(4).build();
    LayerHarness batch = new LayerHarness(conf, 2, DataType.DOUBLE, 5);
    INDArray x = Nd4j.randn(DataType.DOUBLE, lengths.length, 2, maxLength); // padding is noise
    INDArray mask = Nd4j.zeros(DataType.DOUBLE, lengths.length, maxLength);
    INDArray eps = Nd4j.randn(DataType.DOUBLE, lengths.length, 3, maxLength);
    for (int i = 0; i < lengths.length; i++) {
      mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, lengths[i])).assign(1);
      if (lengths[i] < maxLength) {
        eps.get(NDArrayIndex.point(i), NDArrayIndex.all(),
            NDArrayIndex.interval(lengths[i], maxLength)).assign(0);
      }
    }
    INDArray out = batch.forward(x, mask, true);
    Pair<Gradient, INDArray> g = batch.backward(eps);

    LayerHarness lastOnly = new LayerHarness(small().mixedMemory(true).maxChunkLength(4)
        .returnSequences(false).build(), 2, DataType.DOUBLE, 5);
    lastOnly.net().params().assign(batch.net().params());
    INDArray finalStates = lastOnly.forward(x, mask, false);

    Gradient sum = null;
    for (int i = 0; i < lengths.length; i++) {
      INDArrayIndex sample = NDArrayIndex.interval(i, i + 1);
      LayerHarness single = new LayerHarness(conf, 2, DataType.DOUBLE, 5);
      single.net().params().assign(batch.net().params());
      INDArray xi = x.get(sample, NDArrayIndex.all(), NDArrayIndex.interval(0, lengths[i])).dup();
      INDArray outI = single.forward(xi, null, true);
      INDArray valid = out.get(sample, NDArrayIndex.all(), NDArrayIndex.interval(0, lengths[i]));
      assertEquals(0.0, maxDiff(outI, valid), Tolerances.SAME_DOUBLE, "outputs at valid steps");
      if (lengths[i] < maxLength) {
        assertEquals(0.0, out.get(sample, NDArrayIndex.all(),
            NDArrayIndex.interval(lengths[i], maxLength)).amaxNumber().doubleValue(), 0.0,
            "masked steps output zeros, as DL4J's recurrent layers do");
      }
      INDArray lastI = steps(outI, lengths[i] - 1, lengths[i]).reshape(1, 3);
      assertEquals(0.0, maxDiff(lastI, finalStates.get(sample, NDArrayIndex.all())),
          Tolerances.SAME_DOUBLE, "final state of sample " + i);
      Pair<Gradient, INDArray> gi = single.backward(
          eps.get(sample, NDArrayIndex.all(), NDArrayIndex.interval(0, lengths[i])).dup());
      INDArray inputGradValid = g.getSecond().get(sample, NDArrayIndex.all(),
          NDArrayIndex.interval(0, lengths[i]));
      assertEquals(0.0, maxDiff(gi.getSecond(), inputGradValid), Tolerances.SAME_DOUBLE,
          "input gradient of sample " + i);
      if (sum == null) {
        sum = gi.getFirst();
      } else {
        for (String k : sum.gradientForVariable().keySet()) {
          sum.getGradientFor(k).addi(gi.getFirst().getGradientFor(k));
        }
      }
    }
    for (String k : sum.gradientForVariable().keySet()) {
      assertEquals(0.0, maxDiff(sum.getGradientFor(k), g.getFirst().getGradientFor(k)),
          Tolerances.SAME_DOUBLE, "parameter gradient " + k);
    }
  }

  @Test
  void ncwAndNwcAgree() {
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 2, 7);
    INDArray eps = Nd4j.randn(DataType.DOUBLE, 2, 3, 7);
    LayerHarness ncw = new LayerHarness(small().dataFormat(RNNFormat.NCW).build(), 2,
        DataType.DOUBLE, 4);
    LayerHarness nwc = new LayerHarness(small().dataFormat(RNNFormat.NWC).build(), 2,
        DataType.DOUBLE, 4);
    nwc.net().params().assign(ncw.net().params());
    INDArray outNcw = ncw.forward(x, null, true);
    INDArray outNwc = nwc.forward(x.permute(0, 2, 1).dup(), null, true);
    assertEquals(0.0, maxDiff(outNcw, outNwc.permute(0, 2, 1)), Tolerances.SAME_DOUBLE);
    INDArray gNcw = ncw.backward(eps).getSecond();
    INDArray gNwc = nwc.backward(eps.permute(0, 2, 1).dup()).getSecond();
    assertEquals(0.0, maxDiff(gNcw, gNwc.permute(0, 2, 1)), Tolerances.SAME_DOUBLE);
  }

  @Test
  void floatAgreesWithDouble() {
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 2, 9);
    LayerHarness d = new LayerHarness(small().build(), 2, DataType.DOUBLE, 6);
    LayerHarness f = new LayerHarness(small().build(), 2, DataType.FLOAT, 6);
    f.net().params().assign(d.net().params().castTo(DataType.FLOAT));
    INDArray outF = f.forward(x.castTo(DataType.FLOAT), null, false);
    assertEquals(DataType.FLOAT, outF.dataType());
    assertEquals(0.0, maxDiff(d.forward(x, null, false), outF.castTo(DataType.DOUBLE)),
        Tolerances.SAME_FLOAT);
  }

  @Test
  void backboneDropoutActsOnlyWhileTraining() {
    LayerHarness h = new LayerHarness(small().backboneLayers(2).backboneDropout(0.5).build(), 2,
        DataType.DOUBLE, 8);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 2, 6);
    INDArray inference = h.forward(x, null, false);
    assertEquals(0.0, maxDiff(inference, h.forward(x, null, false)), 0.0,
        "inference is deterministic");
    INDArray train1 = h.forward(x, null, true);
    INDArray train2 = h.forward(x, null, true);
    assertNotEquals(0.0, maxDiff(train1, inference), "training applies dropout");
    assertNotEquals(0.0, maxDiff(train1, train2), "fresh masks per training pass");
  }

  @Test
  void layerDropoutActsOnlyWhileTraining() {
    LayerHarness h = new LayerHarness(small().dropOut(0.5).build(), 2, DataType.DOUBLE, 8);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 2, 6);
    INDArray inference = h.forward(x, null, false);
    assertEquals(0.0, maxDiff(inference, h.forward(x, null, false)), 0.0);
    assertNotEquals(0.0, maxDiff(h.forward(x, null, true), inference));
  }

  @Test
  void printsNothingOnStdout() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      MultiLayerNetwork net = Nets.regression(small().mixedMemory(true).build(), 2, 1, true,
          RNNFormat.NCW, DataType.DOUBLE, new Adam(1e-2), 1);
      net.fit(Nd4j.randn(DataType.DOUBLE, 2, 2, 5), Nd4j.randn(DataType.DOUBLE, 2, 1, 5));
      net.output(Nd4j.randn(DataType.DOUBLE, 2, 2, 3));
    } finally {
      System.setOut(original);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }
}
