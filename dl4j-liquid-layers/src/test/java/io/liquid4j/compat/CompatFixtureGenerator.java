package io.liquid4j.compat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the compatibility fixtures of this release (see {@code
 * src/test/resources/io/liquid4j/compat/v0.1.0/README.md}): a main in the test sources, not a
 * test, so the suite never rewrites them. Run it once per release, into a new directory.
 */
public final class CompatFixtureGenerator {

  private CompatFixtureGenerator() {}

  /**
   * Writes the fixtures.
   *
   * @param args the target directory
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("CompatFixtureGenerator: expected one argument, the "
          + "target directory, got " + args.length);
    }
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (String name : CompatFixtures.NAMES) {
      MultiLayerNetwork net = CompatFixtures.network(name);
      boolean timespans = name.equals("cfc_options");
      INDArray x = CompatFixtures.input(timespans);
      for (int i = 0; i < CompatFixtures.TRAIN_ITERATIONS; i++) {
        net.fit(x, CompatFixtures.labels());
      }
      Files.writeString(dir.resolve(name + ".config.json"),
          net.getLayerWiseConfigurations().toJson() + "\n", StandardCharsets.UTF_8);
      File zip = dir.resolve(name + ".zip").toFile();
      ModelSerializer.writeModel(net, zip, true);
      Map<String, INDArray> arrays = new LinkedHashMap<>();
      arrays.put("input", x);
      arrays.put("output", net.output(x));
      CompatFixtures.writeArrays(dir.resolve(name + ".expected.txt"), arrays);
    }
  }
}
