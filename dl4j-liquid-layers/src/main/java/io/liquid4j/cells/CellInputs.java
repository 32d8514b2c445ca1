package io.liquid4j.cells;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Input-side work hoisted out of the time loop, shared by the cells. */
public final class CellInputs {

  private CellInputs() {}

  /**
   * {@code x_t W + b} for every step of a chunk in one matrix product: {@code [B, F, C] -> [B*C, F]
   * -> [B*C, D] -> C x [B, D]}, where {@code D = width} is the number of columns of {@code weight}.
   */
  public static List<SDVariable> project(SameDiff sd, SDVariable inputs, int nIn, int chunkLength,
      SDVariable weight, SDVariable bias, int width) {
    if (chunkLength == 1) { // [B, F, 1] -> [B, F] -> [B, D]: three ops fewer for streaming
      SDVariable projected = sd.squeeze(inputs, 2).mmul(weight);
      return List.of(bias == null ? projected : projected.add(bias));
    }
    SDVariable rows = sd.reshape(sd.permute(inputs, 0, 2, 1), -1, nIn);
    SDVariable projected = rows.mmul(weight);
    if (bias != null) {
      projected = projected.add(bias);
    }
    SDVariable perStep = sd.reshape(projected, -1, chunkLength, width);
    List<SDVariable> out = new ArrayList<>(chunkLength);
    for (SDVariable v : sd.unstack(perStep, 1, chunkLength)) {
      out.add(v);
    }
    return out;
  }
}
