package io.liquid4j.examples;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal scatter plot in the style of {@link LineChart} (same axes, ticks, palette), written as
 * PNG: one labelled point per entry, e.g. one model at (parameters, test accuracy). Runs headless
 * (see {@link ChartCanvas}, which draws the frame).
 *
 * <pre>{@code
 * new ScatterChart("Test accuracy vs parameters", "parameters", "test accuracy")
 *     .xRange(0, 25000).point("lstm", 19338, 0.96).point("cfc", 21962, 0.98)
 *     .writePng(Path.of("target/examples/compare/accuracy-vs-params.png"), 800, 500);
 * }</pre>
 */
public final class ScatterChart {

  private static final int RADIUS = 6;

  private record Point(String label, double x, double y) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Point> points = new ArrayList<>();
  private double[] xRange;
  private double[] yRange;

  /**
   * @param title title above the plot
   * @param xLabel label of the horizontal axis
   * @param yLabel label of the vertical axis
   */
  public ScatterChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /**
   * Fixes the horizontal range instead of fitting it to the points.
   *
   * @param min left end of the axis
   * @param max right end of the axis, &gt; {@code min}
   * @return this chart
   * @throws IllegalArgumentException if {@code max <= min}
   */
  public ScatterChart xRange(double min, double max) {
    xRange = ChartCanvas.checkedRange("xRange", min, max);
    return this;
  }

  /**
   * Fixes the vertical range instead of fitting it to the points.
   *
   * @param min bottom of the axis
   * @param max top of the axis, &gt; {@code min}
   * @return this chart
   * @throws IllegalArgumentException if {@code max <= min}
   */
  public ScatterChart yRange(double min, double max) {
    yRange = ChartCanvas.checkedRange("yRange", min, max);
    return this;
  }

  /**
   * Adds a point, drawn in the next palette colour with its label beside it.
   *
   * @param label text next to the point
   * @param x horizontal coordinate, finite
   * @param y vertical coordinate, finite
   * @return this chart
   * @throws IllegalArgumentException if a coordinate is not finite
   */
  public ScatterChart point(String label, double x, double y) {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException(
          "point \"" + label + "\": expected finite coordinates, got (" + x + ", " + y + ")");
    }
    points.add(new Point(label, x, y));
    return this;
  }

  /**
   * Draws the chart and writes it as PNG, creating parent directories.
   *
   * @param file target file
   * @param width image width in pixels
   * @param height image height in pixels
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path writePng(Path file, int width, int height) {
    return ChartCanvas.writePng(file, width, height, g -> draw(g, width, height));
  }

  private void draw(Graphics2D g, int width, int height) {
    double[] xr = xRange != null ? xRange : fitted(true);
    double[] yr = yRange != null ? yRange : fitted(false);
    ChartCanvas.Plot plot = ChartCanvas.frame(g, width, height, title, xLabel, yLabel, xr, yr);
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      int px = plot.x(p.x());
      int py = plot.y(p.y());
      g.setColor(ChartCanvas.PALETTE[i % ChartCanvas.PALETTE.length]);
      g.fillOval(px - RADIUS, py - RADIUS, 2 * RADIUS, 2 * RADIUS);
      g.setColor(Color.BLACK);
      int textWidth = fm.stringWidth(p.label());
      // Label to the right of the point, or to the left when it would leave the plot.
      int tx = px + RADIUS + 4 + textWidth <= plot.right()
          ? px + RADIUS + 4 : px - RADIUS - 4 - textWidth;
      g.drawString(p.label(), tx, py + fm.getAscent() / 2 - 1);
    }
  }

  /** The points' range on one axis, widened by 10% each side so no point sits on the frame. */
  private double[] fitted(boolean x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Point p : points) {
      double v = x ? p.x() : p.y();
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    double pad = min == max ? Math.max(Math.abs(min) * 0.1, 0.5) : (max - min) * 0.1;
    return new double[] {min - pad, max + pad};
  }
}
