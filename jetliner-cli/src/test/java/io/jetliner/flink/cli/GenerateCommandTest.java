package io.jetliner.flink.cli;

import io.jetliner.flink.datagen.SampleEvents;

import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {

    @TempDir Path dir;

    @Test
    void writesTheEventsTableWithTheRowsAndCodecAskedFor() throws IOException {
        Path file = dir.resolve("sub/events.avro");

        Cli.Result result = Cli.run("generate", file.toString(), "--rows", "1234", "--codec", "xz");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.errLines()).containsExactly("wrote 1234 events (xz) to " + file);
        try (DataFileReader<GenericRecord> reader =
                new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            assertThat(reader.getSchema()).isEqualTo(SampleEvents.SCHEMA);
            assertThat(reader.getMetaString("avro.codec")).isEqualTo("xz");
            long rows = 0;
            for (GenericRecord ignored : reader) {
                rows++;
            }
            assertThat(rows).isEqualTo(1234);
        }
    }

    @Test
    void writesTheSameBytesAsTheBenchmarksGenerator() throws IOException {
        Path ours = dir.resolve("cli.avro");
        Path theirs = dir.resolve("datagen.avro");
        Cli.run("generate", ours.toString(), "--rows", "500", "--codec", "null", "--quiet");
        SampleEvents.write(theirs, "null", 500);

        // Same rows; the files differ only in their random sync markers.
        assertThat(Cli.run("cat", ours.toString()).out())
                .isEqualTo(Cli.run("cat", theirs.toString()).out());
        assertThat(Files.size(ours)).isEqualTo(Files.size(theirs));
    }

    @Test
    void anUnknownCodecFailsNamingTheKnownOnes() {
        Cli.Result result = Cli.run("generate", dir.resolve("x.avro").toString(), "--codec", "lz5");

        assertThat(result.exitCode()).isEqualTo(JetlinerCli.EXIT_FAILURE);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("jetliner generate: unknown codec 'lz5'")
                .contains("zstandard");
    }
}
