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
import java.util.Locale;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * What {@link LineChart} and {@link ScatterChart} share: a headless PNG canvas and the plot frame
 * (white background, title, grid lines and ticks at "nice" steps, frame, axis labels), so a chart
 * only adds its marks through {@link Plot#x} and {@link Plot#y}. Sets {@code
 * java.awt.headless=true} when the class loads, unless already set.
 */
final class ChartCanvas {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Series colours, in order. */
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };
  private static final int TICKS = 5;
  private static final Color GRID = new Color(0xe6e6e6);

  private ChartCanvas() {}

  /**
   * The plot area inside the frame and the data ranges it shows.
   *
   * @param left left edge of the frame, in pixels
   * @param right right edge
   * @param top top edge
   * @param bottom bottom edge
   * @param xRange horizontal data range {@code {min, max}}
   * @param yRange vertical data range {@code {min, max}}
   */
  record Plot(int left, int right, int top, int bottom, double[] xRange, double[] yRange) {

    /** @return the pixel column of data coordinate {@code v} */
    int x(double v) {
      return (int) Math.round(left + (v - xRange[0]) / (xRange[1] - xRange[0]) * (right - left));
    }

    /** @return the pixel row of data coordinate {@code v} */
    int y(double v) {
      return (int) Math.round(bottom - (v - yRange[0]) / (yRange[1] - yRange[0]) * (bottom - top));
    }
  }

  /**
   * Paints an image and writes it as PNG, creating parent directories.
   *
   * @param file target file
   * @param width image width in pixels
   * @param height image height in pixels
   * @param painter draws the chart on the image's graphics
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  static Path writePng(Path file, int width, int height, Consumer<Graphics2D> painter) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      painter.accept(g);
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

  /**
   * Draws background, title, grid, ticks, frame and axis labels, and leaves the plain 12 pt font
   * set for the chart's own text.
   *
   * @return the plot area, for placing the chart's marks
   */
  static Plot frame(Graphics2D g, int width, int height, String title, String xLabel,
      String yLabel, double[] xRange, double[] yRange) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    Plot plot = new Plot(70, width - 20, 45, height - 55, xRange, yRange);
    int left = plot.left();
    int right = plot.right();
    int top = plot.top();
    int bottom = plot.bottom();

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setColor(Color.BLACK);
    centered(g, title, (left + right) / 2, 28);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (double xv : ticks(xRange)) {
      int px = plot.x(xv);
      g.setColor(GRID);
      g.drawLine(px, top, px, bottom);
      g.setColor(Color.BLACK);
      g.drawLine(px, bottom, px, bottom + 5);
      centered(g, label(xv), px, bottom + 8 + fm.getAscent());
    }
    for (double yv : ticks(yRange)) {
      int py = plot.y(yv);
      g.setColor(GRID);
      g.drawLine(left, py, right, py);
      g.setColor(Color.BLACK);
      g.drawLine(left - 5, py, left, py);
      String yl = label(yv);
      g.drawString(yl, left - 8 - fm.stringWidth(yl), py + fm.getAscent() / 2 - 1);
    }
    g.drawRect(left, top, right - left, bottom - top);
    centered(g, xLabel, (left + right) / 2, height - 15);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    centered(g, yLabel, -(top + bottom) / 2, 18);
    g.setTransform(saved);
    return plot;
  }

  /**
   * @param name the method, for the message
   * @return {@code {min, max}}
   * @throws IllegalArgumentException if {@code max <= min}
   */
  static double[] checkedRange(String name, double min, double max) {
    if (!(max > min)) {
      throw new IllegalArgumentException(name + ": max must be > min, got " + min + ".." + max);
    }
    return new double[] {min, max};
  }

  /** Tick positions at a "nice" step (1, 2 or 5 times a power of ten), about {@link #TICKS}. */
  static List<Double> ticks(double[] r) {
    double raw = (r[1] - r[0]) / TICKS;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / magnitude < 1.5 ? 1 : raw / magnitude < 3.5 ? 2 : raw / magnitude < 7.5 ? 5 : 10;
    step *= magnitude;
    List<Double> ticks = new ArrayList<>();
    for (double v = Math.ceil(r[0] / step - 1e-9) * step; v <= r[1] + step * 1e-9; v += step) {
      ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return ticks;
  }

  /** @return {@code v} as a tick label: an integer, or two decimals without a trailing zero */
  static String label(double v) {
    return Math.abs(v - Math.rint(v)) < 1e-9 ? String.valueOf((long) Math.rint(v))
        : String.format(Locale.ROOT, "%.2f", v).replaceAll("0$", "");
  }

  /** Draws {@code text} centred on {@code x}. */
  static void centered(Graphics2D g, String text, int x, int baseline) {
    g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
  }
}
