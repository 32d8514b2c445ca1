package io.liquid4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liquid4j.runtime.ModelFiles;
import java.io.EOFException;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Broken model files fail with an exception that says what is wrong, never a JVM crash or silent
 * NaN outputs. Plain {@code ModelSerializer} gives Java's zip exceptions or DL4J's "Model wasnt
 * found" (asserted, so a DL4J upgrade that changes them is noticed); {@link ModelFiles} names the
 * file and the problem. NaN parameters: the liquid layer names itself and the parameter at the
 * first forward pass, or at load time through {@link ModelFiles}.
 */
class ModelFileIT {

  @TempDir Path tmp;

  private File saved(String name) throws Exception {
    MultiLayerNetwork net = LiquidNets.regressionMln(LiquidNets.cfcWithOptions(), 1);
    net.fit(LiquidNets.regressionData(2, 5, 1));
    File file = tmp.resolve(name).toFile();
    ModelSerializer.writeModel(net, file, true);
    return file;
  }

  /** DL4J's own exception (documented here, as it may change) and ours, which names the file. */
  private static IOException assertBothFail(File file, Class<? extends Exception> dl4j) {
    Exception raw = assertThrows(Exception.class,
        () -> ModelSerializer.restoreMultiLayerNetwork(file, true));
    assertEquals(dl4j, raw.getClass(), raw.toString());
    IOException ours = assertThrows(IOException.class,
        () -> ModelFiles.restoreMultiLayerNetwork(file, true));
    assertTrue(ours.getMessage().startsWith("model file " + file + " "), ours.getMessage());
    assertThrows(IOException.class, () -> ModelFiles.restoreComputationGraph(file, true));
    return ours;
  }

  @Test
  void truncatedModelFileFails() throws Exception {
    File file = saved("truncated.zip");
    byte[] bytes = Files.readAllBytes(file.toPath());
    Files.write(file.toPath(), Arrays.copyOf(bytes, bytes.length / 2));
    IOException ex = assertBothFail(file, EOFException.class); // "Unexpected end of ZLIB input"
    assertTrue(ex.getMessage().contains("is not a readable zip, truncated or corrupt"),
        ex.getMessage());
  }

  @Test
  void corruptedModelFileFails() throws Exception {
    File file = saved("corrupt.zip");
    byte[] bytes = Files.readAllBytes(file.toPath());
    for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(file.toPath(), bytes);
    IOException ex = assertBothFail(file, ZipException.class); // "invalid entry size ..."
    assertTrue(ex.getMessage().contains(" is corrupt: "), ex.getMessage());
  }

  @Test
  void notAModelFileFails() throws Exception {
    File text = tmp.resolve("notes.zip").toFile();
    Files.writeString(text.toPath(), "not a zip");
    // DL4J: "Model wasnt found within file: gotConfig: [false], gotCoefficients: [false], ..."
    assertTrue(assertBothFail(text, IllegalStateException.class).getMessage()
        .contains("is not a readable zip"));
    File other = tmp.resolve("other.zip").toFile();
    try (ZipOutputStream zip = new ZipOutputStream(new FileOutputStream(other))) {
      zip.putNextEntry(new ZipEntry("readme.txt"));
      zip.write("hello".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    assertEquals("model file " + other + " is a zip but not a DL4J model: expected entries "
        + "configuration.json and coefficients.bin, got no configuration.json and no "
        + "coefficients.bin", assertBothFail(other, IllegalStateException.class).getMessage());
    assertThrows(IOException.class,
        () -> ModelFiles.restoreMultiLayerNetwork(tmp.resolve("missing.zip").toFile(), true));
  }

  @Test
  void nanParametersInAModelFileFailAtTheFirstForwardPass() throws Exception {
    MultiLayerNetwork net = LiquidNets.regressionMln(LiquidNets.cfcWithOptions(), 1);
    net.getLayer(0).getParam("ff1W").putScalar(1, 2, Float.NaN);
    File file = tmp.resolve("nan.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, true);
    INDArray x = LiquidNets.regressionData(2, 5, 1).getFeatures();
    IllegalStateException ex = assertThrows(IllegalStateException.class, () -> loaded.output(x));
    String message = "CfcLayer(name=\"layer0\"): parameter \"ff1W\" must be finite, got NaN at "
        + "[1, 2] (1 of 40 values non-finite); the model file or the parameters set on this "
        + "network are broken";
    assertEquals(message, ex.getMessage());
    // ModelFiles reports it at load time already
    assertEquals(message, assertThrows(IllegalStateException.class,
        () -> ModelFiles.restoreMultiLayerNetwork(file, true)).getMessage());

    ComputationGraph g = LiquidNets.regressionGraph(LiquidNets.wiredNcp(), 1);
    g.getLayer("liquid").getParam("layer1timeAb").putScalar(0, Float.POSITIVE_INFINITY);
    File gfile = tmp.resolve("nan-graph.zip").toFile();
    ModelSerializer.writeModel(g, gfile, true);
    ComputationGraph gl = ModelSerializer.restoreComputationGraph(gfile, true);
    IllegalStateException gex = assertThrows(IllegalStateException.class,
        () -> gl.outputSingle(x));
    assertTrue(gex.getMessage().startsWith("WiredCfcLayer(name=\"liquid\"): parameter "
        + "\"layer1timeAb\" must be finite, got Infinity at [0]"), gex.getMessage());
  }
}
