package io.liquid4j.wiring;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Wiring} as a PNG with plain Java2D (no display needed: {@code java.awt.headless}
 * is set to {@code true} unless the application chose otherwise).
 *
 * <p>Columns from left to right: the sensory inputs, then the layers in layer order (NCP: inter,
 * command, motor). Neurons are filled by type (inter {@code #1f77b4}, command {@code #9467bd},
 * motor {@code #ff7f0e}, sensory {@code #bcbd22}); synapses are drawn in {@code #2ca02c}
 * (excitatory) or {@code #d62728} (inhibitory), synapses inside one column as arcs; a legend sits
 * at the bottom. Immutable: {@link #title(String)} and {@link #size(int, int)} return new objects.
 *
 * <pre>{@code
 * new WiringDiagram().title("AutoNCP(19, 1)").writePng(wiring, Path.of("target/wiring.png"));
 * }</pre>
 */
public final class WiringDiagram {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final String OWNER = "WiringDiagram";
  private static final int MIN_SIDE = 200;
  private static final int MARGIN = 30;
  private static final int TITLE_HEIGHT = 36;
  private static final int LEGEND_HEIGHT = 44;
  private static final int SWATCH = 14;

  private final String title;
  private final int width;
  private final int height;

  /** A 900 x 600 diagram without a title. */
  public WiringDiagram() {
    this(null, 900, 600);
  }

  private WiringDiagram(String title, int width, int height) {
    this.title = title;
    this.width = WiringChecks.atLeast(OWNER, "width", width, MIN_SIDE);
    this.height = WiringChecks.atLeast(OWNER, "height", height, MIN_SIDE);
  }

  /**
   * @param newTitle title drawn at the top, or {@code null} for none
   * @return a copy with that title
   */
  public WiringDiagram title(String newTitle) {
    return new WiringDiagram(newTitle, width, height);
  }

  /**
   * @param newWidth image width in pixels, >= 200
   * @param newHeight image height in pixels, >= 200
   * @return a copy with that size
   * @throws IllegalArgumentException if a side is below 200
   */
  public WiringDiagram size(int newWidth, int newHeight) {
    return new WiringDiagram(title, newWidth, newHeight);
  }

  /**
   * Renders the wiring.
   *
   * @param wiring the wiring to draw
   * @return an RGB image of the configured size
   */
  public BufferedImage render(Wiring wiring) {
    Objects.requireNonNull(wiring, "wiring");
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int top = MARGIN + (title == null ? 0 : TITLE_HEIGHT);
      if (title != null) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, MARGIN, MARGIN + 18);
      }
      drawGraph(g, wiring, top, height - LEGEND_HEIGHT - MARGIN);
      drawLegend(g, height - LEGEND_HEIGHT + 8);
    } finally {
      g.dispose();
    }
    return img;
  }

  /**
   * Renders the wiring and writes it as a PNG, creating missing parent directories.
   *
   * @param wiring the wiring to draw
   * @param file the PNG file to write
   * @throws IOException if the file cannot be written
   */
  public void writePng(Wiring wiring, Path file) throws IOException {
    BufferedImage img = render(wiring);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(img, "png", file.toFile())) {
      throw new IOException(OWNER + ": no PNG writer available for " + file);
    }
  }

  private void drawGraph(Graphics2D g, Wiring w, int top, int bottom) {
    int columns = w.numLayers() + 1;
    double colWidth = (width - 2.0 * MARGIN) / columns;
    int tallest = w.inputDim();
    for (int l = 0; l < w.numLayers(); l++) {
      tallest = Math.max(tallest, w.neuronsOfLayer(l).length);
    }
    double radius = Math.max(3, Math.min(14, (bottom - top) / (2.6 * tallest)));
    Point2D[] sensory = column(w.inputDim(), MARGIN + colWidth / 2, top, bottom);
    Point2D[] neuron = new Point2D[w.units()];
    for (int l = 0; l < w.numLayers(); l++) {
      int[] ids = w.neuronsOfLayer(l);
      Point2D[] pos = column(ids.length, MARGIN + (l + 1.5) * colWidth, top, bottom);
      for (int i = 0; i < ids.length; i++) {
        neuron[ids[i]] = pos[i];
      }
    }
    g.setStroke(new BasicStroke(1.2f));
    for (int k = 0; k < w.inputDim(); k++) {
      for (int j = 0; j < w.units(); j++) {
        synapse(g, sensory[k], neuron[j], w.sensoryPolarity(k, j), radius, false);
      }
    }
    for (int i = 0; i < w.units(); i++) {
      for (int j = 0; j < w.units(); j++) {
        boolean sameColumn = w.layerOf(i) == w.layerOf(j);
        synapse(g, neuron[i], neuron[j], w.polarity(i, j), radius, sameColumn);
      }
    }
    for (Point2D p : sensory) {
      node(g, p, radius, WiringPalette.SENSORY);
    }
    for (int id = 0; id < w.units(); id++) {
      node(g, neuron[id], radius, WiringPalette.of(w.typeOf(id)));
    }
  }

  private static Point2D[] column(int n, double x, int top, int bottom) {
    Point2D[] p = new Point2D[n];
    double step = (bottom - top) / (double) n;
    for (int i = 0; i < n; i++) {
      p[i] = new Point2D.Double(x, top + (i + 0.5) * step);
    }
    return p;
  }

  private static void node(Graphics2D g, Point2D p, double r, int rgb) {
    Ellipse2D e = new Ellipse2D.Double(p.getX() - r, p.getY() - r, 2 * r, 2 * r);
    g.setColor(new Color(rgb));
    g.fill(e);
    g.setColor(Color.DARK_GRAY);
    g.draw(e);
  }

  private static void synapse(
      Graphics2D g, Point2D a, Point2D b, int polarity, double r, boolean sameColumn) {
    if (polarity == 0) {
      return;
    }
    g.setColor(new Color(WiringPalette.ofPolarity(polarity)));
    if (a.equals(b)) {
      g.draw(new Ellipse2D.Double(a.getX(), a.getY() - 1.6 * r, 1.6 * r, 1.6 * r));
      return;
    }
    double dx = b.getX() - a.getX();
    double dy = b.getY() - a.getY();
    double len = Math.hypot(dx, dy);
    // the arrow tip stops at the target's rim; arcs inside a column bow right going down and
    // left going up, so that i -> j and j -> i stay apart
    double bow = Math.signum(dy) * (0.5 * Math.abs(dy) + 2 * r);
    Point2D control = sameColumn
        ? new Point2D.Double(a.getX() + bow, (a.getY() + b.getY()) / 2)
        : new Point2D.Double((a.getX() + b.getX()) / 2, (a.getY() + b.getY()) / 2);
    double ex = b.getX() - control.getX();
    double ey = b.getY() - control.getY();
    double el = Math.max(Math.hypot(ex, ey), 1e-9);
    Point2D tip = new Point2D.Double(b.getX() - ex / el * r, b.getY() - ey / el * r);
    g.draw(new QuadCurve2D.Double(a.getX(), a.getY(), control.getX(), control.getY(),
        tip.getX(), tip.getY()));
    if (len > 2 * r) {
      double ux = ex / el;
      double uy = ey / el;
      double h = Math.max(4, r * 0.6);
      Path2D head = new Path2D.Double();
      head.moveTo(tip.getX(), tip.getY());
      head.lineTo(tip.getX() - h * ux - h * 0.5 * uy, tip.getY() - h * uy + h * 0.5 * ux);
      head.lineTo(tip.getX() - h * ux + h * 0.5 * uy, tip.getY() - h * uy - h * 0.5 * ux);
      head.closePath();
      g.fill(head);
    }
  }

  private void drawLegend(Graphics2D g, int y) {
    String[] labels = {"sensory", "inter", "command", "motor", "excitatory", "inhibitory"};
    int[] colours = {WiringPalette.SENSORY, WiringPalette.INTER, WiringPalette.COMMAND,
        WiringPalette.MOTOR, WiringPalette.EXCITATORY, WiringPalette.INHIBITORY};
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int x = MARGIN;
    for (int i = 0; i < labels.length; i++) {
      int itemWidth = SWATCH + 6 + g.getFontMetrics().stringWidth(labels[i]);
      if (x > MARGIN && x + itemWidth > width - MARGIN / 2) {
        x = MARGIN; // wrap onto a second row in narrow images
        y += SWATCH + 4;
      }
      g.setColor(new Color(colours[i]));
      if (i < 4) {
        g.fillRect(x, y, SWATCH, SWATCH);
      } else {
        g.fillRect(x - 6, y + SWATCH / 2 - 2, SWATCH + 6, 4);
      }
      g.setColor(Color.BLACK);
      g.drawString(labels[i], x + SWATCH + 6, y + SWATCH - 2);
      x += itemWidth + 22;
    }
  }
}
