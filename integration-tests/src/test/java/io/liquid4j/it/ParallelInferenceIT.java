package io.liquid4j.it;

import static io.liquid4j.it.LiquidNets.maxDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelInference;
import org.deeplearning4j.parallelism.inference.InferenceMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ParallelInference over a liquid-layer network: several client threads send requests of different
 * sequence lengths and batch sizes at once, and every answer equals {@code net.output} of the same
 * input (each replica builds its own graphs; the liquid runtime is not limited to the first length
 * it sees, unlike DL4J's stock SameDiff runtime).
 */
class ParallelInferenceIT {

  private static final int CLIENTS = 4;
  private static final int[] LENGTHS = {5, 11, 3, 24, 8};

  @ParameterizedTest
  @EnumSource(value = InferenceMode.class, names = {"SEQUENTIAL", "BATCHED"})
  void concurrentRequestsOfDifferentLengthsEqualNetOutput(InferenceMode mode) throws Exception {
    MultiLayerNetwork net = LiquidNets.regressionMln(LiquidNets.cfcWithOptions(), 5);
    net.fit(LiquidNets.regressionData(4, 10, 1));
    List<INDArray> inputs = new ArrayList<>();
    List<INDArray> expected = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      for (int i = 0; i < LENGTHS.length; i++) {
        INDArray x = LiquidNets.regressionData(1 + (c + i) % 3, LENGTHS[(c + i) % LENGTHS.length],
            100 + 10L * c + i).getFeatures();
        inputs.add(x);
        expected.add(net.output(x)); // before the workers start: the root worker uses this net
      }
    }
    ParallelInference pi = new ParallelInference.Builder(net).inferenceMode(mode).workers(2)
        .batchLimit(8).queueLimit(64).build();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<List<INDArray>>> answers = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int from = c * LENGTHS.length;
        answers.add(clients.submit(() -> {
          List<INDArray> out = new ArrayList<>();
          for (int i = from; i < from + LENGTHS.length; i++) {
            out.add(pi.output(inputs.get(i)));
          }
          return out;
        }));
      }
      int k = 0;
      for (Future<List<INDArray>> f : answers) {
        for (INDArray out : f.get(5, TimeUnit.MINUTES)) {
          assertArrayEquals(expected.get(k).shape(), out.shape(), "request " + k);
          assertEquals(0.0, maxDiff(expected.get(k), out), 1e-6, "request " + k);
          k++;
        }
      }
      assertEquals(CLIENTS * LENGTHS.length, k);
    } finally {
      clients.shutdownNow();
      pi.shutdown();
    }
  }
}
