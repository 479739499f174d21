package org.lanchat.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Latency against offered rate as a PNG, drawn with Java2D so no plotting tool is needed: x is
 * deliveries per second (linear), y is latency in milliseconds (log scale); p99 solid, p50 dashed.
 */
public final class LatencyPlot {
    /** One server's curve: points of {deliveries/s, p50 ms, p99 ms}. */
    public record Series(String label, List<double[]> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};
    private static final int W = 1000;
    private static final int H = 620;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final double Y_MIN = 0.1;
    private static final double Y_MAX = 10_000;

    private LatencyPlot() {
    }

    public static void write(List<Series> series, int groupSize, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double xMax = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                xMax = Math.max(xMax, p[0]);
            }
        }
        xMax = niceCeiling(Math.max(xMax, 1));
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Group fan-out (" + groupSize + " members): delivery latency vs offered rate", LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // grid and axes
        for (double y = Y_MIN; y <= Y_MAX * 1.001; y *= 10) {
            int py = yPixel(y);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, py, W - RIGHT, py);
            g.setColor(Color.BLACK);
            g.drawString(y < 1 ? String.valueOf(y) : String.format("%,d", (long) y), LEFT - 60, py + 5);
        }
        for (int i = 0; i <= 5; i++) {
            double x = xMax * i / 5;
            int px = xPixel(x, xMax);
            g.setColor(new Color(0xdddddd));
            g.drawLine(px, TOP, px, H - BOTTOM);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%,.0fk", x / 1000), px - 20, H - BOTTOM + 20);
        }
        g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
        g.drawString("offered deliveries per second", W / 2 - 90, H - 25);
        g.rotate(-Math.PI / 2);
        g.drawString("latency, ms (log)", -(TOP + (H - TOP - BOTTOM) / 2) - 50, 25);
        g.rotate(Math.PI / 2);
        int target = yPixel(100);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 4}, 0));
        g.drawLine(LEFT, target, W - RIGHT, target);
        g.drawString("p99 limit 100 ms", W - RIGHT - 120, target - 5);
        // curves
        int legendY = TOP + 20;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color c = COLORS[i % COLORS.length];
            g.setColor(c);
            draw(g, s, xMax, 2, new BasicStroke(2.5f));
            draw(g, s, xMax, 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(LEFT + 15, legendY - 4, LEFT + 45, legendY - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.label() + "  (p99 solid, p50 dashed)", LEFT + 52, legendY);
            legendY += 18;
        }
        g.dispose();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(Graphics2D g, Series s, double xMax, int index, BasicStroke stroke) {
        g.setStroke(stroke);
        int[] last = null;
        for (double[] p : s.points()) {
            if (Double.isNaN(p[index])) {
                continue;
            }
            int[] now = {xPixel(p[0], xMax), yPixel(p[index])};
            g.fillOval(now[0] - 3, now[1] - 3, 6, 6);
            if (last != null) {
                g.drawLine(last[0], last[1], now[0], now[1]);
            }
            last = now;
        }
    }

    private static int xPixel(double x, double xMax) {
        return LEFT + (int) Math.round(x / xMax * (W - LEFT - RIGHT));
    }

    private static int yPixel(double ms) {
        double v = Math.max(Y_MIN, Math.min(Y_MAX, ms));
        double f = (Math.log10(v) - Math.log10(Y_MIN)) / (Math.log10(Y_MAX) - Math.log10(Y_MIN));
        return H - BOTTOM - (int) Math.round(f * (H - TOP - BOTTOM));
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
