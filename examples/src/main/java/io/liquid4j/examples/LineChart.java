package io.liquid4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A minimal line chart drawn with plain Java2D and written as PNG: title, labelled axes with ticks,
 * one coloured line (with point markers) per series, legend. Runs headless ({@code
 * java.awt.headless=true} is set when the class loads, unless already set).
 *
 * <pre>{@code
 * new LineChart("Test accuracy", "epoch", "accuracy").yRange(0, 1)
 *     .series("lstm", new double[] {1, 2, 3}, new double[] {0.5, 0.8, 0.9})
 *     .writePng(Path.of("target/examples/compare/accuracy.png"), 800, 500);
 * }</pre>
 */
public final class LineChart {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Series colours, in order (shared with {@link ScatterChart}). */
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };
  private static final int TICKS = 5;

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
    if (!(max > min)) {
      throw new IllegalArgumentException("yRange: max must be > min, got " + min + ".." + max);
    }
    yMin = min;
    yMax = max;
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
    double[] xr = range(true);
    double[] yr = yMin != null ? new double[] {yMin, yMax} : range(false);

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setColor(Color.BLACK);
    centered(g, title, (left + right) / 2, 28);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (double xv : ticks(xr)) {
      int px = sx(xv, xr, left, right);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(px, top, px, bottom);
      g.setColor(Color.BLACK);
      g.drawLine(px, bottom, px, bottom + 5);
      centered(g, label(xv), px, bottom + 8 + fm.getAscent());
    }
    for (double yv : ticks(yr)) {
      int py = sy(yv, yr, top, bottom);
      g.setColor(new Color(0xe6e6e6));
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

    g.setStroke(new BasicStroke(2f));
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      g.setColor(PALETTE[s % PALETTE.length]);
      Path2D path = new Path2D.Double();
      for (int i = 0; i < line.x().length; i++) {
        int px = sx(line.x()[i], xr, left, right);
        int py = sy(line.y()[i], yr, top, bottom);
        if (i == 0) {
          path.moveTo(px, py);
        } else {
          path.lineTo(px, py);
        }
        g.fillOval(px - 3, py - 3, 6, 6);
      }
      g.draw(path);
    }
    legend(g, right, bottom);
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
      g.setColor(PALETTE[s % PALETTE.length]);
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

  static int sx(double v, double[] r, int left, int right) {
    return (int) Math.round(left + (v - r[0]) / (r[1] - r[0]) * (right - left));
  }

  static int sy(double v, double[] r, int top, int bottom) {
    return (int) Math.round(bottom - (v - r[0]) / (r[1] - r[0]) * (bottom - top));
  }

  static String label(double v) {
    return Math.abs(v - Math.rint(v)) < 1e-9 ? String.valueOf((long) Math.rint(v))
        : String.format(Locale.ROOT, "%.2f", v).replaceAll("0$", "");
  }

  static void centered(Graphics2D g, String text, int x, int baseline) {
    g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
  }
}
