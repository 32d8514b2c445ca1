package io.liquid4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * One golden ncps case (format: {@code FORMAT.md} next to the cases): tensors as float64 arrays in
 * batch-first layout, parameters and gradients keyed by torch names.
 */
public final class NcpsCase {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String name;
  private final JsonNode root;

  private NcpsCase(String name, JsonNode root) {
    this.name = name;
    this.root = root;
  }

  /** Reads a case file. */
  public static NcpsCase read(Path file) throws IOException {
    JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
    String fileName = file.getFileName().toString();
    return new NcpsCase(fileName.substring(0, fileName.length() - ".json".length()), root);
  }

  public String name() {
    return name;
  }

  /** "CfC" or "LTC". */
  public String cell() {
    return root.get("cell").asText();
  }

  public boolean wired() {
    return root.get("wired").asBoolean();
  }

  /** {@code constructor.effective}: every constructor argument with defaults filled in. */
  public JsonNode effective() {
    return root.get("constructor").get("effective");
  }

  public JsonNode wiring() {
    return root.get("wiring");
  }

  public int size(String key) {
    return root.get("sizes").get(key).asInt();
  }

  /** Every entry of {@code params} by torch name. */
  public Map<String, INDArray> params() {
    return tensors(root.get("params"));
  }

  /** Names of the trained parameters. */
  public List<String> trainable() {
    List<String> out = new ArrayList<>();
    root.get("trainable").forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Every entry of {@code grads} by name. */
  public Map<String, INDArray> grads() {
    return tensors(root.get("grads"));
  }

  public INDArray input() {
    return tensor(root.get("input"));
  }

  /** {@code [B, T]} or null. */
  public INDArray timespans() {
    JsonNode n = root.get("timespans");
    return n == null || n.isNull() ? null : tensor(n);
  }

  /** {@code {"h": .., "c": ..}} or empty. */
  public Map<String, INDArray> initialState() {
    JsonNode n = root.get("initial_state");
    return n == null || n.isNull() ? Map.of() : tensors(n);
  }

  public Map<String, INDArray> finalState() {
    return tensors(root.get("final_state"));
  }

  public INDArray output() {
    return tensor(root.get("output"));
  }

  public INDArray lossWeights() {
    return tensor(root.get("loss_weights"));
  }

  public double lossValue() {
    return root.get("loss_value").asDouble();
  }

  private static Map<String, INDArray> tensors(JsonNode object) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), tensor(e.getValue()));
    }
    return out;
  }

  /** A {@code {"shape": [...], "data": [...]}} tensor in C order, as float64. */
  public static INDArray tensor(JsonNode n) {
    JsonNode shapeNode = n.get("shape");
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong();
    }
    JsonNode data = n.get("data");
    double[] values = new double[data.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = data.get(i).asDouble();
    }
    if (shape.length == 0) {
      return Nd4j.scalar(DataType.DOUBLE, values[0]);
    }
    return Nd4j.create(values, shape, 'c').castTo(DataType.DOUBLE);
  }

  @Override
  public String toString() {
    return name;
  }
}
