package io.liquid4j.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Reads the {@code wiring} object of the ncps golden file in the test resources. */
final class Golden {

  static final String AUTONCP = "ltc_autoncp.json";

  private Golden() {}

  /** The {@code wiring} JSON object of a golden case. */
  static JsonNode wiringNode(String file) {
    try (InputStream in = Golden.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource io/liquid4j/wiring/" + file);
      }
      return new ObjectMapper().readTree(in).get("wiring");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code {"shape": [r, c], "data": [...]}} tensor as an int matrix. */
  static int[][] matrix(JsonNode tensor) {
    int rows = tensor.get("shape").get(0).asInt();
    int cols = tensor.get("shape").get(1).asInt();
    JsonNode data = tensor.get("data");
    int[][] m = new int[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = data.get(i * cols + j).asInt();
      }
    }
    return m;
  }

  static int[][] layers(JsonNode w) {
    int[][] layers = new int[w.get("layers").size()][];
    for (int l = 0; l < layers.length; l++) {
      JsonNode ids = w.get("layers").get(l);
      layers[l] = new int[ids.size()];
      for (int i = 0; i < ids.size(); i++) {
        layers[l][i] = ids.get(i).asInt();
      }
    }
    return layers;
  }

  static List<NeuronType> types(JsonNode w) {
    List<NeuronType> types = new ArrayList<>();
    w.get("neuron_types").forEach(t -> types.add(NeuronType.fromNcpsName(t.asText())));
    return types;
  }

  /** The golden wiring as one of ours, provenance = ncps class and args. */
  static Wiring wiring(String file) {
    JsonNode w = wiringNode(file);
    java.util.Map<String, Object> args = new java.util.LinkedHashMap<>();
    w.get("args").fields().forEachRemaining(e -> args.put(e.getKey(), e.getValue().asInt()));
    return Wiring.of(matrix(w.get("adjacency_matrix")), matrix(w.get("sensory_adjacency_matrix")),
        types(w), layers(w), new WiringProvenance("ncps." + w.get("class").asText(), args, null));
  }
}
