package io.jetliner.flink.source;

import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.MiniClusters;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jobs that read rows without fields ({@code SELECT COUNT(*)}) or with a row limit, on parallel
 * readers over files of every codec cut into many splits.
 */
class JetlinerSourceCountAndLimitITCase {

    private static final int PARALLELISM = 2;
    private static final int ROWS_PER_FILE = 20_000;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(PARALLELISM);

    @TempDir java.nio.file.Path dir;

    @Test
    void countsEveryRecordOfEveryFileFromBlockHeadersOnParallelReaders() throws Exception {
        writeFiles();
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(new Path(dir.toUri()))
                        .projection(RowType.of())
                        .splitSize(64 << 10)
                        .build();

        List<Integer> arities = read(source);

        assertThat(arities).hasSize(AvroFiles.CODECS.size() * ROWS_PER_FILE).containsOnly(0);
    }

    @Test
    void emitsAtLeastTheLimitAndAtMostTheLimitPerReader() throws Exception {
        writeFiles();
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(new Path(dir.toUri()))
                        .splitSize(64 << 10)
                        .limit(10)
                        .build();

        assertThat(read(source)).hasSizeBetween(10, 10 * PARALLELISM);
    }

    @Test
    void rejectsANegativeLimit() {
        assertThatThrownBy(
                        () ->
                                JetlinerSource.forRowData(new Path(dir.toUri()))
                                        .schema(EventFiles.SCHEMA)
                                        .limit(-1)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit")
                .hasMessageContaining("-1");
    }

    /** One file per codec, in blocks of about 4 KiB, and an empty one. */
    private void writeFiles() {
        Random random = new Random(11);
        for (String codec : AvroFiles.CODECS) {
            EventFiles.write(
                    dir.resolve("events-" + codec + ".avro"),
                    EventFiles.SCHEMA,
                    AvroFiles.codec(codec, random),
                    4 << 10,
                    () ->
                            LongStream.range(0, ROWS_PER_FILE)
                                    .mapToObj(EventFiles::event)
                                    .iterator());
        }
        EventFiles.write(
                dir.resolve("empty.avro"),
                EventFiles.SCHEMA,
                CodecFactory.nullCodec(),
                4 << 10,
                List.of());
    }

    /** The arity of each row the source emits. */
    private static List<Integer> read(JetlinerSource<RowData> source) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        List<Integer> arities = new ArrayList<>();
        try (CloseableIterator<RowData> rows =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "jetliner")
                        .executeAndCollect("count and limit")) {
            rows.forEachRemaining(row -> arities.add(row.getArity()));
        }
        return arities;
    }
}
