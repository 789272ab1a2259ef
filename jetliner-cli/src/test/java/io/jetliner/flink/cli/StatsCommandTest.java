package io.jetliner.flink.cli;

import io.jetliner.flink.datagen.SampleEvents;

import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatsCommandTest {

    @TempDir Path dir;

    @Test
    void countsRowsBlocksAndBytesPerFileAndInTotal() throws IOException {
        Path deflate = dir.resolve("a.avro");
        Path uncompressed = dir.resolve("b.avro");
        SampleEvents.write(deflate, "deflate", 30_000);
        SampleEvents.write(uncompressed, "null", 20_000);

        Cli.Result result = Cli.run("stats", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> lines = result.outLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).split("\\s{2,}"))
                .containsExactly(
                        "file",
                        "codec",
                        "rows",
                        "blocks",
                        "compressed",
                        "uncompressed",
                        "file size");
        String[] a = lines.get(1).split("\\s+");
        String[] b = lines.get(2).split("\\s+");
        String[] total = lines.get(3).split("\\s{2,}");
        assertThat(a[0]).endsWith("a.avro");
        assertThat(a[1]).isEqualTo("deflate");
        assertThat(a[2]).isEqualTo("30000");
        assertThat(Long.parseLong(a[3])).isEqualTo(blocks(deflate));
        assertThat(Long.parseLong(a[4])).isLessThan(Long.parseLong(a[5]));
        assertThat(a[6]).isEqualTo(Long.toString(Files.size(deflate)));
        assertThat(b[1]).isEqualTo("null");
        assertThat(b[4]).isEqualTo(b[5]);
        assertThat(Long.parseLong(b[3])).isEqualTo(blocks(uncompressed));
        assertThat(total)
                .containsExactly(
                        "total (2 files)",
                        "deflate,null",
                        "50000",
                        Long.toString(Long.parseLong(a[3]) + Long.parseLong(b[3])),
                        Long.toString(Long.parseLong(a[4]) + Long.parseLong(b[4])),
                        Long.toString(Long.parseLong(a[5]) + Long.parseLong(b[5])),
                        Long.toString(Files.size(deflate) + Files.size(uncompressed)));
    }

    /** The block count as Avro Java's reader sees it. */
    private static long blocks(Path file) throws IOException {
        long blocks = 0;
        try (InputStream in = Files.newInputStream(file);
                DataFileStream<GenericRecord> stream =
                        new DataFileStream<>(in, new GenericDatumReader<>())) {
            while (stream.hasNext()) {
                blocks++;
                stream.nextBlock();
            }
        }
        return blocks;
    }
}
