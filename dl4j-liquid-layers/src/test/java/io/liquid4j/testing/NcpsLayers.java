package io.liquid4j.testing;

import io.liquid4j.layers.AbstractLiquidLayer;
import io.liquid4j.layers.BackboneActivation;
import io.liquid4j.layers.CfcLayer;
import io.liquid4j.layers.CfcMode;
import java.util.LinkedHashMap;
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
 * transposed.
 */
public final class NcpsLayers {

  private static final Pattern BACKBONE = Pattern.compile("rnn_cell\\.backbone\\.(\\d+)\\.(weight|bias)");

  private NcpsLayers() {}

  /** Our layer configured as the case's ncps constructor, for batch-first (NWC) input. */
  public static AbstractLiquidLayer layerFor(NcpsCase c) {
    if (c.cell().equals("CfC") && !c.wired()) {
      return cfc(c);
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
        default -> throw new IllegalArgumentException(
            "ncps case " + c.name() + ": no mapping for parameter " + name);
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
