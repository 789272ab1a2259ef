package io.jetliner.flink.source;

import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.MiniClusters;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A source with a filter emits exactly the rows the filter accepts, whether or not its fields are
 * projected; {@code build()} refuses a filter that does not fit the files.
 */
class JetlinerSourceFilterITCase {

    private static final int EVENTS = 20_000;

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @TempDir java.nio.file.Path dir;

    private Path path;

    @BeforeEach
    void writeEvents() {
        EventFiles.write(
                dir.resolve("events.avro"),
                EventFiles.SCHEMA,
                AvroFiles.codec("snappy", new Random(1)),
                8 << 10,
                () -> LongStream.range(0, EVENTS).mapToObj(EventFiles::event).iterator());
        path = new Path(dir.toUri());
    }

    @Test
    void emitsTheNamesOfTheRowsWhoseAmountPassesWithoutProjectingTheAmount() throws Exception {
        // SELECT name FROM events WHERE amount >= 2000 AND note IS NOT NULL
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(path)
                        .projectedFields("name")
                        .filter(
                                RowFilter.and(
                                        RowFilter.greaterThanOrEqual("amount", 2000),
                                        RowFilter.isNotNull("note")))
                        .splitSize(64 << 10)
                        .build();

        List<String> names = read(source, row -> row.getString(0).toString());

        assertThat(names)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.range(0, EVENTS)
                                .filter(
                                        id ->
                                                EventFiles.amount(id) >= 2000
                                                        && EventFiles.note(id) != null)
                                .mapToObj(EventFiles::name)
                                .collect(Collectors.toList()))
                .hasSize(3_200);
    }

    @Test
    void refusesAtBuildAFilterOnAFieldTheFilesLackOrCannotCompare() {
        assertThatThrownBy(
                        () ->
                                JetlinerSource.forRowData(path)
                                        .filter(RowFilter.equal("user", "x"))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no field 'user' to filter on")
                .hasMessageContaining("[id, name, note, amount]");
        assertThatThrownBy(
                        () ->
                                JetlinerSource.forRowData(path)
                                        .filter(RowFilter.equal("name", 5))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'name' is STRING NOT NULL");
        assertThatThrownBy(
                        () ->
                                JetlinerSource.forGenericRecord(EventFiles.SCHEMA, path)
                                        .filter(RowFilter.isNull("note"))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter are for RowData");
    }

    private static <T> List<T> read(
            JetlinerSource<RowData> source, java.util.function.Function<RowData, T> value)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<T> values = new ArrayList<>();
        try (CloseableIterator<RowData> rows =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "jetliner")
                        .executeAndCollect("filtered read")) {
            rows.forEachRemaining(row -> values.add(value.apply(row)));
        }
        return values;
    }
}
