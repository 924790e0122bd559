package dev.npv.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws the growth series: one panel per series, time (log scale) against cluster size. */
final class GrowthChart {
  static final int PANEL_WIDTH = 560;
  static final int HEIGHT = 420;
  /** What each panel plots: the point's key and its legend. */
  static final Map<String, String> LINES = new LinkedHashMap<>();

  static {
    LINES.put("loadMillis", "load");
    LINES.put("connectivityMillis", "connectivity (all pairs)");
    LINES.put("checkSetupMillis", "check: session setup");
    LINES.put("checkPerInvariantMillis", "check: per invariant (open world)");
  }

  private GrowthChart() {
  }

  static void write(List<Map<String, Object>> points, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<GrowthSeries.Series> series = GrowthSeries.SERIES.stream()
        .filter(s -> points.stream().anyMatch(p -> s.name().equals(p.get("series")))).toList();
    BufferedImage image = new BufferedImage(PANEL_WIDTH * Math.max(1, series.size()), HEIGHT,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    for (int i = 0; i < series.size(); i++) {
      panel(series.get(i), points).draw(g, new Rectangle2D.Double(i * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT));
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static JFreeChart panel(GrowthSeries.Series s, List<Map<String, Object>> points) {
    XYSeriesCollection data = new XYSeriesCollection();
    LINES.forEach((key, legend) -> {
      XYSeries line = new XYSeries(legend);
      for (Map<String, Object> p : points) {
        double y = ((Number) p.get(key)).doubleValue();
        if (s.name().equals(p.get("series")) && y > 0) { // a skipped phase (-1) is left out
          line.add(((Number) p.get("x")).doubleValue(), y);
        }
      }
      data.addSeries(line);
    });
    JFreeChart chart = ChartFactory.createXYLineChart("growth: " + s.name(), s.axis(), "milliseconds (log)", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis y = new LogAxis("milliseconds (log scale)");
    y.setSmallestValue(0.1);
    plot.setRangeAxis(y);
    LogAxis x = new LogAxis(s.axis() + " (log scale)");
    plot.setDomainAxis(x);
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
    lines.setSeriesPaint(3, new Color(0xB0, 0x70, 0x00)); // the default yellow is unreadable on white
    plot.setRenderer(lines);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    return chart;
  }
}
