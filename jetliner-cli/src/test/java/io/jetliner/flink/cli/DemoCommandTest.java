package io.jetliner.flink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @TempDir Path dir;

    @Test
    void generatesAggregatesAndConvertsPrintingResultsAndThroughput() {
        Cli.Result result = Cli.run("demo", "--rows", "20000", "--dir", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains(
                        "1/3 The sample: 20000 click events (snappy)",
                        "2/3 Flink SQL through the connector, on an embedded cluster:",
                        "| country | events | users |",
                        "5 rows in set",
                        "3/3 Conversion to Parquet through the connector")
                .containsPattern("20000 rows \\(.* of Avro\\) read in .* s: .* rows/s");
        assertThat(dir.resolve("events-20000-snappy.avro")).isRegularFile();
        assertThat(dir.resolve("events-parquet")).isDirectory();
    }

    @Test
    void reusesTheSampleFileOfAnEarlierRun() throws Exception {
        Files.createDirectories(dir);
        Cli.run(
                "generate",
                dir.resolve("events-100-null.avro").toString(),
                "-r",
                "100",
                "--codec",
                "null");

        Cli.Result result =
                Cli.run("demo", "--rows", "100", "--codec", "null", "--dir", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("(already there, reused)");
    }
}
