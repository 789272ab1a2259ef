package io.jetliner.flink.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The benchmark chart: a PNG whose bars are as long as the ratios of the results file. */
class BenchmarkChartTest {

    @TempDir Path tmp;

    @Test
    void drawsAPngWithOneBarPerMeasuredRatioAsLongAsTheRatio() throws Exception {
        RatioTable table = RatioTable.read(fixture());
        Path png = tmp.resolve("img").resolve("chart.png");

        BenchmarkChart.main(new String[] {fixture().toString(), png.toString()});

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(BenchmarkChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(BenchmarkChart.height(table));
        List<Integer> avroJava = barLengths(image, BenchmarkChart.SERIES_COLORS[0]);
        List<Integer> flinkAvro = barLengths(image, BenchmarkChart.SERIES_COLORS[1]);
        // simple, projection_fullread, wide; wide has no Flink ratio
        assertThat(avroJava).hasSize(3);
        assertThat(flinkAvro).hasSize(2);
        double pixelsPerTimes = flinkAvro.get(1) / 7.58;
        assertThat(avroJava.get(0)).isCloseTo((int) (1.46 * pixelsPerTimes), within2());
        assertThat(avroJava.get(1)).isCloseTo((int) (3.87 * pixelsPerTimes), within2());
        assertThat(avroJava.get(2)).isCloseTo((int) (1.11 * pixelsPerTimes), within2());
        assertThat(flinkAvro.get(0)).isCloseTo((int) (2.32 * pixelsPerTimes), within2());
    }

    @Test
    void drawsRatiosSpanningMoreThanTwentyTimesOnALogarithmicScaleEqualFactorsEqualLengths() {
        RatioTable table =
                RatioTable.parse("# Wide span\nquery,p1\na,2\nb,20\nc,200\n", "wide.csv");

        List<Integer> bars =
                barLengths(BenchmarkChart.draw(table), BenchmarkChart.SERIES_COLORS[0]);

        assertThat(bars).hasSize(3);
        // 2× to 20× and 20× to 200× are both ten times
        assertThat(bars.get(2) - bars.get(1)).isCloseTo(bars.get(1) - bars.get(0), within2());
        // the scale starts at 1×, which is where a bar of 2× starts as well
        assertThat(bars.get(0) * Math.log(10) / Math.log(2))
                .isCloseTo(bars.get(1) - bars.get(0), org.assertj.core.data.Offset.offset(4.0));
    }

    @Test
    void placesTicksOneTwoOrFiveTimesAPowerOfTenApart() {
        assertThat(BenchmarkChart.oneTwoFiveAtOrAbove(168.25)).isEqualTo(200);
        assertThat(BenchmarkChart.oneTwoFiveAtOrAbove(20)).isEqualTo(20);
        assertThat(BenchmarkChart.oneTwoFiveAtOrAbove(3.1)).isEqualTo(5);
        assertThat(BenchmarkChart.oneTwoFiveAtOrAbove(6)).isEqualTo(10);
        assertThat(BenchmarkChart.oneTwoFiveAtOrBelow(0.7)).isEqualTo(0.5, within(1e-12));
        assertThat(BenchmarkChart.oneTwoFiveAtOrBelow(1)).isEqualTo(1);
        assertThat(BenchmarkChart.oneTwoFiveAtOrBelow(19.9)).isEqualTo(10);
    }

    @Test
    void writesTextOnAWhiteBackground() {
        BufferedImage image = BenchmarkChart.draw(RatioTable.parse(fixtureText(), "fixture"));

        assertThat(image.getRGB(0, 0)).isEqualTo(Color.WHITE.getRGB());
        long dark = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() + c.getGreen() + c.getBlue() < 200) {
                    dark++;
                }
            }
        }
        // the title
        assertThat(dark).isGreaterThan(100);
    }

    @Test
    void breaksALongTitleIntoLinesThatFitTheWidth() {
        String title =
                "Source throughput in a Flink job: how many times faster JetlinerSource reads than"
                        + " Flink's FileSource with the avro format, on a machine of two cores";

        List<String> lines = BenchmarkChart.titleLines(title);

        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(String.join(" ", lines)).isEqualTo(title);
        assertThat(BenchmarkChart.titleLines("Short")).containsExactly("Short");
    }

    @Test
    void readsBackTheTableItWrites() throws Exception {
        RatioTable table =
                new RatioTable("Source", "codec", List.of("p1", "p2"))
                        .add("null", 3.96, 3.21)
                        .add("xz", 1.28, Double.NaN);
        Path csv = tmp.resolve("source.csv");

        table.write(csv);

        RatioTable read = RatioTable.read(csv);
        assertThat(read.title()).isEqualTo("Source");
        assertThat(read.rowHeader()).isEqualTo("codec");
        assertThat(read.comparisons()).containsExactly("p1", "p2");
        assertThat(read.rows()).isEqualTo(table.rows());
        assertThat(RatioTable.besideReport(Paths.get("target", "source-benchmark.md")))
                .isEqualTo(Paths.get("target", "source-benchmark.csv"));
    }

    @Test
    void refusesAFileThatIsNotARatioTableNamingTheLine() {
        assertThatThrownBy(() -> RatioTable.parse("dataset,a\nsimple,1\n", "r.csv"))
                .hasMessageContaining("r.csv")
                .hasMessageContaining("'# title'");
        assertThatThrownBy(() -> RatioTable.parse("# t\ndataset,a\nsimple,fast\n", "r.csv"))
                .hasMessageContaining("r.csv: line 3: 'fast' is not a number");
        assertThatThrownBy(() -> RatioTable.parse("# t\ndataset,a,b\nsimple,1\n", "r.csv"))
                .hasMessageContaining("r.csv: line 3 has 2 cells, the header 3");
    }

    /** The length of each bar of one colour, top to bottom, measured along its middle row. */
    private static List<Integer> barLengths(BufferedImage image, Color color) {
        List<Integer> lengths = new java.util.ArrayList<>();
        int rgb = color.getRGB();
        int previousRowLength = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            int length = 0;
            int run = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                run = image.getRGB(x, y) == rgb ? run + 1 : 0;
                length = Math.max(length, run);
            }
            // a bar is a run of rows with a long run of the colour; the legend's swatch is short
            if (length > 20 && previousRowLength <= 20) {
                lengths.add(length);
            }
            previousRowLength = length;
        }
        return lengths;
    }

    private static org.assertj.core.data.Offset<Integer> within2() {
        return org.assertj.core.data.Offset.offset(2);
    }

    private static Path fixture() throws Exception {
        return Paths.get(BenchmarkChartTest.class.getResource("/ratio-table.csv").toURI());
    }

    private static String fixtureText() {
        try {
            return Files.readString(fixture());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
