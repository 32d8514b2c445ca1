package io.liquid4j.examples;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A minimal scatter plot in the style of {@link LineChart} (same axes, ticks, palette), written as
 * PNG: one labelled point per entry, e.g. one model at (parameters, test accuracy). Runs headless.
 *
 * <pre>{@code
 * new ScatterChart("Test accuracy vs parameters", "parameters", "test accuracy")
 *     .xRange(0, 25000).point("lstm", 19338, 0.96).point("cfc", 21962, 0.98)
 *     .writePng(Path.of("target/examples/compare/accuracy-vs-params.png"), 800, 500);
 * }</pre>
 */
public final class ScatterChart {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

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
    xRange = checkedRange("xRange", min, max);
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
    yRange = checkedRange("yRange", min, max);
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
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      draw(g, width, height);
    } finally {
      g.dispose();
    }
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  private void draw(Graphics2D g, int width, int height) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    int left = 70;
    int right = width - 20;
    int top = 45;
    int bottom = height - 55;
    double[] xr = xRange != null ? xRange : fitted(true);
    double[] yr = yRange != null ? yRange : fitted(false);

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setColor(Color.BLACK);
    LineChart.centered(g, title, (left + right) / 2, 28);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (double xv : LineChart.ticks(xr)) {
      int px = LineChart.sx(xv, xr, left, right);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(px, top, px, bottom);
      g.setColor(Color.BLACK);
      g.drawLine(px, bottom, px, bottom + 5);
      LineChart.centered(g, LineChart.label(xv), px, bottom + 8 + fm.getAscent());
    }
    for (double yv : LineChart.ticks(yr)) {
      int py = LineChart.sy(yv, yr, top, bottom);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(left, py, right, py);
      g.setColor(Color.BLACK);
      g.drawLine(left - 5, py, left, py);
      String yl = LineChart.label(yv);
      g.drawString(yl, left - 8 - fm.stringWidth(yl), py + fm.getAscent() / 2 - 1);
    }
    g.drawRect(left, top, right - left, bottom - top);
    LineChart.centered(g, xLabel, (left + right) / 2, height - 15);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    LineChart.centered(g, yLabel, -(top + bottom) / 2, 18);
    g.setTransform(saved);

    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      int px = LineChart.sx(p.x(), xr, left, right);
      int py = LineChart.sy(p.y(), yr, top, bottom);
      g.setColor(LineChart.PALETTE[i % LineChart.PALETTE.length]);
      g.fillOval(px - RADIUS, py - RADIUS, 2 * RADIUS, 2 * RADIUS);
      g.setColor(Color.BLACK);
      int textWidth = fm.stringWidth(p.label());
      // Label to the right of the point, or to the left when it would leave the plot.
      int tx = px + RADIUS + 4 + textWidth <= right ? px + RADIUS + 4 : px - RADIUS - 4 - textWidth;
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

  private static double[] checkedRange(String name, double min, double max) {
    if (!(max > min)) {
      throw new IllegalArgumentException(name + ": max must be > min, got " + min + ".." + max);
    }
    return new double[] {min, max};
  }
}
