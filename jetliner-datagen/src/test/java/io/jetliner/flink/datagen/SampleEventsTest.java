package io.jetliner.flink.datagen;

import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleEventsTest {

    @TempDir Path dir;

    @Test
    void writesTheSameEventsInEveryCodec() throws IOException {
        List<String> deflate = read(write("deflate", 1000));
        List<String> zstandard = read(write("zstandard", 1000));

        assertThat(deflate).hasSize(1000).isEqualTo(zstandard);
        assertThat(deflate.get(0)).contains("\"event_id\": 0");
        assertThat(deflate.get(999)).contains("\"event_id\": 999");
    }

    @Test
    void tellsProgressInRowsWrittenAndEndsWithTheTotal() throws IOException {
        List<Long> reports = new ArrayList<>();
        SampleEvents.write(dir.resolve("events.avro"), "null", 20_000, reports::add);

        assertThat(reports).isSorted().contains(8192L, 16384L).endsWith(20_000L);
    }

    @Test
    void refusesAnUnknownCodecNamingTheOnesItKnows() {
        assertThatThrownBy(() -> SampleEvents.write(dir.resolve("x.avro"), "lz5", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lz5'")
                .hasMessageContaining("zstandard");
    }

    private Path write(String codec, long rows) throws IOException {
        Path file = dir.resolve(codec + ".avro");
        SampleEvents.write(file, codec, rows);
        return file;
    }

    private static List<String> read(Path file) throws IOException {
        List<String> rows = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader =
                new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            reader.forEach(row -> rows.add(row.toString()));
        }
        return rows;
    }
}
