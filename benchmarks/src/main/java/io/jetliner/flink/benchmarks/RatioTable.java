package io.jetliner.flink.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.DoubleStream;

/**
 * The ratios a benchmark measured, as it writes them beside its markdown report for {@link
 * BenchmarkChart}: one row per dataset or codec, one column per comparison (how many times faster
 * Jetliner was than another reader).
 *
 * <p>As a file, CSV of plain numbers under a title:
 *
 * <pre>
 * # Decode throughput: Jetliner against Avro Java and Flink's avro format
 * dataset,Jetliner / Avro Java,Jetliner / Flink avro
 * simple,1.46,2.32
 * wide,1.11,
 * </pre>
 *
 * <p>An empty cell is a ratio not measured. Names hold no comma.
 */
public final class RatioTable {

    private static final String TITLE_PREFIX = "# ";

    private final String title;
    private final String rowHeader;
    private final List<String> comparisons;
    private final List<Row> rows = new ArrayList<>();

    /** One dataset or codec: its name and one ratio per comparison, NaN where not measured. */
    public record Row(String name, double[] ratios) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Row
                    && name.equals(((Row) other).name)
                    && Arrays.equals(ratios, ((Row) other).ratios);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, Arrays.hashCode(ratios));
        }

        @Override
        public String toString() {
            return name + Arrays.toString(ratios);
        }
    }

    public RatioTable(String title, String rowHeader, List<String> comparisons) {
        this.title = requireName(title, "title");
        this.rowHeader = requireCell(rowHeader);
        if (comparisons.isEmpty()) {
            throw new IllegalArgumentException("a ratio table needs at least one comparison");
        }
        comparisons.forEach(RatioTable::requireCell);
        this.comparisons = List.copyOf(comparisons);
    }

    /** Adds a row; {@code ratios} in the order of the comparisons, NaN for one not measured. */
    public RatioTable add(String name, double... ratios) {
        requireCell(name);
        if (ratios.length != comparisons.size()) {
            throw new IllegalArgumentException(
                    name
                            + " has "
                            + ratios.length
                            + " ratios for "
                            + comparisons.size()
                            + " comparisons");
        }
        for (double ratio : ratios) {
            if (ratio < 0 || Double.isInfinite(ratio)) {
                throw new IllegalArgumentException(name + " has the ratio " + ratio);
            }
        }
        rows.add(new Row(name, ratios.clone()));
        return this;
    }

    public String title() {
        return title;
    }

    public String rowHeader() {
        return rowHeader;
    }

    public List<String> comparisons() {
        return comparisons;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The largest ratio of the table, 0 if none is measured. */
    public double maxRatio() {
        return measuredRatios().max().orElse(0);
    }

    /** The smallest ratio of the table, 0 if none is measured. */
    public double minRatio() {
        return measuredRatios().min().orElse(0);
    }

    private DoubleStream measuredRatios() {
        return rows.stream()
                .flatMapToDouble(row -> Arrays.stream(row.ratios))
                .filter(ratio -> !Double.isNaN(ratio));
    }

    public String toCsv() {
        StringBuilder out = new StringBuilder();
        out.append(TITLE_PREFIX).append(title).append('\n');
        out.append(rowHeader).append(',').append(String.join(",", comparisons)).append('\n');
        for (Row row : rows) {
            out.append(row.name);
            for (double ratio : row.ratios) {
                out.append(',');
                if (!Double.isNaN(ratio)) {
                    out.append(String.format(Locale.ROOT, "%.4f", ratio));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Where a benchmark writes its ratios: beside its markdown report, {@code x.md} -> {@code
     * x.csv}.
     */
    public static Path besideReport(Path markdownReport) {
        String name = markdownReport.getFileName().toString();
        String base = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        return markdownReport.resolveSibling(base + ".csv");
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
    }

    public static RatioTable read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param source names the text in errors
     * @throws IllegalArgumentException where the text is not a ratio table, naming the line
     */
    public static RatioTable parse(String csv, String source) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2 || !lines.get(0).startsWith(TITLE_PREFIX)) {
            throw new IllegalArgumentException(
                    source + ": a ratio table starts with a '# title' line and a header line");
        }
        String[] header = lines.get(1).split(",", -1);
        RatioTable table =
                new RatioTable(
                        lines.get(0).substring(TITLE_PREFIX.length()).strip(),
                        header[0],
                        Arrays.asList(header).subList(1, header.length));
        for (int i = 2; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(
                        String.format(
                                Locale.ROOT,
                                "%s: line %d has %d cells, the header %d",
                                source,
                                i + 1,
                                cells.length,
                                header.length));
            }
            double[] ratios = new double[cells.length - 1];
            for (int c = 1; c < cells.length; c++) {
                try {
                    ratios[c - 1] = cells[c].isBlank() ? Double.NaN : Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            String.format(
                                    Locale.ROOT,
                                    "%s: line %d: '%s' is not a number",
                                    source,
                                    i + 1,
                                    cells[c]));
                }
            }
            table.add(cells[0], ratios);
        }
        return table;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        return name;
    }

    private static String requireCell(String cell) {
        requireName(cell, "name");
        if (cell.contains(",") || cell.contains("\n")) {
            throw new IllegalArgumentException("a name holds a comma or a line break: " + cell);
        }
        return cell;
    }
}
