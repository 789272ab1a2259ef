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
        }
        assertThat(benchmark.markdown(results))
                .contains("| full scan into blackhole | zstandard | 2 |");
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
