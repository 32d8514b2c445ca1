package io.liquid4j.testing;

import io.liquid4j.layers.AbstractLiquidLayer;
import io.liquid4j.layers.BackboneActivation;
import io.liquid4j.layers.CfcLayer;
import io.liquid4j.layers.CfcMode;
import io.liquid4j.layers.LtcLayer;
import io.liquid4j.layers.LtcMapping;
import io.liquid4j.layers.WiredCfcLayer;
import io.liquid4j.wiring.NeuronType;
import io.liquid4j.wiring.Wiring;
import io.liquid4j.wiring.WiringProvenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Builds our layer for an ncps case and maps ncps's parameter names (torch {@code state_dict}) to
 * ours: {@code Linear.weight} is {@code [out, in]}, ours {@code [in, out]}, so weights are
 * transposed; LTC tensors are already {@code [pre, post]} and keep their layout. The LTC masks
 * ({@code sparsity_mask}, {@code sensory_sparsity_mask}) are not trained and not parameters here:
 * they come from the case's wiring.
 */
public final class NcpsLayers {

  private static final Pattern BACKBONE = Pattern.compile("rnn_cell\\.backbone\\.(\\d+)\\.(weight|bias)");

  private NcpsLayers() {}

  /** Our layer configured as the case's ncps constructor, for batch-first (NWC) input. */
  public static AbstractLiquidLayer layerFor(NcpsCase c) {
    if (c.cell().equals("CfC") && !c.wired()) {
      return cfc(c);
    }
    if (c.cell().equals("CfC") && c.wired()) {
      return wiredCfc(c);
    }
    if (c.cell().equals("LTC")) {
      return ltc(c);
    }
    throw new UnsupportedOperationException("ncps case " + c.name() + ": cell " + c.cell()
        + (c.wired() ? " (wired)" : "") + " is not supported by Liquid4j yet");
  }

  private static CfcLayer cfc(NcpsCase c) {
    JsonNode e = c.effective();
    CfcLayer.Builder b = CfcLayer.builder()
        .nIn(e.get("input_size").asInt())
        .units(e.get("units").asInt())
        .mode(CfcMode.valueOf(e.get("mode").asText().toUpperCase(Locale.ROOT)))
        .backboneActivation(BackboneActivation.valueOf(
            e.get("activation").asText().toUpperCase(Locale.ROOT)))
        .backboneUnits(e.get("backbone_units").asInt())
        .backboneLayers(e.get("backbone_layers").asInt())
        .backboneDropout(e.get("backbone_dropout").asDouble())
        .returnSequences(e.get("return_sequences").asBoolean())
        .mixedMemory(e.get("mixed_memory").asBoolean())
        .timespansInput(c.timespans() != null)
        .dataFormat(RNNFormat.NWC);
    if (!e.get("proj_size").isNull()) {
      b.projSize(e.get("proj_size").asInt());
    }
    return b.build();
  }

  /**
   * ncps tensors keyed by torch name (parameters or their gradients) mapped to our keys and
   * layouts; names that are not trained parameters (masks, input, state) are left out.
   */
  public static Map<String, INDArray> toOurs(NcpsCase c, Map<String, INDArray> torch) {
    if (c.cell().equals("CfC") && c.wired()) {
      return wiredCfcParams(c, torch);
    }
    Map<String, INDArray> out = new LinkedHashMap<>();
    TreeMap<Integer, String> backboneLayers = new TreeMap<>();
    for (String name : torch.keySet()) {
      Matcher m = BACKBONE.matcher(name);
      if (m.matches()) {
        backboneLayers.put(Integer.parseInt(m.group(1)), name);
      }
    }
    Map<Integer, Integer> layerOfIndex = new LinkedHashMap<>();
    for (Integer k : backboneLayers.keySet()) {
      if (!layerOfIndex.containsKey(k)) {
        layerOfIndex.put(k, layerOfIndex.size());
      }
    }
    for (Map.Entry<String, INDArray> e : torch.entrySet()) {
      String name = e.getKey();
      if (!c.trainable().contains(name)) {
        continue;
      }
      INDArray v = e.getValue();
      Matcher m = BACKBONE.matcher(name);
      if (m.matches()) {
        int l = layerOfIndex.get(Integer.parseInt(m.group(1)));
        put(out, "backbone" + l, m.group(2), v);
        continue;
      }
      switch (name) {
        case "rnn_cell.ff1.weight", "rnn_cell.ff1.bias" -> put(out, "ff1", suffix(name), v);
        case "rnn_cell.ff2.weight", "rnn_cell.ff2.bias" -> put(out, "ff2", suffix(name), v);
        case "rnn_cell.time_a.weight", "rnn_cell.time_a.bias" -> put(out, "timeA", suffix(name), v);
        case "rnn_cell.time_b.weight", "rnn_cell.time_b.bias" -> put(out, "timeB", suffix(name), v);
        case "rnn_cell.w_tau" -> out.put("wTau", v);
        case "rnn_cell.A" -> out.put("A", v);
        case "fc.weight", "fc.bias" -> put(out, "fc", suffix(name), v);
        case "lstm.input_map.weight", "lstm.input_map.bias" -> put(out, "lstmInput", suffix(name), v);
        case "lstm.recurrent_map.weight" -> put(out, "lstmRecurrent", "weight", v);
        // LTC: [S], [S, S] and [F, S] tensors, already [pre, post]: no transpose
        case "rnn_cell.gleak", "rnn_cell.vleak", "rnn_cell.cm", "rnn_cell.w", "rnn_cell.sigma",
            "rnn_cell.mu", "rnn_cell.erev", "rnn_cell.sensory_w", "rnn_cell.sensory_sigma",
            "rnn_cell.sensory_mu", "rnn_cell.sensory_erev" ->
            out.put(camel(name.substring("rnn_cell.".length())), v.dup('c'));
        case "rnn_cell.input_w" -> out.put("inputW", v.dup('c'));
        case "rnn_cell.input_b" -> out.put("inputb", v.dup('c'));
        case "rnn_cell.output_w" -> out.put("outputW", v.dup('c'));
        case "rnn_cell.output_b" -> out.put("outputb", v.dup('c'));
        default -> throw new IllegalArgumentException(
            "ncps case " + c.name() + ": no mapping for parameter " + name);
      }
    }
    return out;
  }

  private static LtcLayer ltc(NcpsCase c) {
    JsonNode e = c.effective();
    return LtcLayer.builder()
        .nIn(e.get("input_size").asInt())
        .wiring(caseWiring(c))
        .odeUnfolds(e.get("ode_unfolds").asInt())
        .epsilon(e.get("epsilon").asDouble())
        .implicitConstraints(e.get("implicit_param_constraints").asBoolean())
        .inputMapping(mapping(e.get("input_mapping")))
        .outputMapping(mapping(e.get("output_mapping")))
        .returnSequences(e.get("return_sequences").asBoolean())
        .mixedMemory(e.get("mixed_memory").asBoolean())
        .timespansInput(c.timespans() != null)
        .dataFormat(RNNFormat.NWC)
        .build();
  }

  private static LtcMapping mapping(JsonNode n) {
    return n == null || n.isNull() ? LtcMapping.NONE
        : switch (n.asText()) {
          case "affine" -> LtcMapping.AFFINE;
          case "linear" -> LtcMapping.LINEAR;
          default -> LtcMapping.NONE;
        };
  }

  /** {@code sensory_sigma -> sensorySigma}. */
  private static String camel(String snake) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char ch : snake.toCharArray()) {
      if (ch == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- wired CfC

  private static final Pattern WIRED_HEAD =
      Pattern.compile("rnn_cell\\.layer_(\\d+)\\.(ff1|ff2|time_a|time_b)\\.(weight|bias)");
  private static final Pattern WIRED_PURE = Pattern.compile("rnn_cell\\.layer_(\\d+)\\.(w_tau|A)");

  /** Our wired CfC for the case, on the case's stored wiring (so the masks equal ncps's). */
  private static WiredCfcLayer wiredCfc(NcpsCase c) {
    JsonNode e = c.effective();
    WiredCfcLayer.Builder b = WiredCfcLayer.builder()
        .nIn(e.get("input_size").asInt())
        .wiring(caseWiring(c))
        .mode(CfcMode.valueOf(e.get("mode").asText().toUpperCase(Locale.ROOT)))
        .returnSequences(e.get("return_sequences").asBoolean())
        .mixedMemory(e.get("mixed_memory").asBoolean())
        .timespansInput(c.timespans() != null)
        .dataFormat(RNNFormat.NWC);
    if (!e.get("proj_size").isNull()) {
      b.projSize(e.get("proj_size").asInt());
    }
    return b.build();
  }

  /** The case's {@code wiring} object (matrices, types, layers) as one of our wirings. */
  public static Wiring caseWiring(NcpsCase c) {
    JsonNode w = c.wiring();
    int[][] layers = new int[w.get("layers").size()][];
    for (int l = 0; l < layers.length; l++) {
      JsonNode ids = w.get("layers").get(l);
      layers[l] = new int[ids.size()];
      for (int i = 0; i < ids.size(); i++) {
        layers[l][i] = ids.get(i).asInt();
      }
    }
    List<NeuronType> types = new ArrayList<>();
    w.get("neuron_types").forEach(t -> types.add(NeuronType.fromNcpsName(t.asText())));
    Map<String, Object> args = new LinkedHashMap<>();
    w.get("args").fields().forEachRemaining(a -> args.put(a.getKey(), a.getValue().asInt()));
    return Wiring.of(intMatrix(w.get("adjacency_matrix")),
        intMatrix(w.get("sensory_adjacency_matrix")), types, layers,
        new WiringProvenance("ncps." + w.get("class").asText(), args, null));
  }

  private static int[][] intMatrix(JsonNode tensor) {
    double[][] m = NcpsCase.tensor(tensor).toDoubleMatrix();
    int[][] out = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new int[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        out[i][j] = (int) m[i][j];
      }
    }
    return out;
  }

  /**
   * Wired CfC names: {@code rnn_cell.layer_<l>.ff1.weight} -> {@code layer<l>ff1W} (transposed),
   * {@code .time_a.bias} -> {@code layer<l>timeAb}, {@code .w_tau}/{@code .A} -> {@code
   * layer<l>wTau}/{@code layer<l>A}, plus {@code fc} and {@code lstm}; the {@code sparsity_mask}
   * entries are not trainable and are left out.
   */
  private static Map<String, INDArray> wiredCfcParams(NcpsCase c, Map<String, INDArray> torch) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, INDArray> e : torch.entrySet()) {
      String name = e.getKey();
      if (!c.trainable().contains(name)) {
        continue;
      }
      INDArray v = e.getValue();
      Matcher head = WIRED_HEAD.matcher(name);
      Matcher pure = WIRED_PURE.matcher(name);
      if (head.matches()) {
        String ours = switch (head.group(2)) {
          case "time_a" -> "timeA";
          case "time_b" -> "timeB";
          default -> head.group(2);
        };
        put(out, "layer" + head.group(1) + ours, head.group(3), v);
      } else if (pure.matches()) {
        out.put("layer" + pure.group(1) + (pure.group(2).equals("w_tau") ? "wTau" : "A"), v);
      } else if (name.equals("fc.weight") || name.equals("fc.bias")) {
        put(out, "fc", suffix(name), v);
      } else if (name.startsWith("lstm.input_map.")) {
        put(out, "lstmInput", suffix(name), v);
      } else if (name.equals("lstm.recurrent_map.weight")) {
        put(out, "lstmRecurrent", "weight", v);
      } else {
        throw new IllegalArgumentException(
            "ncps case " + c.name() + ": no mapping for wired CfC parameter " + name);
      }
    }
    return out;
  }

  private static String suffix(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static void put(Map<String, INDArray> out, String base, String kind, INDArray v) {
    if (kind.equals("weight")) {
      out.put(base + "W", v.transpose().dup('c'));
    } else {
      out.put(base + "b", v.dup('c'));
    }
  }
}
