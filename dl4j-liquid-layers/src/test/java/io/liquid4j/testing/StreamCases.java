package io.liquid4j.testing;

import io.liquid4j.layers.AbstractLiquidLayer;
import io.liquid4j.layers.CfcLayer;
import io.liquid4j.layers.WiredCfcLayer;
import io.liquid4j.wiring.AutoNcpWiring;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer variants the streaming and TBPTT tests run on, with inputs of the right layout (the
 * elapsed time, when read, is the last feature and positive).
 *
 * @param name shown in test names and messages
 * @param layer a fresh configuration per call (configurations are written by setInputType)
 * @param features input features per step, including the elapsed time
 * @param format layout of input and output
 */
public record StreamCases(String name, Supplier<AbstractLiquidLayer> layer, int features,
    RNNFormat format) {

  /** CfcLayer (plain, mixedMemory, projSize, NWC, timespansInput) and WiredCfcLayer. */
  public static Stream<StreamCases> all() {
    return Stream.of(
        new StreamCases("cfc", () -> cfc().build(), 2, RNNFormat.NCW),
        new StreamCases("cfcMixedMemory", () -> cfc().mixedMemory(true).build(), 2,
            RNNFormat.NCW),
        new StreamCases("cfcProjSize", () -> cfc().projSize(2).build(), 2, RNNFormat.NCW),
        new StreamCases("cfcNwc", () -> cfc().dataFormat(RNNFormat.NWC).build(), 2,
            RNNFormat.NWC),
        new StreamCases("cfcTimespans", () -> cfc().timespansInput(true).build(), 3,
            RNNFormat.NCW),
        new StreamCases("wiredCfc", () -> WiredCfcLayer.builder().name("stream")
            .wiring(new AutoNcpWiring(6, 2)).mixedMemory(true).build(), 2, RNNFormat.NCW));
  }

  private static CfcLayer.Builder cfc() {
    return CfcLayer.builder().name("stream").units(3).backboneUnits(4).maxChunkLength(4);
  }

  /** Random input {@code [B, F, T]} (NCW) or {@code [B, T, F]} (NWC), seeded. */
  public INDArray input(int batch, int length, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray ncw = Nd4j.randn(DataType.DOUBLE, batch, features, length);
    if (layer.get().isTimespansInput()) {
      ncw.get(NDArrayIndex.all(), NDArrayIndex.point(features - 1), NDArrayIndex.all())
          .assign(Nd4j.rand(DataType.DOUBLE, batch, length).addi(0.2));
    }
    return format == RNNFormat.NWC ? ncw.permute(0, 2, 1).dup('c') : ncw;
  }

  /** Steps {@code [from, to)} of an array in this case's layout, as a copy. */
  public INDArray steps(INDArray a, int from, int to) {
    return format == RNNFormat.NWC
        ? a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup()
        : a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
  }

  /** Step {@code t} as a 2-D {@code [B, F]} array. */
  public INDArray step(INDArray a, int t) {
    return format == RNNFormat.NWC
        ? a.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).dup()
        : a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).dup();
  }

  /** Concatenation along time. */
  public INDArray concatTime(INDArray... parts) {
    return Nd4j.concat(format == RNNFormat.NWC ? 1 : 2, parts);
  }

  @Override
  public String toString() {
    return name;
  }
}
