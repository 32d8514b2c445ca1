package io.liquid4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal line chart drawn with plain Java2D and written as PNG: title, labelled axes with ticks,
 * one coloured line (with point markers) per series, legend. Runs headless (see {@link
 * ChartCanvas}, which draws the frame).
 *
 * <pre>{@code
 * new LineChart("Test accuracy", "epoch", "accuracy").yRange(0, 1)
 *     .series("lstm", new double[] {1, 2, 3}, new double[] {0.5, 0.8, 0.9})
 *     .writePng(Path.of("target/examples/compare/accuracy.png"), 800, 500);
 * }</pre>
 */
public final class LineChart {

  private record Series(String name, double[] x, double[] y) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private Double yMin;
  private Double yMax;

  /**
   * @param title title above the plot
   * @param xLabel label of the horizontal axis
   * @param yLabel label of the vertical axis
   */
  public LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /**
   * Fixes the vertical range instead of fitting it to the data.
   *
   * @param min bottom of the axis
   * @param max top of the axis, &gt; {@code min}
   * @return this chart
   * @throws IllegalArgumentException if {@code max <= min}
   */
  public LineChart yRange(double min, double max) {
    double[] range = ChartCanvas.checkedRange("yRange", min, max);
    yMin = range[0];
    yMax = range[1];
    return this;
  }

  /**
   * Adds a line.
   *
   * @param name legend entry
   * @param x horizontal coordinates
   * @param y vertical coordinates, same length as {@code x}, at least one point
   * @return this chart
   * @throws IllegalArgumentException if the lengths differ or are zero
   */
  public LineChart series(String name, double[] x, double[] y) {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException("series \"" + name
          + "\": expected x and y of the same non-zero length, got " + x.length + " and " + y.length);
    }
    series.add(new Series(name, x.clone(), y.clone()));
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
    double[] yr = yMin != null ? new double[] {yMin, yMax} : range(false);
    ChartCanvas.Plot plot =
        ChartCanvas.frame(g, width, height, title, xLabel, yLabel, range(true), yr);
    g.setStroke(new BasicStroke(2f));
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      g.setColor(ChartCanvas.PALETTE[s % ChartCanvas.PALETTE.length]);
      Path2D path = new Path2D.Double();
      for (int i = 0; i < line.x().length; i++) {
        int px = plot.x(line.x()[i]);
        int py = plot.y(line.y()[i]);
        if (i == 0) {
          path.moveTo(px, py);
        } else {
          path.lineTo(px, py);
        }
        g.fillOval(px - 3, py - 3, 6, 6);
      }
      g.draw(path);
    }
    legend(g, plot.right(), plot.bottom());
  }

  private void legend(Graphics2D g, int right, int bottom) {
    FontMetrics fm = g.getFontMetrics();
    int rowHeight = fm.getHeight() + 2;
    int boxWidth = 40 + series.stream().mapToInt(s -> fm.stringWidth(s.name())).max().orElse(0);
    int boxHeight = rowHeight * series.size() + 8;
    int x0 = right - boxWidth - 10;
    int y0 = bottom - boxHeight - 10;
    g.setColor(new Color(255, 255, 255, 230));
    g.fillRect(x0, y0, boxWidth, boxHeight);
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x0, y0, boxWidth, boxHeight);
    g.setStroke(new BasicStroke(2f));
    for (int s = 0; s < series.size(); s++) {
      int y = y0 + 4 + rowHeight * s + rowHeight / 2;
      g.setColor(ChartCanvas.PALETTE[s % ChartCanvas.PALETTE.length]);
      g.drawLine(x0 + 6, y, x0 + 28, y);
      g.setColor(Color.BLACK);
      g.drawString(series.get(s).name(), x0 + 34, y + fm.getAscent() / 2 - 1);
    }
  }

  private double[] range(boolean x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : x ? s.x() : s.y()) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    if (min == max) {
      return new double[] {min - 0.5, max + 0.5};
    }
    return new double[] {min, max};
  }
}
