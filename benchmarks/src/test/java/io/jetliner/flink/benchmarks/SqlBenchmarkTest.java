package io.jetliner.flink.benchmarks;

import org.apache.flink.types.Row;

import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SQL benchmark must read the same rows through both connectors, at parallelism 1 and 2, or it
 * compares nothing: a run of it on a small file, every statement once.
 */
class SqlBenchmarkTest {

    private static final long ROWS = 20_000;

    @TempDir Path cacheDir;

    @Test
    void bothConnectorsReturnWhatTheFileHoldsForEveryStatementAtParallelismOneAndTwo()
            throws Exception {
        SqlBenchmark benchmark =
                SqlBenchmark.parse(
                                new String[] {
                                    "--rows", String.valueOf(ROWS),
                                    "--codecs", "null,zstandard",
                                    "--warmups", "0",
                                    "--runs", "1"
                                })
                        .cacheDir(cacheDir);

        List<SqlBenchmark.CodecResult> results = benchmark.run();

        assertThat(results).hasSize(2);
        for (SqlBenchmark.CodecResult result : results) {
            Path file = BenchmarkDatasets.file(DataShape.EVENTS, result.codec, ROWS, cacheDir);
            FileTotals totals = FileTotals.of(file);
            assertThat(result.checked(SqlQuery.COUNT)).isEqualTo(Row.of(ROWS));
            assertThat((Double) result.checked(SqlQuery.SUM).getField(0))
                    .isCloseTo(totals.amount, org.assertj.core.data.Offset.offset(1e-6));
            Row scan = result.checked(SqlQuery.SCAN);
            assertThat(scan.getField(0)).isEqualTo(ROWS);
            assertThat(scan.getField(1)).isEqualTo(ROWS * (ROWS - 1) / 2);
            assertThat(result.checked(SqlQuery.FILTER).getField(0)).isEqualTo(totals.filtered);
            assertThat(result.filtered()).isBetween(ROWS / 200, ROWS * 3 / 200);
            // Every statement, connector and parallelism ran once.
            assertThat(result.runs).hasSize(SqlQuery.values().length * 2 * 2);
            assertThat(result.runs.values()).allSatisfy(runs -> assertThat(runs).hasSize(1));
            // What either connector's build pushes down, both read only the summed column, and
            // Flink's avro format leaves the filter to Flink.
            for (SqlConnector connector : SqlConnector.values()) {
                assertThat(result.plan(SqlQuery.SUM, connector).pushedIntoScan())
                        .contains("project=[amount]");
            }
            assertThat(result.plan(SqlQuery.FILTER, SqlConnector.FLINK_AVRO).aboveScan())
                    .contains("Calc where=[<(duration_ms, 600)]");
        }
        String markdown = benchmark.markdown(results);
        assertThat(markdown)
                .contains("| full scan into blackhole | zstandard | 2 |")
                .contains("| SUM(amount) | Flink avro | `project=[amount]`")
                .contains("every other codec's are the same.")
                .contains("WHERE duration_ms < 600 into blackhole, Jetliner:\n\n```\nSink(");
        RatioTable ratios = benchmark.ratios(results);
        assertThat(ratios.comparisons())
                .containsExactly(
                        "Jetliner / Flink avro at parallelism 1",
                        "Jetliner / Flink avro at parallelism 2");
        assertThat(ratios.rows())
                .extracting(RatioTable.Row::name)
                .contains("COUNT(*) null", "full scan into blackhole zstandard")
                .hasSize(SqlQuery.values().length * 2);
        assertThat(RatioTable.parse(ratios.toCsv(), "test").rows())
                .extracting(RatioTable.Row::name)
                .isEqualTo(ratios.rows().stream().map(RatioTable.Row::name).toList());
    }

    @Test
    void quickModeReadsASmallFileOnceAndFullModeTheFullOneWithWarmUpsAndRepeats() {
        SqlBenchmark quick = SqlBenchmark.parse(new String[] {"--mode", "quick"});
        SqlBenchmark full = SqlBenchmark.parse(new String[0]);

        assertThat(quick.rows()).isLessThan(full.rows());
        assertThat(full.rows()).isEqualTo(EventsDataset.FULL_ROWS);
        assertThat(quick.warmups()).isZero();
        assertThat(quick.runs()).isOne();
        assertThat(full.warmups()).isOne();
        assertThat(full.runs()).isEqualTo(3);
        assertThat(quick.output()).isNotEqualTo(full.output());
    }

    @Test
    void flagsOverrideTheModeWhereverTheyStand() {
        SqlBenchmark before =
                SqlBenchmark.parse(new String[] {"--runs", "5", "--rows", "7", "--mode", "quick"});
        SqlBenchmark after =
                SqlBenchmark.parse(
                        new String[] {"--mode", "quick", "--warmups", "2", "-o", "x.md"});

        assertThat(before.runs()).isEqualTo(5);
        assertThat(before.rows()).isEqualTo(7);
        assertThat(before.warmups()).isZero();
        assertThat(after.warmups()).isEqualTo(2);
        assertThat(after.runs()).isOne();
        assertThat(after.output()).isEqualTo(Path.of("x.md"));
    }

    @Test
    void anUnknownModeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> SqlBenchmark.parse(new String[] {"--mode", "fast"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fast'")
                .hasMessageContaining("quick, full");
    }

    @Test
    void sumsOfDoublesAgreeToTheirLastBitsButNothingElseDoes() {
        assertThat(SqlBenchmark.agree(Row.of(3L, 0.1 + 0.2), Row.of(3L, 0.3))).isTrue();
        assertThat(SqlBenchmark.agree(Row.of(3L, 0.3), Row.of(3L, 0.3001))).isFalse();
        assertThat(SqlBenchmark.agree(Row.of(3L, 0.3), Row.of(4L, 0.3))).isFalse();
        assertThat(SqlBenchmark.agree(Row.of("a"), Row.of("b"))).isFalse();
        assertThat(SqlBenchmark.agree(Row.of(1L), Row.of(1L, 2L))).isFalse();
    }

    /** What Avro Java reads from the file, to check the SQL against. */
    private static final class FileTotals {
        double amount;
        long filtered;

        static FileTotals of(Path file) throws IOException {
            FileTotals totals = new FileTotals();
            try (DataFileReader<GenericRecord> reader =
                    new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
                for (GenericRecord record : reader) {
                    totals.amount += (Double) record.get("amount");
                    if ((Integer) record.get("duration_ms") < 600) {
                        totals.filtered++;
                    }
                }
            }
            return totals;
        }
    }
}
