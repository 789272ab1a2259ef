package io.jetliner.flink.cli;

import io.jetliner.flink.datagen.SampleEvents;

import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ConvertCommandTest {

    private static final int ROWS = 3000;

    @TempDir static Path dir;
    private static Path events;

    @BeforeAll
    static void writeEvents() throws IOException {
        events = dir.resolve("events.avro");
        SampleEvents.write(events, "deflate", ROWS);
    }

    @Test
    void jsonOutputHoldsTheLinesCatPrints() throws IOException {
        Path out = dir.resolve("json");

        Cli.Result result = Cli.run("convert", events.toString(), out.toString(), "--to", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("converted " + ROWS + " rows")
                .contains("to json in " + out);
        List<String> written = new ArrayList<>();
        for (Path file : partFiles(out)) {
            written.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        assertThat(written)
                .containsExactlyInAnyOrderElementsOf(Cli.run("cat", events.toString()).outLines());
    }

    @Test
    void avroOutputHasTheCodecAskedForAndEveryRow() throws IOException {
        Path out = dir.resolve("avro");

        Cli.Result result =
                Cli.run(
                        "convert",
                        events.toString(),
                        out.toString(),
                        "--to",
                        "avro",
                        "--codec",
                        "zstandard",
                        "--parallelism",
                        "1",
                        "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        long rows = 0;
        for (Path file : partFiles(out)) {
            try (DataFileReader<GenericRecord> reader =
                    new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
                assertThat(reader.getMetaString("avro.codec")).isEqualTo("zstandard");
                for (GenericRecord record : reader) {
                    rows++;
                }
            }
        }
        assertThat(rows).isEqualTo(ROWS);
    }

    @Test
    void parquetOutputIsParquet() throws IOException {
        Path out = dir.resolve("parquet");

        Cli.Result result =
                Cli.run(
                        "convert",
                        events.toString(),
                        out.toString(),
                        "--to",
                        "parquet",
                        "--codec",
                        "zstd");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(partFiles(out)).isNotEmpty();
        for (Path file : partFiles(out)) {
            try (InputStream in = Files.newInputStream(file)) {
                assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII))
                        .isEqualTo("PAR1");
            }
        }
    }

    @Test
    void aCodecForJsonOrCsvIsRefused() {
        Cli.Result result =
                Cli.run(
                        "convert",
                        events.toString(),
                        dir.resolve("csv").toString(),
                        "--to",
                        "csv",
                        "--codec",
                        "gzip");

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines())
                .containsExactly("jetliner convert: --codec does not apply to csv output");
    }

    @Test
    void aDirectoryThatHoldsFilesIsNotWrittenIntoWithoutOverwrite() throws IOException {
        Path out = Files.createDirectories(dir.resolve("full"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        Cli.Result result = Cli.run("convert", events.toString(), out.toString(), "--to", "json");

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines())
                .containsExactly(
                        "jetliner convert: "
                                + out
                                + " is not empty: choose another directory or --overwrite");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    private static List<Path> partFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.getFileName().toString().startsWith("_"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
