package io.jetliner.flink.source;

import io.jetliner.flink.testutil.MiniClusters;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A job reading some partitions of a Hive-style tree, with their values as columns. */
class JetlinerSourcePartitionsITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @TempDir java.nio.file.Path root;

    @Test
    void readsOnlyTheSelectedPartitionsNeverOpeningAFileOfAnother() throws Exception {
        write("year=2024/region=eu/a.avro", 30);
        write("year=2024/region=none/b.avro", 20);
        write("year=2025/region=eu/c.avro", 25);
        // a pruned partition's file that would fail the job if it were opened
        java.nio.file.Path corrupt = root.resolve("year=2025/region=us/corrupt.avro");
        Files.createDirectories(corrupt.getParent());
        Files.write(corrupt, new byte[] {1, 2, 3});

        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(Path.fromLocalFile(root.toFile()))
                        .columns(
                                SourceColumn.partition("region", VarCharType.STRING_TYPE),
                                SourceColumn.avroField("id"),
                                SourceColumn.metadata(FileMetadata.FILE_NAME),
                                SourceColumn.partition("year", new IntType()))
                        .defaultPartitionName("none")
                        .partitions(
                                List.of(
                                        Map.of("year", "2024", "region", "none"),
                                        Map.of("year", "2025", "region", "eu")))
                        .splitSize(1024)
                        .build();

        assertThat(read(source))
                .containsExactlyInAnyOrderElementsOf(
                        concat(rows("null", "b.avro", 2024, 20), rows("eu", "c.avro", 2025, 25)));
    }

    private void write(String relative, int records) throws Exception {
        java.nio.file.Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        EventFiles.write(
                file,
                EventFiles.SCHEMA,
                CodecFactory.snappyCodec(),
                256,
                () -> LongStream.range(0, records).mapToObj(EventFiles::event).iterator());
    }

    private static List<String> read(JetlinerSource<RowData> source) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<RowData> collected =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "partitions")
                        .executeAndCollect("read partitions")) {
            while (collected.hasNext()) {
                RowData row = collected.next();
                rows.add(
                        (row.isNullAt(0) ? "null" : row.getString(0).toString())
                                + "|"
                                + row.getLong(1)
                                + "|"
                                + row.getString(2)
                                + "|"
                                + row.getInt(3));
            }
        }
        return rows;
    }

    private static List<String> rows(String region, String file, int year, int records) {
        return LongStream.range(0, records)
                .mapToObj(id -> region + "|" + id + "|" + file + "|" + year)
                .collect(Collectors.toList());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
