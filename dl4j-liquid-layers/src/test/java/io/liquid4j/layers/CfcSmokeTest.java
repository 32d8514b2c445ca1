package io.liquid4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.liquid4j.testing.Nets;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class CfcSmokeTest {
  @Test
  void runs() {
    MultiLayerNetwork net = Nets.regression(CfcLayer.builder().units(4).backboneUnits(8).build(),
        3, 2, true, RNNFormat.NCW, DataType.FLOAT, new Adam(1e-2), 1);
    INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 10);
    INDArray y = Nd4j.rand(DataType.FLOAT, 2, 2, 10);
    assertArrayEquals(new long[] {2, 2, 10}, net.output(x).shape());
    net.fit(x, y);
    assertArrayEquals(new long[] {2, 2, 7}, net.output(Nd4j.rand(DataType.FLOAT, 2, 3, 7)).shape());
  }
}
