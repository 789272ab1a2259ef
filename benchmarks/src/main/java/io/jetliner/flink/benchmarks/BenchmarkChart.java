package io.jetliner.flink.benchmarks;

import javax.imageio.ImageIO;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the ratios of a benchmark's {@link RatioTable results file} as a PNG bar chart: one group
 * of horizontal bars per dataset or codec, one bar per comparison, on a scale of "times faster"
 * with a line at 1× (as fast); a logarithmic scale where the ratios span more than {@value
 * #LOGARITHMIC_SPAN} times, so that 2× stays visible beside 100×. Java2D only, headless.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jetliner.flink.benchmarks.BenchmarkChart \
 *     target/decode-benchmark.csv docs/img/decode-benchmark.png
 * </pre>
 */
public final class BenchmarkChart {

    static final int WIDTH = 900;

    /** Distinct, colour-blind-safe (Okabe–Ito), one per comparison, in order. */
    static final Color[] SERIES_COLORS = {
        new Color(0x0072B2),
        new Color(0xE69F00),
        new Color(0x009E73),
        new Color(0xCC79A7),
        new Color(0x56B4E9),
        new Color(0xD55E00)
    };

    static final double LOGARITHMIC_SPAN = 20;
    private static final int MOST_LINEAR_TICKS = 10;
    private static final int BAR_HEIGHT = 16;
    private static final int GROUP_GAP = 14;
    private static final int MARGIN = 20;
    private static final int TITLE_LINE_HEIGHT = 21;
    private static final int LEGEND_HEIGHT = 44;
    private static final int AXIS_HEIGHT = 36;
    private static final int VALUE_LABEL_ROOM = 60;
    private static final Color TEXT = new Color(0x222222);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font VALUE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private BenchmarkChart() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BenchmarkChart RESULTS.csv OUT.png");
            System.exit(2);
            return;
        }
        Path output = Paths.get(args[1]);
        write(RatioTable.read(Paths.get(args[0])), output);
        System.out.println("written to " + output.toAbsolutePath());
    }

    public static void write(RatioTable table, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(draw(table), "png", png.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    /** The chart's height: the title, the legend, one group of bars per row, and the axis. */
    static int height(RatioTable table) {
        int group = table.comparisons().size() * BAR_HEIGHT + GROUP_GAP;
        return headerHeight(table) + table.rows().size() * group + AXIS_HEIGHT;
    }

    private static int headerHeight(RatioTable table) {
        return MARGIN + titleLines(table.title()).size() * TITLE_LINE_HEIGHT + LEGEND_HEIGHT;
    }

    /** The title broken at spaces into lines that fit the chart's width. */
    static List<String> titleLines(String title) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(TITLE_FONT);
            List<String> lines = new ArrayList<>();
            String line = "";
            for (String word : title.split(" ")) {
                String longer = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && metrics.stringWidth(longer) > WIDTH - 2 * MARGIN) {
                    lines.add(line);
                    line = word;
                } else {
                    line = longer;
                }
            }
            lines.add(line);
            return lines;
        } finally {
            g.dispose();
        }
    }

    static BufferedImage draw(RatioTable table) {
        if (table.comparisons().size() > SERIES_COLORS.length) {
            throw new IllegalArgumentException(
                    "at most " + SERIES_COLORS.length + " comparisons fit in one chart");
        }
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, height(table), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            new Drawing(g, table).draw();
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One chart being drawn: the layout follows from the table and the fonts. */
    private static final class Drawing {
        private final Graphics2D g;
        private final RatioTable table;
        private final int plotLeft;
        private final int plotRight;
        private final int plotTop;
        private final int plotBottom;

        /** Whether the ratios span so much that equal factors get equal lengths. */
        private final boolean logarithmic;

        /**
         * The ratio at the left end of the bars: 0, or on a logarithmic scale the smallest tick.
         */
        private final double scaleMin;

        private final double scaleMax;

        Drawing(Graphics2D g, RatioTable table) {
            this.g = g;
            this.table = table;
            FontMetrics labels = g.getFontMetrics(LABEL_FONT);
            int labelWidth =
                    table.rows().stream()
                            .mapToInt(row -> labels.stringWidth(row.name()))
                            .max()
                            .orElse(0);
            this.plotLeft = MARGIN + labelWidth + 12;
            this.plotRight = WIDTH - MARGIN - VALUE_LABEL_ROOM;
            this.plotTop = headerHeight(table);
            this.plotBottom = height(table) - AXIS_HEIGHT;
            double min = table.minRatio();
            double max = table.maxRatio();
            this.logarithmic = min > 0 && max / min > LOGARITHMIC_SPAN;
            this.scaleMin = logarithmic ? oneTwoFiveAtOrBelow(Math.min(1, min)) : 0;
            this.scaleMax = logarithmic ? oneTwoFiveAtOrAbove(max) : Math.max(2, Math.ceil(max));
        }

        void draw() {
            drawHeader();
            drawAxis();
            drawBars();
        }

        private void drawHeader() {
            g.setColor(TEXT);
            g.setFont(TITLE_FONT);
            int y = MARGIN + 12;
            for (String line : titleLines(table.title())) {
                g.drawString(line, MARGIN, y);
                y += TITLE_LINE_HEIGHT;
            }
            g.setFont(LABEL_FONT);
            FontMetrics metrics = g.getFontMetrics();
            int x = MARGIN;
            y += 8;
            List<String> comparisons = table.comparisons();
            for (int s = 0; s < comparisons.size(); s++) {
                g.setColor(SERIES_COLORS[s]);
                g.fillRect(x, y - 11, 12, 12);
                g.setColor(TEXT);
                g.drawString(comparisons.get(s), x + 18, y);
                x += 18 + metrics.stringWidth(comparisons.get(s)) + 24;
            }
        }

        private void drawAxis() {
            g.setFont(VALUE_FONT);
            FontMetrics metrics = g.getFontMetrics();
            for (double tick : ticks()) {
                int x = x(tick);
                g.setColor(GRID);
                g.drawLine(x, plotTop - 6, x, plotBottom);
                g.setColor(TEXT);
                String label = timesLabel(tick);
                g.drawString(label, x - metrics.stringWidth(label) / 2, plotBottom + 16);
            }
            // 1×: as fast as the other reader
            g.setColor(TEXT);
            g.setStroke(
                    new BasicStroke(
                            1.5f,
                            BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER,
                            10,
                            new float[] {5, 4},
                            0));
            g.drawLine(x(1), plotTop - 6, x(1), plotBottom);
            g.setStroke(new BasicStroke(1));
            g.drawString(
                    logarithmic
                            ? "times faster (1× = as fast), logarithmic scale"
                            : "times faster (1× = as fast)",
                    plotLeft,
                    plotBottom + 32);
        }

        private void drawBars() {
            FontMetrics labels = g.getFontMetrics(LABEL_FONT);
            FontMetrics values = g.getFontMetrics(VALUE_FONT);
            int y = plotTop;
            for (RatioTable.Row row : table.rows()) {
                int groupHeight = row.ratios().length * BAR_HEIGHT;
                g.setColor(TEXT);
                g.setFont(LABEL_FONT);
                g.drawString(
                        row.name(),
                        plotLeft - 12 - labels.stringWidth(row.name()),
                        y + groupHeight / 2 + labels.getAscent() / 2 - 1);
                g.setFont(VALUE_FONT);
                for (int s = 0; s < row.ratios().length; s++) {
                    double ratio = row.ratios()[s];
                    int top = y + s * BAR_HEIGHT;
                    if (Double.isNaN(ratio)) {
                        continue;
                    }
                    g.setColor(SERIES_COLORS[s]);
                    g.fillRect(plotLeft, top + 1, Math.max(1, x(ratio) - plotLeft), BAR_HEIGHT - 2);
                    g.setColor(TEXT);
                    g.drawString(
                            String.format(Locale.ROOT, "%.2f×", ratio),
                            x(ratio) + 5,
                            top + BAR_HEIGHT / 2 + values.getAscent() / 2 - 1);
                }
                y += groupHeight + GROUP_GAP;
            }
        }

        /** At most {@value #MOST_LINEAR_TICKS} ticks 1, 2 or 5 times a power of ten apart. */
        private List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (logarithmic) {
                for (double tick = scaleMin;
                        tick <= scaleMax * 1.000001;
                        tick = oneTwoFiveAtOrAbove(tick * 1.5)) {
                    ticks.add(tick);
                }
            } else {
                double step = Math.max(1, oneTwoFiveAtOrAbove(scaleMax / MOST_LINEAR_TICKS));
                for (double tick = 0; tick <= scaleMax; tick += step) {
                    ticks.add(tick);
                }
            }
            return ticks;
        }

        private int x(double ratio) {
            double fraction =
                    logarithmic
                            ? Math.log(Math.max(ratio, scaleMin) / scaleMin)
                                    / Math.log(scaleMax / scaleMin)
                            : ratio / scaleMax;
            return plotLeft + (int) Math.round((plotRight - plotLeft) * fraction);
        }
    }

    /** The smallest of 1, 2 and 5 times a power of ten that is at least {@code value}. */
    static double oneTwoFiveAtOrAbove(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double mantissa : new double[] {1, 2, 5, 10}) {
            if (mantissa * power >= value * (1 - 1e-9)) {
                return mantissa * power;
            }
        }
        throw new AssertionError(value);
    }

    /** The largest of 1, 2 and 5 times a power of ten that is at most {@code value}. */
    static double oneTwoFiveAtOrBelow(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double mantissa : new double[] {10, 5, 2, 1}) {
            if (mantissa * power <= value * (1 + 1e-9)) {
                return mantissa * power;
            }
        }
        throw new AssertionError(value);
    }

    private static String timesLabel(double ratio) {
        return (ratio == Math.rint(ratio)
                        ? Long.toString((long) ratio)
                        : BigDecimal.valueOf(ratio).stripTrailingZeros().toPlainString())
                + "×";
    }
}
